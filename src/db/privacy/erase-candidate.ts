import { randomUUID } from 'node:crypto';
import { UserFacingError } from '../../core/errors.js';
import { candidateHash } from '../../core/privacy/candidate-hash.js';
import { FROM_TEAM_SYNC, noTeamServer, type TeamServer } from '../../core/privacy/team-server.js';
import { nowIso } from '../clock.js';
import { scrubDeletedData } from '../maintenance.js';
import type { Database } from '../open-database.js';
import { recordAudit } from '../repositories/audit-repository.js';
import { markSent } from '../sync/outbox.js';
import { recordChange } from '../sync/record-change.js';
import { removeSessionAudio } from './session-audio.js';

/**
 * A candidate's erasure request, honoured locally: their audio files are securely unlinked, their
 * sessions (tracks, transcript, search entries, moments, scorecards), consent records, sync outbox
 * entries and the candidate row are deleted with secure_delete on, the search index is merged and
 * the WAL truncated, so none of their bytes remain in the data folder. What remains is a receipt
 * keyed by a hash of their id, and audit events that name ids only.
 */

export interface ErasureReceipt {
  id: string;
  candidateHash: string;
  erasedAt: string;
  erasedBy: string;
  removed: { sessions: number; segments: number; moments: number; scorecards: number; audioFiles: number; outboxEntries: number };
  /** Audio outside the data folder (the user's own imported file), left where it is. */
  leftInPlace: string[];
  server: string;
  /** False when another reader kept the WAL from being truncated; erasing again finishes it. */
  walTruncated: boolean;
}

export interface EraseCandidateOptions {
  home: string;
  actor: string;
  /** Sessions recording right now (the capture service knows before the store does). */
  isRecording?: (sessionId: string) => boolean;
  /** Where the erasure is pushed: the team server in server mode (the caller picks it), else none. */
  teamServer?: TeamServer;
  /** The erasure came from another laptop through sync: it is carried out, not sent out again. */
  fromSync?: boolean;
}

export { candidateHash };

export async function eraseCandidate(db: Database, candidateId: string, options: EraseCandidateOptions): Promise<ErasureReceipt> {
  const candidate = await db.selectFrom('candidates').select(['id', 'requisition_id']).where('id', '=', candidateId).executeTakeFirst();
  if (!candidate) throw new UserFacingError(`No candidate with id "${candidateId}" (already erased, or never stored).`, 'candidate-not-found');
  const sessions = await db.selectFrom('sessions').select(['id', 'status']).where('candidate_id', '=', candidateId).execute();
  if (sessions.some((s) => s.status === 'recording' || options.isRecording?.(s.id))) {
    throw new UserFacingError("This candidate's interview is still recording. Stop the recording, then erase; nothing was deleted.", 'erasure-while-recording');
  }
  const sessionIds = sessions.map((s) => s.id);

  // Files first: a crash after this leaves rows pointing at missing audio, and erasing again
  // finishes; the other order could leave audio that no row knows about.
  const audio = await removeSessionAudio(db, options.home, sessionIds);

  const erasedAt = nowIso();
  const count = async (table: 'transcript_segments' | 'moments' | 'scorecards') =>
    sessionIds.length === 0
      ? 0
      : Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', 'in', sessionIds).executeTakeFirstOrThrow()).n);
  const segments = await count('transcript_segments');
  const moments = await count('moments');
  const scorecards = await count('scorecards');
  let outboxEntries = 0;
  let changeId: string | null = null;
  await db.transaction().execute(async (trx) => {
    const entityIds = [candidateId, ...sessionIds];
    outboxEntries = Number(
      (await trx.deleteFrom('sync_outbox').where((eb) => eb.or([eb('entity_id', 'in', entityIds), eb('candidate_id', '=', candidateId)])).executeTakeFirst()).numDeletedRows,
    );
    // The sync ledger keeps payloads too (their scorecards, decisions, the candidate row): those go as well.
    // An erasure received from another laptop stays, as the tombstone that refuses their late changes.
    await trx
      .deleteFrom('sync_changes')
      .where('entity', '!=', 'erasure')
      .where((eb) => eb.or([eb('entity_id', '=', candidateId), eb('candidate_id', '=', candidateId)]))
      .execute();
    await trx.deleteFrom('sync_parked').where('entity_id', '=', candidateId).execute();
    await trx.deleteFrom('sync_conflicts').where((eb) => eb.or([eb('entity_id', '=', candidateId), eb('candidate_id', '=', candidateId)])).execute();
    if (sessionIds.length > 0) {
      // Intake quotes copied out of these sessions are the candidate's words too.
      await trx.deleteFrom('criterion_sources').where('session_id', 'in', sessionIds).execute();
      // Cascades to tracks, segments (and their search entries), moments, scorecards.
      await trx.deleteFrom('sessions').where('id', 'in', sessionIds).execute();
    }
    await trx.deleteFrom('candidates').where('id', '=', candidateId).execute();
    // Every other laptop (and the team server) erases its copy when this reaches it.
    if (!options.fromSync) {
      changeId = await recordChange(trx, { entity: 'erasure', entityId: candidateId, payload: { candidate_id: candidateId, requisitionId: candidate.requisition_id, candidate_hash: candidateHash(candidateId), erased_at: erasedAt, erased_by: options.actor } });
    }
  });

  const hash = candidateHash(candidateId);
  // The local erasure is done whatever the server says: an unreachable one leaves the outbox entry to retry.
  const answer = options.fromSync
    ? { server: FROM_TEAM_SYNC, delivered: false }
    : await (options.teamServer ?? noTeamServer).pushErasure({ candidateId, candidateHash: hash, erasedAt, erasedBy: options.actor, changeId }).catch((error: unknown) => ({
        server: `pending at the team server: ${error instanceof Error ? error.message : String(error)}`,
        delivered: false,
      }));
  const server = answer.server;
  if (answer.delivered && changeId) await markSent(db, [changeId]);
  const receipt: Omit<ErasureReceipt, 'walTruncated'> = {
    id: randomUUID(),
    candidateHash: hash,
    erasedAt,
    erasedBy: options.actor,
    removed: { sessions: sessionIds.length, segments, moments, scorecards, audioFiles: audio.files, outboxEntries },
    leftInPlace: audio.leftInPlace,
    server,
  };
  await db
    .insertInto('erasure_receipts')
    .values({ id: receipt.id, candidate_hash: hash, erased_at: erasedAt, erased_by: options.actor, removed: JSON.stringify(receipt.removed), server })
    .execute();
  await recordAudit(db, {
    actor: options.actor,
    action: 'deleted',
    subjectKind: 'candidate',
    subjectId: candidateId,
    candidateId,
    details: { ...receipt.removed, receipt: receipt.id, erasure: true },
  });
  const walTruncated = await scrubDeletedData(db);
  return { ...receipt, walTruncated };
}
