import type { SyncChange } from '../../core/sync/sync-change.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';

/** The outbox as the sync transports read it: unsent changes in clock order, marked once delivered. */

export async function unsentChanges(db: Database, limit: number): Promise<SyncChange[]> {
  const rows = await db.selectFrom('sync_outbox').selectAll().where('sent_at', 'is', null).orderBy('hlc').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    hlc: r.hlc ?? '',
    entity: r.entity as SyncChange['entity'],
    entityId: r.entity_id,
    op: r.op,
    baseVersion: r.base_version,
    payload: r.payload === null ? null : (JSON.parse(r.payload) as Record<string, unknown>),
  }));
}

export async function markSent(db: Database, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.updateTable('sync_outbox').set({ sent_at: nowIso(), last_error: null }).where('id', 'in', ids).execute();
}

/** Counts a failed attempt and keeps its reason, in words, for the sync status. */
export async function markFailed(db: Database, ids: readonly string[], reason: string): Promise<void> {
  if (ids.length) await db.updateTable('sync_outbox').set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: reason })).where('id', 'in', ids).execute();
}

export async function waitingCount(db: Database): Promise<number> {
  const row = await db.selectFrom('sync_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('sent_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}
