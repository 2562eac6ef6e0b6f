import { NO_TEAM_SERVER, PENDING_AT_SERVER, noTeamServer, type ServerErasureAnswer, type TeamServer } from '../../core/privacy/team-server.js';
import { plainSealer, type SecretSealer } from '../../core/secrets/secret-sealer.js';
import type { Database } from '../../db/open-database.js';
import { getSyncSetting, openDeviceToken } from '../../db/sync/sync-settings.js';
import { callServer, ServerCallError } from '../../shared/server-api/call-server.js';
import type { ServerApiOutput } from '../../shared/server-api/server-api.js';
import type { ServerConnection } from './server-sync.js';

/**
 * The erasure's trip to the team server. Server mode calls `candidate.erase` at once; when the
 * server can't be reached the local erasure still completes, the receipt says "pending at the team
 * server", and the erasure change waiting in the outbox goes with the next sync round, whose answer
 * replaces that line (`erasureSettled`). Folder mode writes the erasure into this laptop's next
 * segment; laptops erase their copy as they read it.
 */

export const folderErasureText = (folder: string) =>
  `pending in the shared folder ${folder}: the erasure goes out with the next sync and each laptop erases its copy when it reads it. ` +
  'Segments other laptops wrote there before cannot be rewritten from here and keep their copy until those laptops sync; this laptop’s own segments are rewritten without the candidate.';

export function erasedText(origin: string, done: ServerApiOutput<'candidate.erase'>): string {
  return done.already
    ? `already erased at the team server ${origin} on ${done.erasedAt}; it keeps only the receipt`
    : `erased at the team server ${origin} on ${done.erasedAt} (${done.rowsRemoved} rows and ${done.changesRemoved} log entries removed; it keeps only a receipt)`;
}

/** Words for a refusal of the erasure, and whether retrying could change it. */
export function refusedText(origin: string, error: ServerCallError): ServerErasureAnswer {
  if (error.status === 404) return { server: `the team server ${origin} held nothing about this candidate`, delivered: true };
  if (error.status >= 500 || error.status === 429) return pendingText(origin, error.message);
  return { server: `refused at the team server ${origin}: ${error.message} Erased on this laptop only; the requisition's recruiter or an admin can erase it there.`, delivered: true };
}

const pendingText = (origin: string, why: string): ServerErasureAnswer => ({
  server: `${PENDING_AT_SERVER} ${origin} (${why}); it is sent again with each sync until the server confirms`,
  delivered: false,
});

export function serverErasure(connection: ServerConnection, options: { fetch?: typeof fetch } = {}): TeamServer {
  return {
    async pushErasure(notice) {
      if (!notice.changeId) return { server: NO_TEAM_SERVER, delivered: false };
      try {
        const done = await callServer(connection.origin, 'candidate.erase', { candidateId: notice.candidateId, changeId: notice.changeId }, { deviceToken: connection.deviceToken }, { fetch: options.fetch });
        return { server: erasedText(connection.origin, done), delivered: true };
      } catch (error) {
        if (error instanceof ServerCallError) return refusedText(connection.origin, error);
        const why = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
        return pendingText(connection.origin, `cannot reach it: ${why}`);
      }
    },
  };
}

/** The team server for this laptop's sync setting (none when sync is off or a shared folder). */
export async function teamServerFor(db: Database, secrets: SecretSealer = plainSealer, options: { fetch?: typeof fetch } = {}): Promise<TeamServer> {
  const setting = await getSyncSetting(db);
  if (setting.mode === 'server') return serverErasure({ origin: setting.origin, deviceToken: openDeviceToken(setting, secrets), userId: setting.userId }, options);
  if (setting.mode === 'folder') return { pushErasure: async () => ({ server: folderErasureText(setting.folder), delivered: false }) };
  return noTeamServer;
}

/** A sync round's answer to a queued erasure replaces the "pending" line of its receipt. */
export async function erasureSettled(db: Database, candidateHash: string, server: string): Promise<void> {
  await db.updateTable('erasure_receipts').set({ server }).where('candidate_hash', '=', candidateHash).where('server', 'like', `${PENDING_AT_SERVER}%`).execute();
}

/**
 * For the `debrief` command, which can't open the device token (it is sealed by the app's key
 * store): the erasure waits in the outbox and the app sends it with its next sync.
 */
export async function queuedTeamServerFor(db: Database): Promise<TeamServer> {
  const setting = await getSyncSetting(db);
  if (setting.mode === 'server') {
    return { pushErasure: async () => ({ server: `${PENDING_AT_SERVER} ${setting.origin}: the app sends it with its next sync and the receipt then says what the server did`, delivered: false }) };
  }
  if (setting.mode === 'folder') return { pushErasure: async () => ({ server: folderErasureText(setting.folder), delivered: false }) };
  return noTeamServer;
}
