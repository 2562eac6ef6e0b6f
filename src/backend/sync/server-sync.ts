import { UserFacingError } from '../../core/errors.js';
import { MAX_PUSH_CHANGES } from '../../core/sync/sync-protocol.js';
import type { SyncChange } from '../../core/sync/sync-change.js';
import type { Database } from '../../db/open-database.js';
import { nowIso } from '../../db/clock.js';
import { migrations } from '../../db/migrations/index.js';
import { mergeChanges, type MergeReport } from '../../db/sync/merge-changes.js';
import { markFailed, markSent, unsentChanges } from '../../db/sync/outbox.js';
import { callServer, ServerCallError } from '../../shared/server-api/call-server.js';
import type { ChangeOutcome } from '../../core/sync/sync-protocol.js';
import { erasureSettled } from './server-erasure.js';
import { learnSignerNames } from './signer-names.js';

/**
 * The laptop's client for the team server: pushes the outbox in batches, then pulls what this
 * person may see since the last cursor and merges it. A dead or unreachable server is retried with
 * backoff and then reported in plain words; a refused token stops at once. Either way the edits
 * stay in the outbox and local work goes on: sync is never in the way of the app.
 */

export interface ServerConnection {
  origin: string;
  deviceToken: string;
  /** This person's id on the server: a version they signed off is sent as signed by them. */
  userId: string;
}

export interface ServerSyncOptions {
  home: string;
  /** Tries per request before giving up on this round (default 4). */
  attempts?: number;
  /** First backoff in ms, doubled per retry (default 500). */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

export interface ServerSyncReport {
  pushed: number;
  /** Changes the server already had (a retry after a lost answer). */
  duplicates: number;
  /** Made on a row version someone else changed first: the pulled version and ours are both kept. */
  conflicts: number;
  refused: { id: string; reason: string }[];
  pulled: MergeReport;
}

/** The schema version a laptop reports: the number of its newest store migration. */
export const SYNC_SCHEMA_VERSION = Number(migrations.at(-1)!.name.slice(0, 4));

const cursorKey = (origin: string) => `server:${origin}`;

/** One round: push everything waiting, then pull everything new. */
export async function syncWithServer(db: Database, connection: ServerConnection, options: ServerSyncOptions): Promise<ServerSyncReport> {
  const report: ServerSyncReport = { pushed: 0, duplicates: 0, conflicts: 0, refused: [], pulled: emptyMerge() };
  for (;;) {
    const batch = await unsentChanges(db, MAX_PUSH_CHANGES);
    if (batch.length === 0) break;
    let outcomes;
    try {
      ({ outcomes } = await withRetries(() => callServer(connection.origin, 'sync.push', { schemaVersion: SYNC_SCHEMA_VERSION, changes: batch.map((c) => toWire(c, connection)) }, { deviceToken: connection.deviceToken }, { fetch: options.fetch }), options));
    } catch (error) {
      const message = plainWords(error, connection.origin);
      await markFailed(db, batch.map((c) => c.id), message);
      throw new UserFacingError(message, 'sync-server-failed', { cause: error });
    }
    for (const o of outcomes) {
      if (o.status === 'applied') {
        report.pushed += 1;
        // The server's row version is the one the next edit is made on.
        await db.updateTable('sync_rows').set({ version: o.version }).where('change_id', '=', o.id).execute();
        await db.updateTable('sync_changes').set({ server_version: o.version }).where('id', '=', o.id).execute();
      } else if (o.status === 'duplicate') report.duplicates += 1;
      else if (o.status === 'conflict') {
        // Ours stays in the ledger; the pull brings the version that won the race, and the merge
        // keeps both for the person to choose.
        report.conflicts += 1;
      } else {
        report.refused.push({ id: o.id, reason: o.reason });
        await db.updateTable('sync_changes').set({ status: 'refused', reason: o.reason }).where('id', '=', o.id).execute();
      }
    }
    await settleErasures(db, connection.origin, batch, outcomes);
    await markSent(db, outcomes.filter((o) => o.status !== 'refused').map((o) => o.id));
    const refusedIds = outcomes.filter((o) => o.status === 'refused').map((o) => o.id);
    if (refusedIds.length) await db.updateTable('sync_outbox').set({ sent_at: nowIso(), last_error: 'refused by the team server' }).where('id', 'in', refusedIds).execute();
  }

  let since = Number((await db.selectFrom('sync_cursors').select('position').where('source', '=', cursorKey(connection.origin)).executeTakeFirst())?.position ?? 0);
  for (;;) {
    let page;
    try {
      page = await withRetries(() => callServer(connection.origin, 'sync.pull', { since, limit: 500 }, { deviceToken: connection.deviceToken }, { fetch: options.fetch }), options);
    } catch (error) {
      throw new UserFacingError(plainWords(error, connection.origin), 'sync-server-failed', { cause: error });
    }
    if (page.changes.length) {
      const merged = await mergeChanges(db, page.changes.map((p) => ({ change: p.change, version: p.version })), { home: options.home });
      report.pulled = addMerge(report.pulled, merged);
    }
    since = page.next;
    const now = nowIso();
    await db
      .insertInto('sync_cursors')
      .values({ source: cursorKey(connection.origin), position: String(since), updated_at: now })
      .onConflict((oc) => oc.column('source').doUpdateSet({ position: String(since), updated_at: now }))
      .execute();
    if (!page.more) break;
  }
  try {
    await learnSignerNames(db, connection, { fetch: options.fetch });
  } catch {
    // Only names: the sign-off itself is stored, and the name is asked for again next time.
  }
  return report;
}

/** A queued erasure the server has now answered: its receipt says what the server did. */
async function settleErasures(db: Database, origin: string, batch: readonly SyncChange[], outcomes: readonly ChangeOutcome[]): Promise<void> {
  const erasures = new Map(batch.filter((c) => c.entity === 'erasure').map((c) => [c.id, c]));
  for (const o of outcomes) {
    const change = erasures.get(o.id);
    const hash = change?.payload?.['candidate_hash'];
    if (typeof hash !== 'string') continue;
    const words =
      o.status === 'refused'
        ? /holds nothing about/.test(o.reason)
          ? `the team server ${origin} held nothing about this candidate`
          : `refused at the team server ${origin}: ${o.reason} Erased on this laptop only.`
        : `erased at the team server ${origin} (confirmed ${nowIso()}; it keeps only a receipt)`;
    await erasureSettled(db, hash, words);
  }
}

/** A version this person signed goes out as signed by their server identity, which the server checks. */
function toWire(change: SyncChange, connection: ServerConnection): SyncChange {
  if (change.entity !== 'rubric_version' || !change.payload?.['signed_off_at'] || change.payload['signedOffBy']) return change;
  return { ...change, payload: { ...change.payload, signedOffBy: connection.userId } };
}

/** Retries what may pass on a second try (no answer, a server error); a refusal is final. */
async function withRetries<T>(call: () => Promise<T>, options: ServerSyncOptions): Promise<T> {
  const attempts = options.attempts ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let i = 1; ; i += 1) {
    try {
      return await call();
    } catch (error) {
      const retryable = !(error instanceof ServerCallError) || error.status >= 500 || error.status === 429;
      if (!retryable || i >= attempts) throw error;
      await sleep((options.backoffMs ?? 500) * 2 ** (i - 1));
    }
  }
}

