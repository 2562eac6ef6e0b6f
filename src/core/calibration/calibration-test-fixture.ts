import type { Decision } from '../debrief/debrief.js';
import type { RatingChoice } from '../scorecard/scorecard.js';
import type { CalibrationCriterion, CalibrationInput, CalibrationRating } from './calibration-input.js';

/** A small account-executive requisition for the detectors' unit tests: build it, then add what a test needs. */

export const CRITERIA: CalibrationCriterion[] = [
  { id: 'discovery', kind: 'must-have', title: 'Discovery and qualification', description: "Uncovers the prospect's pain, budget and decision makers.", goodLooksLike: 'Asks open questions.', signals: ['discovery call', 'pain points', 'budget', 'decision maker', 'qualify'] },
  { id: 'closing', kind: 'must-have', title: 'Closing and negotiation', description: 'Negotiates and closes while protecting price.', goodLooksLike: 'Trades concessions for value.', signals: ['negotiate', 'discount', 'pricing', 'procurement', 'contract'] },
  { id: 'pipeline', kind: 'must-have', title: 'Pipeline generation and quota attainment', description: 'Creates their own pipeline and hits quota.', goodLooksLike: 'Outbound prospecting.', signals: ['prospecting', 'outbound', 'quota', 'attainment'] },
  { id: 'crm', kind: 'trade-off', title: 'Forecasting and CRM discipline', description: 'Keeps the CRM current.', goodLooksLike: 'Updates Salesforce after every call.', signals: ['Salesforce', 'CRM', 'forecast accuracy'] },
  { id: 'hunter', kind: 'trade-off', title: 'New logos versus account expansion', description: 'Hunter or farmer.', goodLooksLike: 'Clear about their preference.', signals: ['new logos', 'hunter', 'expansion', 'upsell', 'existing customers'] },
  { id: 'integrity', kind: 'deal-breaker', title: 'Misrepresents the product to close deals', description: 'Overpromises features or roadmap dates.', goodLooksLike: 'Honest about what the product cannot do.', signals: ['overpromise', 'roadmap', 'coming soon'] },
];

export const NOW = new Date('2026-03-20T12:00:00.000Z');
export const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

export function emptyInput(): CalibrationInput {
  return { requisition: { id: 'r1', title: 'Account executive' }, rubric: { versionId: 'v1', version: 1 }, criteria: CRITERIA, candidates: [], ratings: [], decisions: [], stageChanges: [], losses: [] };
}

export function addCandidate(input: CalibrationInput, id: string, name: string, opts: { source?: string | null; stage?: string | null; createdAt?: string } = {}): void {
  input.candidates.push({ id, name, source: opts.source ?? null, stage: opts.stage ?? null, createdAt: opts.createdAt ?? daysAgo(40), sessionCount: 1 });
}

/** One scorecard: the interviewer's rating on each criterion given (evidence on each unless told). */
export function addScorecard(input: CalibrationInput, candidateId: string, interviewer: string, ratings: Record<string, RatingChoice>, opts: { evidence?: boolean } = {}): void {
  const scorecardId = `${candidateId}:${interviewer}`;
  for (const [criterionId, rating] of Object.entries(ratings)) {
    const row: CalibrationRating = { candidateId, scorecardId, interviewer, criterionId, rating, evidenceCount: rating === 'no_evidence' || opts.evidence === false ? 0 : 1 };
    input.ratings.push(row);
  }
}

let decisionSeq = 0;
export function addDecision(input: CalibrationInput, candidateId: string, decision: Decision, reasons: (string | { text: string; criterionId?: string; momentId?: string })[], decidedAt = daysAgo(2)): void {
  input.decisions.push({
    id: `d${++decisionSeq}`,
    candidateId,
    decision,
    decidedBy: 'Priya Shah',
    decidedAt,
    reasons: reasons.map((r) => (typeof r === 'string' ? { text: r, criterionId: null, momentId: null } : { text: r.text, criterionId: r.criterionId ?? null, momentId: r.momentId ?? null })),
  });
}

/** The same rating on every criterion. */
export const all = (rating: RatingChoice): Record<string, RatingChoice> => Object.fromEntries(CRITERIA.map((c) => [c.id, rating]));
