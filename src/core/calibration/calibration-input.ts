import type { Decision } from '../debrief/debrief.js';
import type { CriterionKind } from '../rubric/rubric.js';
import type { RatingChoice } from '../scorecard/scorecard.js';

/**
 * Everything calibration reads about one requisition, as plain data: the store fills it
 * (src/db/repositories/calibration-repository.ts), the detectors here never touch SQL.
 */

export interface CalibrationCriterion {
  /** The core criterion id, stable across rubric versions (what ratings and reasons point at). */
  id: string;
  kind: CriterionKind;
  title: string;
  description: string;
  goodLooksLike: string;
  signals: string[];
}

export interface CalibrationCandidate {
  id: string;
  name: string;
  source: string | null;
  stage: string | null;
  createdAt: string;
  sessionCount: number;
}

/** One criterion's rating on the current version of one submitted scorecard. */
export interface CalibrationRating {
  candidateId: string;
  scorecardId: string;
  interviewer: string;
  criterionId: string;
  rating: RatingChoice;
  evidenceCount: number;
}

export interface CalibrationReason {
  text: string;
  criterionId: string | null;
  momentId: string | null;
}

export interface CalibrationDecision {
  id: string;
  candidateId: string;
  decision: Decision;
  decidedBy: string;
  decidedAt: string;
  reasons: CalibrationReason[];
}

export interface StageChange {
  candidateId: string;
  fromStage: string | null;
  toStage: string | null;
  at: string;
}

export const LOSS_OUTCOMES = ['withdrawn', 'declined'] as const;
export type LossOutcome = (typeof LOSS_OUTCOMES)[number];

export interface LossMoment {
  momentId: string | null;
  sessionId: string;
  start: number;
  end: number;
  quote: string | null;
}

export interface CandidateLoss {
  id: string;
  candidateId: string;
  outcome: LossOutcome;
  reason: string;
  recordedBy: string;
  recordedAt: string;
  moments: LossMoment[];
}

export interface CalibrationInput {
  requisition: { id: string; title: string };
  /** The rubric the requisition signed (its latest signed version); null when none is signed. */
  rubric: { versionId: string; version: number } | null;
  criteria: CalibrationCriterion[];
  candidates: CalibrationCandidate[];
  ratings: CalibrationRating[];
  decisions: CalibrationDecision[];
  stageChanges: StageChange[];
  losses: CandidateLoss[];
}

/** Each candidate's latest decision (decisions are a history; the last one stands). */
export function latestDecisions(decisions: readonly CalibrationDecision[]): Map<string, CalibrationDecision> {
  const latest = new Map<string, CalibrationDecision>();
  for (const d of decisions) {
    const seen = latest.get(d.candidateId);
    if (!seen || seen.decidedAt < d.decidedAt) latest.set(d.candidateId, d);
  }
  return latest;
}

const SMALL_NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** "three", or "14": how a sentence for people says a count. */
export function countWord(n: number): string {
  return SMALL_NUMBERS[n] ?? String(n);
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "1 candidate", "3 candidates". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const DAY_MS = 86_400_000;
