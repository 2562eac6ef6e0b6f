import type { CriterionKind } from '../rubric/rubric.js';

/**
 * A scorecard: one interviewer's ratings of one interview against the criteria of the rubric
 * version it used. Four points with no neutral (Lever's and Ashby's shape) or "no evidence";
 * the overall recommendation uses Greenhouse's values.
 */
export const RATINGS = ['strong_no', 'no', 'yes', 'strong_yes'] as const;
export type Rating = (typeof RATINGS)[number];
export type RatingChoice = Rating | 'no_evidence';

export const RECOMMENDATIONS = ['definitely_not', 'no', 'yes', 'strong_yes', 'no_decision'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const RATING_LABELS: Record<RatingChoice, string> = {
  strong_no: 'Strong no',
  no: 'No',
  yes: 'Yes',
  strong_yes: 'Strong yes',
  no_evidence: 'No evidence',
};

export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  definitely_not: 'Definitely not',
  no: 'No',
  yes: 'Yes',
  strong_yes: 'Strong yes',
  no_decision: 'No decision',
};

/** 0 (strong no) … 3 (strong yes): how far apart two ratings are. */
export function ratingStep(rating: Rating): number {
  return RATINGS.indexOf(rating);
}

export const isRating = (choice: RatingChoice | null): choice is Rating => choice !== null && choice !== 'no_evidence';

/** An accepted moment as a scorecard cites it: copied at submission, so it never changes after. */
export interface EvidenceQuote {
  momentId: string | null;
  sessionId: string;
  start: number;
  end: number;
  quote: string | null;
}

export interface ScorecardCriterion {
  /** The core criterion id (stable across rubric versions). */
  id: string;
  kind: CriterionKind;
  title: string;
  goodLooksLike: string;
  /** "trade-off #2": its number among the criteria of its kind, as the intake named them. */
  kindNumber: number;
}

export interface SubmittedRating {
  criterion: ScorecardCriterion;
  rating: RatingChoice;
  note: string | null;
  evidence: EvidenceQuote[];
  proposedRating: RatingChoice | null;
  proposalReason: string | null;
}

/** One immutable version of a submitted scorecard. */
export interface ScorecardVersion {
  version: number;
  recommendation: Recommendation;
  summary: string | null;
  amendmentReason: string | null;
  submittedBy: string;
  submittedAt: string;
  rubricVersionId: string;
  ratings: SubmittedRating[];
}

/** A submitted scorecard with its whole history, newest version first. */
export interface SubmittedScorecard {
  id: string;
  sessionId: string;
  sessionTitle: string;
  interviewedAt: string | null;
  stage: string | null;
  candidate: { id: string; name: string } | null;
  requisitionTitle: string;
  rubricVersion: number;
  interviewer: string;
  versions: ScorecardVersion[];
}

export const currentVersion = (card: SubmittedScorecard): ScorecardVersion => card.versions[0]!;

/** Numbers each kind's criteria in rubric order: "must-have #1", "trade-off #2". */
export function numberByKind<C extends { kind: CriterionKind }>(criteria: readonly C[]): (C & { kindNumber: number })[] {
  const seen = new Map<CriterionKind, number>();
  return criteria.map((c) => {
    const n = (seen.get(c.kind) ?? 0) + 1;
    seen.set(c.kind, n);
    return { ...c, kindNumber: n };
  });
}
