import { sql } from 'kysely';
import { candidateHash } from '../../core/privacy/candidate-hash.js';
import { formatHlc } from '../../core/sync/hybrid-logical-clock.js';
import { uuidV7 } from '../../core/sync/uuid-v7.js';
import type { ServerTransaction } from '../db/server-database.js';
import type { Caller } from '../http/handler.js';
import { forbidden, notFound, type HttpError } from '../http/http-error.js';
import { memberRole } from '../sync/access.js';
import { recordServerAudit } from './server-audit.js';

/**
 * A candidate's erasure on the team server: every synced row about them and every log entry that
 * carried a copy (scorecards with their evidence quotes, debrief decisions, the candidate row) is
 * deleted by `debrief_erase_candidate` (migration 0005), which leaves a receipt (hash of the id,
 * requisition, when, by whom) and one erasure entry in the log, so each laptop on the requisition
 * erases its copy on its next pull. Erasing again answers the first receipt.
 */

export interface ServerErasure {
  candidateHash: string;
  requisitionId: string;
  erasedAt: string;
  erasedBy: string;
  /** The log entry laptops pull. */
  seq: number;
  rowsRemoved: number;
  changesRemoved: number;
  /** True when this candidate had been erased before (the first receipt is returned). */
  already: boolean;
}

export interface ErasureRequest {
  candidateId: string;
  /** The requisition a pushed erasure names: used only when the server holds nothing about them. */
  requisitionHint?: string | null;
  /** The laptop's erasure change, so its later push is recognised as the same erasure. */
  changeId: string;
  hlc?: string;
}

export async function existingErasure(trx: ServerTransaction, teamId: string, hash: string): Promise<ServerErasure | null> {
  const row = await trx.selectFrom('erasure_receipts').selectAll().where('team_id', '=', teamId).where('candidate_hash', '=', hash).executeTakeFirst();
  if (!row) return null;
  return {
    candidateHash: row.candidate_hash,
    requisitionId: row.requisition_id,
    erasedAt: new Date(row.erased_at).toISOString(),
    erasedBy: row.erased_by,
    seq: row.seq,
    rowsRemoved: row.rows_removed,
    changesRemoved: row.changes_removed,
    already: true,
  };
}

/**
 * Erases, or says why not (the caller turns that into a 4xx or a refused change). `takeSeq` hands
 * out the log's next sequence number under the team lock the caller holds.
 */
export async function eraseOnServer(
  trx: ServerTransaction,
  caller: Caller,
  request: ErasureRequest,
  takeSeq: () => number | Promise<number>,
): Promise<ServerErasure | { refusal: HttpError }> {
  const hash = candidateHash(request.candidateId);
  const before = await existingErasure(trx, caller.teamId, hash);
  if (before) return before;
  const found = await sql<{ requisition_id: string | null }>`select debrief_candidate_requisition(${request.candidateId}) as requisition_id`.execute(trx);
  const requisitionId = found.rows[0]?.requisition_id ?? request.requisitionHint ?? null;
  if (!requisitionId) {
    return { refusal: notFound(`The team server holds nothing about candidate ${request.candidateId} (never synced here, or erased already).`) };
  }
  const role = await memberRole(trx, caller.teamId, requisitionId, caller.user.id);
  if (caller.user.role !== 'admin' && role !== 'recruiter' && role !== 'hiring_manager') {
    return {
      refusal: forbidden(
        role === 'interviewer'
          ? "Interviewers submit scorecards; only the requisition's recruiter or hiring manager, or an admin, can erase a candidate from the team server."
          : "You aren't on this requisition, so you can't erase its candidates (its recruiter or hiring manager, or an admin, can).",
      ),
    };
  }
  // A change id the log already holds (an erasure pushed before this server erased) can't be reused.
  const taken = await trx.selectFrom('sync_changes').select('seq').where('team_id', '=', caller.teamId).where('change_id', '=', request.changeId).executeTakeFirst();
  const changeId = taken ? uuidV7() : request.changeId;
  const seq = await takeSeq();
  const erasedAt = new Date().toISOString();
  const hlc = request.hlc ?? formatHlc({ millis: Date.now(), counter: 0, node: 'server' });
  const result = await sql<{ rows_removed: number; changes_removed: number }>`
    select * from debrief_erase_candidate(${request.candidateId}, ${requisitionId}, ${seq}, ${changeId}, ${hlc}, ${erasedAt}, ${caller.deviceId})`.execute(trx);
  const removed = result.rows[0]!;
  await recordServerAudit(trx, caller, [
    {
      action: 'deleted',
      subjectKind: 'candidate',
      subjectId: hash,
      requisitionId,
      candidateHash: hash,
      details: { erasure: true, rowsRemoved: removed.rows_removed, changesRemoved: removed.changes_removed, seq },
    },
  ]);
  return { candidateHash: hash, requisitionId, erasedAt, erasedBy: caller.user.id, seq, rowsRemoved: removed.rows_removed, changesRemoved: removed.changes_removed, already: false };
}
