import { UserFacingError } from '../errors.js';
import type { ProposedMoment } from './mapping-input.js';

/**
 * The interviewer reviews proposed moments: accept, reject, or move one to another criterion.
 * Accepted moments (and moments the interviewer adds by hand) become the evidence a scorecard cites.
 * Pure functions over plain data, so the UI, the CLI and tests share one set of rules.
 */
export type EvidenceOrigin = 'auto' | 'manual';

export interface EvidenceRecord {
  criterionId: string;
  start: number;
  end: number;
  quote: string;
  origin: EvidenceOrigin;
}

export type ReviewDecision = 'pending' | 'accepted' | 'rejected';

export interface ReviewedMoment {
  moment: ProposedMoment;
  decision: ReviewDecision;
  /** Set when the interviewer moved the moment to another criterion than the one proposed. */
  retargetedTo?: string;
}

export function startReview(moments: readonly ProposedMoment[]): ReviewedMoment[] {
  return moments.map((moment) => ({ moment, decision: 'pending' }));
}

function update(review: readonly ReviewedMoment[], index: number, change: (item: ReviewedMoment) => ReviewedMoment): ReviewedMoment[] {
  if (!Number.isInteger(index) || index < 0 || index >= review.length) {
    throw new UserFacingError(`No proposed moment #${index + 1}: there are ${review.length}.`, 'moment-not-found');
  }
  return review.map((item, i) => (i === index ? change(item) : item));
}

export function acceptMoment(review: readonly ReviewedMoment[], index: number): ReviewedMoment[] {
  return update(review, index, (item) => ({ ...item, decision: 'accepted' }));
}

export function rejectMoment(review: readonly ReviewedMoment[], index: number): ReviewedMoment[] {
  return update(review, index, (item) => ({ ...item, decision: 'rejected' }));
}

/**
 * The quote is right but the criterion is not: moving it accepts it for `criterionId`. Moving it back
 * to the proposed criterion clears the retarget.
 */
export function retargetMoment(review: readonly ReviewedMoment[], index: number, criterionId: string, knownCriterionIds: readonly string[]): ReviewedMoment[] {
  if (!knownCriterionIds.includes(criterionId)) {
    throw new UserFacingError(`Cannot move the moment to criterion "${criterionId}": the rubric has no such criterion.`, 'criterion-not-found');
  }
  return update(review, index, (item) => {
    const { retargetedTo: _previous, ...rest } = item;
    return criterionId === item.moment.criterionId ? { ...rest, decision: 'accepted' } : { ...rest, decision: 'accepted', retargetedTo: criterionId };
  });
}

/** The criterion a reviewed moment is evidence for. */
export function criterionOf(item: ReviewedMoment): string {
  return item.retargetedTo ?? item.moment.criterionId;
}

/** Evidence from accepted moments, in time order; pending and rejected moments give none. */
export function evidenceFromReview(review: readonly ReviewedMoment[]): EvidenceRecord[] {
  return review
    .filter((item) => item.decision === 'accepted')
    .map((item) => ({ criterionId: criterionOf(item), start: item.moment.start, end: item.moment.end, quote: item.moment.quote, origin: 'auto' as const }))
    .sort((a, b) => a.start - b.start);
}

/** Evidence the interviewer picked by hand (a quote the mapper missed). */
export function manualEvidence(input: { criterionId: string; start: number; end: number; quote: string }): EvidenceRecord {
  if (!Number.isFinite(input.start) || !Number.isFinite(input.end) || input.start < 0 || input.end < input.start) {
    throw new UserFacingError(`Evidence span ${input.start}–${input.end} s is not a valid time range.`, 'evidence-span-invalid');
  }
  const quote = input.quote.trim();
  if (quote === '') throw new UserFacingError('Evidence needs a quote: select the words in the transcript.', 'evidence-quote-empty');
  return { criterionId: input.criterionId, start: input.start, end: input.end, quote, origin: 'manual' };
}

/**
 * Merges evidence lists, dropping exact duplicates (same criterion and span); a manual record wins
 * over an automatic one for the same moment, since a person chose it.
 */
export function mergeEvidence(...lists: ReadonlyArray<readonly EvidenceRecord[]>): EvidenceRecord[] {
  const byKey = new Map<string, EvidenceRecord>();
  for (const record of lists.flat()) {
    const key = `${record.criterionId}|${record.start}|${record.end}`;
    const existing = byKey.get(key);
    if (!existing || (existing.origin === 'auto' && record.origin === 'manual')) byKey.set(key, record);
  }
  return [...byKey.values()].sort((a, b) => a.start - b.start || a.criterionId.localeCompare(b.criterionId));
}
