import type { MappingCriterion, PlannedQuestion } from './mapping-input.js';
import { allTerms, contentTerms, contentWords, questionTerms } from './mapping-terms.js';
import { stem } from '../rubric/text-stems.js';
import type { SynonymSource } from './wordnet-synonyms.js';

/**
 * A criterion as a weighted bag of stems: what an answer about it is likely to say.
 * The title and the interviewer's signal phrases weigh most; prose descriptions less; WordNet
 * synonyms of title and signal words least, because they include senses nobody meant.
 * A multi-word signal means what its words mean together ("make the numbers look better"): each of
 * its words alone is weaker evidence, so they share the signal's weight (see signalWordWeight), and
 * the whole phrase, said verbatim, earns a bonus of its own.
 */
export interface CriterionProfile {
  criterionId: string;
  terms: Map<string, number>;
  /** Multi-word signals as stem sequences, stopwords kept ("they were right"): an exact phrase is strong evidence. */
  phrases: string[][];
}

export const SOURCE_WEIGHTS = {
  title: 1,
  signal: 1,
  description: 0.6,
  goodOrBad: 0.5,
  plannedQuestion: 0.5,
  synonym: 0.35,
} as const;

/**
 * Weight of each content word of a signal: the full signal weight for a one-word signal, divided by
 * the square root of the word count for a phrase ("message queue": 0.71 each; "make the numbers look
 * better": 0.5 each). Generic words inside stance phrases ("make", "look", "want") otherwise match
 * answers that have nothing to do with the criterion.
 */
export function signalWordWeight(signal: string): number {
  return SOURCE_WEIGHTS.signal / Math.sqrt(Math.max(1, contentTerms(signal).length));
}

function raise(terms: Map<string, number>, term: string, weight: number): void {
  if ((terms.get(term) ?? 0) < weight) terms.set(term, weight);
}

export async function buildCriterionProfiles(
  criteria: readonly MappingCriterion[],
  questions: readonly PlannedQuestion[],
  synonyms: SynonymSource,
): Promise<CriterionProfile[]> {
  const profiles = await Promise.all(
    criteria.map(async (criterion) => {
      const terms = new Map<string, number>();
      const add = (text: string, weight: number) => {
        for (const t of contentTerms(text)) raise(terms, t, weight);
      };
      add(criterion.title, SOURCE_WEIGHTS.title);
      for (const signal of criterion.signals) add(signal, signalWordWeight(signal));
      add(criterion.description, SOURCE_WEIGHTS.description);
      add(criterion.goodLooksLike, SOURCE_WEIGHTS.goodOrBad);
      add(criterion.badLooksLike, SOURCE_WEIGHTS.goodOrBad);
      // What a planned question asks about, not its framing: "tell me about a time", "walk me through"
      // say nothing of the criterion, and would match any answer with "time" or "through" in it.
      for (const q of questions) {
        if (q.criterionIds.includes(criterion.id)) for (const t of questionTerms(q.text)) raise(terms, t, SOURCE_WEIGHTS.plannedQuestion);
      }

      const seeds = new Set(contentWords([criterion.title, ...criterion.signals].join(' ')));
      const expansions = await Promise.all([...seeds].map((w) => synonyms.synonymsOf(w)));
      for (const synonym of expansions.flat()) raise(terms, stem(synonym), SOURCE_WEIGHTS.synonym);

      const phrases = criterion.signals.map((s) => allTerms(s)).filter((p) => p.length >= 2);
      return { criterionId: criterion.id, terms, phrases };
    }),
  );
  return discountSharedTerms(profiles);
}

/**
 * A stem that several criteria share ("design", "customer") cannot tell them apart; its weight is
 * divided by the square root of the number of criteria that use it.
 */
function discountSharedTerms(profiles: CriterionProfile[]): CriterionProfile[] {
  const usage = new Map<string, number>();
  for (const p of profiles) for (const t of p.terms.keys()) usage.set(t, (usage.get(t) ?? 0) + 1);
  return profiles.map((p) => ({
    ...p,
    terms: new Map([...p.terms].map(([t, w]) => [t, w / Math.sqrt(usage.get(t) ?? 1)])),
  }));
}
