import { isRating, RATING_LABELS, type Rating } from '../scorecard/scorecard.js';
import { plural, type CalibrationInput } from './calibration-input.js';

/** Criteria that never tell candidates apart, and criteria no one gathers evidence on. */

/**
 * Same rating for fewer candidates than this is not yet "never discriminates": two candidates
 * both rated yes is ordinary; three or more all alike, across interviewers, is a pattern.
 */
export const MIN_CANDIDATES_TO_DISCRIMINATE = 3;

export interface NonDiscriminatingCriterion {
  criterionId: string;
  title: string;
  rating: Rating;
  candidates: number;
  ratings: number;
  message: string;
}

export function nonDiscriminatingCriteria(input: CalibrationInput): NonDiscriminatingCriterion[] {
  const out: NonDiscriminatingCriterion[] = [];
  for (const c of input.criteria) {
    const rated = input.ratings.filter((r) => r.criterionId === c.id && isRating(r.rating));
    const candidates = new Set(rated.map((r) => r.candidateId)).size;
    const values = new Set(rated.map((r) => r.rating));
    if (candidates < MIN_CANDIDATES_TO_DISCRIMINATE || values.size !== 1) continue;
    const rating = [...values][0] as Rating;
    out.push({
      criterionId: c.id,
      title: c.title,
      rating,
      candidates,
      ratings: rated.length,
      message: `Everyone rated on “${c.title}” got ${RATING_LABELS[rating]} (${plural(candidates, 'candidate')}, ${plural(rated.length, 'rating')}): it does not tell candidates apart — sharpen what good looks like, or drop it.`,
    });
  }
  return out;
}

export interface UnevidencedCriterion {
  criterionId: string;
  title: string;
  kind: string;
  scorecards: number;
  message: string;
}

/** Criteria with no evidence on any submitted scorecard of the requisition (only once there are scorecards). */
export function criteriaWithoutEvidence(input: CalibrationInput): UnevidencedCriterion[] {
  const scorecards = new Set(input.ratings.map((r) => r.scorecardId)).size;
  if (scorecards === 0) return [];
  return input.criteria
    .filter((c) => !input.ratings.some((r) => r.criterionId === c.id && r.evidenceCount > 0))
    .map((c) => ({
      criterionId: c.id,
      title: c.title,
      kind: c.kind,
      scorecards,
      message: `No one has gathered evidence on the ${c.kind} “${c.title}” across ${plural(scorecards, 'scorecard')}: ask a question that probes it, or take it out of the rubric.`,
    }));
}