/** What went wrong, for the sync status line. */
export function plainWords(error: unknown, origin: string): string {
  if (error instanceof ServerCallError) {
    if (error.status === 401) return `The team server at ${origin} no longer accepts this laptop (its access was revoked or it was never joined). Ask an admin for a new invite; your work is kept here.`;
    if (error.status === 403) return `The team server refused: ${error.message}`;
    if (error.status === 413) return 'The team server refused a batch as too large; it will be sent in smaller pieces next time.';
    if (error.status >= 500) return `The team server at ${origin} has a problem (${error.message}). Your work is kept here and syncs when it is back.`;
    return `The team server refused: ${error.message}`;
  }
  return `Cannot reach the team server at ${origin} (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}). Your work is kept here and syncs when it is back.`;
}

function emptyMerge(): MergeReport {
  return { received: 0, duplicates: 0, applied: 0, superseded: 0, conflicts: 0, refused: [], pending: 0, erased: 0 };
}

function addMerge(a: MergeReport, b: MergeReport): MergeReport {
  return {
    received: a.received + b.received,
    duplicates: a.duplicates + b.duplicates,
    applied: a.applied + b.applied,
    superseded: a.superseded + b.superseded,
    conflicts: a.conflicts + b.conflicts,
    refused: [...a.refused, ...b.refused],
    pending: b.pending,
    erased: a.erased + b.erased,
  };
}
