import { randomUUID } from 'node:crypto';
import { debriefFlags, type PanelCriterion } from '../../core/debrief/debrief-flags.js';
import { evidenceShare, type CandidateDebrief, type DebriefDecisionRecord, type Decision, type DecisionReason } from '../../core/debrief/debrief.js';
import { UserFacingError } from '../../core/errors.js';
import { currentVersion } from '../../core/scorecard/scorecard.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import { recordChange } from '../sync/record-change.js';
import { getRubricVersion } from './rubrics-repository.js';
import { findCandidate } from './scorecard-candidates.js';
import { getMoment } from './moments-repository.js';
import { listScorecards } from './scorecards-repository.js';

/** A candidate's debrief, read from their submitted scorecards (latest versions), and the decisions recorded on it. */
export async function getCandidateDebrief(db: Database, candidateId: string): Promise<CandidateDebrief> {
  const candidate = await findCandidate(db, candidateId);
  if (!candidate) throw new UserFacingError(`No candidate has the id ${candidateId}.`, 'candidate-not-found');
  const scorecards = await listScorecards(db, { candidateId });
  const criteria = new Map<string, PanelCriterion>();
  for (const versionId of new Set(scorecards.map((s) => currentVersion(s).rubricVersionId))) {
    for (const c of (await getRubricVersion(db, versionId)).rubric.criteria) {
      criteria.set(c.id, { id: c.id, kind: c.kind, title: c.title, description: c.description, goodLooksLike: c.goodLooksLike, signals: c.signals });
    }
  }
  const panel = scorecards.map((s) => {
    const v = currentVersion(s);
    return {
      scorecardId: s.id,
      interviewer: s.interviewer,
      summary: v.summary,
      ratings: v.ratings.map((r) => ({ criterionId: r.criterion.id, rating: r.rating, note: r.note, evidenceCount: r.evidence.length })),
    };
  });
  return {
    candidate: { id: candidate.id, name: candidate.name },
    criteria: [...criteria.values()],
    scorecards,
    flags: debriefFlags([...criteria.values()], panel),
    decisions: await listDecisions(db, candidateId),
  };
}

async function listDecisions(db: Database, candidateId: string): Promise<DebriefDecisionRecord[]> {
  const rows = await db.selectFrom('debrief_decisions').selectAll().where('candidate_id', '=', candidateId).orderBy('decided_at', 'desc').execute();
  const out: DebriefDecisionRecord[] = [];
  for (const row of rows) {
    const reasons = (await db.selectFrom('debrief_reasons').selectAll().where('decision_id', '=', row.id).orderBy('position').execute()).map((r) => ({
      text: r.text,
      momentId: r.moment_id,
      quote: r.quote,
      criterionId: r.criterion_id,
    }));
    out.push({ id: row.id, decision: row.decision, decidedBy: row.decided_by, decidedAt: row.decided_at, reasons, evidenceShare: evidenceShare(reasons) });
  }
  return out;
}

export interface DecisionInput {
  candidateId: string;
  decision: Decision;
  decidedBy: string;
  reasons: readonly { text: string; momentId?: string | null; criterionId?: string | null }[];
}

/** Records a decision; a later one is a new record (the history stays). */
export async function recordDecision(db: Database, input: DecisionInput): Promise<DebriefDecisionRecord> {
  const debrief = await getCandidateDebrief(db, input.candidateId);
  if (input.reasons.length === 0) throw new UserFacingError('Give at least one reason for the decision.', 'decision-without-reason');
  const criteria = new Set(debrief.criteria.map((c) => c.id));
  const reasons: DecisionReason[] = [];
  for (const r of input.reasons) {
    if (r.criterionId && !criteria.has(r.criterionId)) throw new UserFacingError('A reason points at a criterion that is not in this candidate’s rubric.', 'criterion-not-in-version');
    const moment = r.momentId ? await getMoment(db, r.momentId) : null;
    if (moment && moment.status !== 'accepted') throw new UserFacingError('A reason cites a moment that was not accepted as evidence.', 'evidence-not-accepted');
    reasons.push({ text: r.text.trim(), momentId: moment?.id ?? null, quote: moment ? (moment.quote ?? moment.note) : null, criterionId: r.criterionId ?? moment?.criterionId ?? null });
  }
  if (reasons.some((r) => !r.text)) throw new UserFacingError('A decision reason is empty.', 'decision-without-reason');
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('debrief_decisions').values({ id, candidate_id: input.candidateId, decision: input.decision, decided_by: input.decidedBy, decided_at: nowIso() }).execute();
    for (const [position, r] of reasons.entries()) {
      await trx.insertInto('debrief_reasons').values({ decision_id: id, position, text: r.text, moment_id: r.momentId, quote: r.quote, criterion_id: r.criterionId }).execute();
    }
    await recordChange(trx, { entity: 'debrief_decision', entityId: id });
  });
  return (await listDecisions(db, input.candidateId)).find((d) => d.id === id)!;
}
