import { randomUUID } from 'node:crypto';
import type { CandidateLoss, LossOutcome } from '../../core/calibration/calibration-input.js';
import { UserFacingError } from '../../core/errors.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import { getCandidate } from './candidates-repository.js';
import { recordStageChange } from './stage-history.js';

/**
 * A candidate lost to the search: withdrawn (they left) or declined (they turned down the offer),
 * with the reason in the recruiter's words and the moments that explain it. Their stage becomes
 * "Withdrawn" or "Declined", so time in stage stops where they left.
 */

export const LOSS_STAGE: Record<LossOutcome, string> = { withdrawn: 'Withdrawn', declined: 'Declined' };

export interface LossInput {
  candidateId: string;
  outcome: LossOutcome;
  reason: string;
  recordedBy: string;
  momentIds: readonly string[];
}

export async function recordLoss(db: Database, input: LossInput): Promise<CandidateLoss> {
  const candidate = await getCandidate(db, input.candidateId);
  const reason = input.reason.trim();
  if (!reason) throw new UserFacingError(`Say why ${candidate.name} ${input.outcome === 'withdrawn' ? 'withdrew' : 'declined'}: the reason is what the requisition learns from. Nothing was saved.`, 'loss-without-reason');
  const moments: { id: string; session_id: string; start_sec: number; end_sec: number; quote: string | null; note: string | null }[] = [];
  for (const momentId of new Set(input.momentIds)) {
    const m = await db
      .selectFrom('moments')
      .innerJoin('sessions', 'sessions.id', 'moments.session_id')
      .select(['moments.id', 'moments.session_id', 'moments.start_sec', 'moments.end_sec', 'moments.quote', 'moments.note', 'sessions.candidate_id'])
      .where('moments.id', '=', momentId)
      .executeTakeFirst();
    if (!m || m.candidate_id !== candidate.id) throw new UserFacingError(`A linked moment is not from one of ${candidate.name}'s interviews (it may have been deleted); nothing was saved.`, 'moment-not-of-candidate');
    moments.push(m);
  }
  const id = randomUUID();
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('candidate_losses').values({ id, candidate_id: candidate.id, outcome: input.outcome, reason, recorded_by: input.recordedBy, recorded_at: at }).execute();
    for (const [position, m] of moments.entries()) {
      await trx
        .insertInto('candidate_loss_moments')
        .values({ loss_id: id, position, moment_id: m.id, session_id: m.session_id, start_sec: m.start_sec, end_sec: m.end_sec, quote: m.quote ?? m.note })
        .execute();
    }
    await trx.updateTable('candidates').set({ stage: LOSS_STAGE[input.outcome], updated_at: at }).where('id', '=', candidate.id).execute();
    await recordStageChange(trx, candidate.id, candidate.stage, LOSS_STAGE[input.outcome], at);
  });
  return (await listLosses(db, [candidate.id]))[0]!;
}

/** The losses of these candidates, newest first. */
export async function listLosses(db: Database, candidateIds: readonly string[]): Promise<CandidateLoss[]> {
  if (candidateIds.length === 0) return [];
  const rows = await db.selectFrom('candidate_losses').selectAll().where('candidate_id', 'in', [...candidateIds]).orderBy('recorded_at', 'desc').orderBy('id').execute();
  const links = rows.length
    ? await db.selectFrom('candidate_loss_moments').selectAll().where('loss_id', 'in', rows.map((r) => r.id)).orderBy('position').execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    candidateId: r.candidate_id,
    outcome: r.outcome,
    reason: r.reason,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    moments: links.filter((l) => l.loss_id === r.id).map((l) => ({ momentId: l.moment_id, sessionId: l.session_id, start: l.start_sec, end: l.end_sec, quote: l.quote })),
  }));
}
