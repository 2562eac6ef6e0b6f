import type { DebriefFlag, PanelCriterion } from './debrief-flags.js';
import type { SubmittedScorecard } from '../scorecard/scorecard.js';

/** One candidate's debrief: the panel's scorecards side by side, the flags, and the decisions taken. */

export const DECISIONS = ['advance', 'reject', 'hold', 'offer'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface DecisionReason {
  text: string;
  momentId: string | null;
  quote: string | null;
  criterionId: string | null;
}

export interface DebriefDecisionRecord {
  id: string;
  decision: Decision;
  decidedBy: string;
  decidedAt: string;
  reasons: DecisionReason[];
  /** Share of reasons linked to captured evidence (a moment): the rest is memory or the rubric alone. */
  evidenceShare: number;
}

export interface CandidateDebrief {
  candidate: { id: string; name: string };
  criteria: PanelCriterion[];
  scorecards: SubmittedScorecard[];
  flags: DebriefFlag[];
  decisions: DebriefDecisionRecord[];
}

export function evidenceShare(reasons: readonly DecisionReason[]): number {
  return reasons.length === 0 ? 0 : reasons.filter((r) => r.momentId !== null).length / reasons.length;
}
