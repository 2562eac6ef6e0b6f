import type { MappingCriterion } from './mapping-input.js';
import { cosine, type WordVectors } from './word-vectors.js';

/**
 * Which way a moment points, from the candidate's side: `supports` is evidence in the candidate's
 * favour on the criterion (meets a must-have, stays clear of a deal-breaker), `contradicts` is
 * evidence against ("I've never owned a P&L" on a P&L must-have; "we didn't bother reporting it" on a
 * safety deal-breaker). Scorecards and the debrief read it beside the criterion's kind.
 */
export type Polarity = 'supports' | 'contradicts';
export const POLARITIES: readonly Polarity[] = ['supports', 'contradicts'];

/**
 * The candidate saying they do not, did not or never did something ("I've never", "not really",
 * "didn't bother", "I don't really"): negation of their own experience, not any "not" in a story.
 */
const OWN_NEGATION =
  /\b(?:i(?:'ve| have)? never|never (?:really )?(?:had|done|did|owned|led|worked|been)|not really|i don'?t really|i haven'?t|we haven'?t|didn'?t (?:bother|really)|don'?t bother|i wasn'?t really|we never|no, to be honest|i've never|i just don'?t|nobody else)\b/i;

export function negatesOwnExperience(text: string): boolean {
  return OWN_NEGATION.test(text.replace(/[’‘]/g, "'"));
}

/** How much more the negation counts than the good-versus-bad likeness (cosines differ by ~0.1). */
const NEGATION_WEIGHT = 0.08;

/**
 * Polarity of an answer on a criterion: closer in meaning to what good looks like than to what bad
 * looks like, unless the candidate negates their own experience. Without word vectors only the
 * negation decides.
 */
export function polarityOf(text: string, criterion: MappingCriterion, words: WordVectors | null): Polarity {
  const negated = negatesOwnExperience(text);
  let lean = negated ? -NEGATION_WEIGHT : 0;
  if (words && criterion.goodLooksLike && criterion.badLooksLike) {
    const meaning = words.embed(text);
    lean += cosine(meaning, words.embed(criterion.goodLooksLike)) - cosine(meaning, words.embed(criterion.badLooksLike));
  }
  return lean < 0 ? 'contradicts' : 'supports';
}
