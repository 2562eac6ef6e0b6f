import { alignmentAudit, type AlignmentAudit, type AuditRequisition, type PulseAnswer } from '../../core/calibration/alignment-audit.js';
import { UserFacingError } from '../../core/errors.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import type { PulseRole } from '../schema.js';
import { getRequisition, listRequisitions } from './requisitions-repository.js';
import { listRubricVersions } from './rubrics-repository.js';

/** The alignment audit's data: rubric shape, reasons on evidence, and the recruiter's and hiring manager's pulse. */

export interface PulseInput {
  requisitionId: string;
  role: PulseRole;
  respondent: string;
  counterpartUnderstood: boolean;
  interviewsTestedRubric: boolean;
}

/** One answer per role per requisition: answering again replaces the earlier answer. */
export async function answerPulse(db: Database, input: PulseInput): Promise<void> {
  await getRequisition(db, input.requisitionId);
  const respondent = input.respondent.trim();
  if (!respondent) throw new UserFacingError('Say who is answering the pulse.', 'pulse-without-respondent');
  const row = {
    respondent,
    counterpart_understood: input.counterpartUnderstood ? 1 : 0,
    interviews_tested_rubric: input.interviewsTestedRubric ? 1 : 0,
    answered_at: nowIso(),
  };
  await db
    .insertInto('alignment_pulses')
    .values({ requisition_id: input.requisitionId, role: input.role, ...row })
    .onConflict((oc) => oc.columns(['requisition_id', 'role']).doUpdateSet(row))
    .execute();
}

export interface AlignmentAuditView {
  /** The role families there are, for the filter. */
  roles: string[];
  role: string | null;
  requisitions: AuditRequisition[];
  audit: AlignmentAudit;
}

/** The audit over every requisition, or over one role family. */
export async function getAlignmentAudit(db: Database, filter: { role?: string | null } = {}): Promise<AlignmentAuditView> {
  const all = await listRequisitions(db);
  const roles = [...new Set(all.map((r) => r.role).filter((r): r is string => !!r))].sort();
  const role = filter.role?.trim() || null;
  const chosen = role ? all.filter((r) => r.role === role) : all;
  const requisitions: AuditRequisition[] = [];
  for (const r of chosen) {
    const signed = (await listRubricVersions(db, r.id)).find((v) => v.rubric.signedOff !== null);
    const count = (kind: string) => signed?.rubric.criteria.filter((c) => c.kind === kind).length ?? 0;
    const reasons = await db
      .selectFrom('debrief_reasons')
      .innerJoin('debrief_decisions', 'debrief_decisions.id', 'debrief_reasons.decision_id')
      .innerJoin('candidates', 'candidates.id', 'debrief_decisions.candidate_id')
      .select(['debrief_reasons.moment_id'])
      .where('candidates.requisition_id', '=', r.id)
      .execute();
    const pulses = await db.selectFrom('alignment_pulses').selectAll().where('requisition_id', '=', r.id).execute();
    const pulse = (which: PulseRole): PulseAnswer | null => {
      const p = pulses.find((x) => x.role === which);
      return p ? { respondent: p.respondent, counterpartUnderstood: p.counterpart_understood === 1, interviewsTestedRubric: p.interviews_tested_rubric === 1, answeredAt: p.answered_at } : null;
    };
    requisitions.push({
      id: r.id,
      title: r.title,
      role: r.role,
      signedRubric: signed ? { mustHaves: count('must-have'), tradeOffs: count('trade-off'), dealBreakers: count('deal-breaker') } : null,
      reasons: { linked: reasons.filter((x) => x.moment_id !== null).length, total: reasons.length },
      pulse: { recruiter: pulse('recruiter'), hiringManager: pulse('hiring-manager') },
    });
  }
  return { roles, role, requisitions, audit: alignmentAudit(requisitions) };
}
