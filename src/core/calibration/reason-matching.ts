import { contentWords } from '../mapping/mapping-terms.js';
import type { WordVectors } from '../mapping/word-vectors.js';
import { contentStemSet, intersectionSize, overlapCoefficient } from '../rubric/text-stems.js';
import type { CalibrationCriterion, CalibrationReason } from './calibration-input.js';

/**
 * Which criterion a debrief reason argues from, by meaning and not by exact words: "gave away a
 * 40% discount" is about "Closing and negotiation", "has never managed a team" about no criterion.
 * A reason linked to a criterion (or to a moment tagged with one) is taken at its word; otherwise
 * a shared word with the criterion's title or signals, or a close enough meaning by the mapper's
 * word vectors (best-match alignment, as the mapper scores answers).
 */

/**
 * Alignment at or above this is the same topic. Set on the tuning reasons in
 * reason-matching.test.ts: reasons about a criterion in other words scored 0.60–0.69 against it,
 * reasons about nothing in the rubric at most 0.56 against any criterion.
 */
export const SAME_MEANING = 0.6;

export type ReasonMatch = { criterionId: string; how: 'linked' | 'words' | 'meaning'; score: number } | { criterionId: null; how: null; score: number };

export class ReasonMatcher {
  private readonly profiles: { id: string; stems: Set<string>; words: string[] }[];

  constructor(
    criteria: readonly CalibrationCriterion[],
    private readonly vectors: WordVectors | null,
  ) {
    this.profiles = criteria.map((c) => {
      const text = [c.title, ...c.signals].join(' ');
      return { id: c.id, stems: meaningfulStems(text), words: contentWords(text) };
    });
  }

  // Panels repeat themselves: the same reason text is matched once.
  private readonly matched = new Map<string, ReasonMatch>();
  private readonly same = new Map<string, boolean>();

  match(reason: Pick<CalibrationReason, 'text' | 'criterionId'>): ReasonMatch {
    if (reason.criterionId && this.profiles.some((p) => p.id === reason.criterionId)) return { criterionId: reason.criterionId, how: 'linked', score: 1 };
    const key = reason.text.trim().toLowerCase();
    let found = this.matched.get(key);
    if (!found) this.matched.set(key, (found = this.matchText(reason.text)));
    return found;
  }

  private matchText(text: string): ReasonMatch {
    const stems = meaningfulStems(text);
    const byWords = this.profiles.map((p) => ({ id: p.id, shared: intersectionSize(stems, p.stems) })).sort((a, b) => b.shared - a.shared)[0];
    if (byWords && byWords.shared > 0) return { criterionId: byWords.id, how: 'words', score: 1 };
    if (!this.vectors) return { criterionId: null, how: null, score: 0 };
    const words = contentWords(text);
    const best = this.profiles.map((p) => ({ id: p.id, score: this.vectors!.alignment(words, p.words) })).sort((a, b) => b.score - a.score)[0];
    if (best && best.score >= SAME_MEANING) return { criterionId: best.id, how: 'meaning', score: best.score };
    return { criterionId: null, how: null, score: best?.score ?? 0 };
  }

  /** Whether two off-rubric reasons say the same thing ("people management" / "never managed people"). */
  sameReason(a: string, b: string): boolean {
    const key = `${a.trim().toLowerCase()}\u0000${b.trim().toLowerCase()}`;
    let found = this.same.get(key);
    if (found === undefined) this.same.set(key, (found = this.compare(a, b)));
    return found;
  }

  private compare(a: string, b: string): boolean {
    if (a.trim().toLowerCase() === b.trim().toLowerCase()) return true;
    if (overlapCoefficient(meaningfulStems(a), meaningfulStems(b)) >= 0.5) return true;
    return this.vectors !== null && this.vectors.alignment(contentWords(a), contentWords(b)) >= SAME_REASON;
  }
}

/** Two reasons are one group above this: stricter than matching a criterion, since a group names one topic. */
const SAME_REASON = 0.7;

/** Words that only grade a reason ("weak", "strong") say nothing about its topic. */
const GRADING = new Set('weak strong poor good great bad lack lacks lacking limited little no never not solid excellent clear unclear concern concerns concerned'.split(' '));

function meaningfulStems(text: string): Set<string> {
  const words = contentWords(text).filter((w) => !GRADING.has(w));
  return new Set([...contentStemSet(words.join(' '))].filter((s) => s.length > 2));
}
