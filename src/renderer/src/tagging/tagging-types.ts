import type { OutputOf } from '../../../shared/ipc/contract.js';

/** Shared by the tagging panel (during the call) and the transcript's review (after it). */
export type Moment = OutputOf<'moments:list'>[number];
export type TaggingContext = OutputOf<'tagging:context'>;
export type SessionRubric = NonNullable<TaggingContext['rubric']>;
export type RubricCriterion = SessionRubric['criteria'][number];

export const KIND_LABELS: Record<RubricCriterion['kind'], string> = {
  'must-have': 'Must-have',
  'trade-off': 'Trade-off',
  'deal-breaker': 'Deal-breaker',
};

/** What a moment is about, in words: its criterion's title, "Flag: revisit", or why it has none. */
export function momentLabel(moment: Pick<Moment, 'criterionId' | 'flagged'>, criteria: readonly RubricCriterion[]): string {
  if (moment.criterionId !== null) return criteria.find((c) => c.id === moment.criterionId)?.title ?? 'A criterion no longer in this rubric';
  return moment.flagged ? 'Flag: revisit' : 'No criterion';
}
