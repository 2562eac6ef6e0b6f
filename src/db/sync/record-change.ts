import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { HybridLogicalClock } from '../../core/sync/hybrid-logical-clock.js';
import type { SyncedEntity } from '../../core/sync/sync-change.js';
import { uuidV7 } from '../../core/sync/uuid-v7.js';
import { nowIso } from '../clock.js';
import type { DB } from '../schema.js';
import { candidateOf, snapshotEntity, type Payload } from './entity-rows.js';

/**
 * Local change capture. A repository that writes a synced entity calls recordChange inside the same
 * transaction, so the row and its outbox entry commit together or not at all: a crash can't leave
 * an edit that never syncs, or a change for an edit that never happened.
 */

type Db = Kysely<DB>;

export interface LocalChange {
  entity: SyncedEntity;
  entityId: string;
  op?: 'upsert' | 'delete';
  /** Given only where the rows are gone by the time of the change (an erasure). */
  payload?: Payload;
}

/** This install's device id, made on first use: the hybrid logical clock's node name. */
export async function deviceId(db: Db): Promise<string> {
  return (await deviceRow(db)).device_id;
}

async function deviceRow(db: Db) {
  const row = await db.selectFrom('sync_device').selectAll().where('id', '=', 1).executeTakeFirst();
  if (row) return row;
  const made = { id: 1, device_id: randomBytes(8).toString('hex'), hlc: null, created_at: nowIso() };
  await db.insertInto('sync_device').values(made).onConflict((oc) => oc.column('id').doNothing()).execute();
  return db.selectFrom('sync_device').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

/** Records one local change of a synced entity: outbox, ledger and row version, in the caller's transaction. */
export async function recordChange(db: Db, change: LocalChange): Promise<string> {
  const op = change.op ?? 'upsert';
  let payload: Payload | null = null;
  if (op === 'upsert') {
    const snapshot = change.payload ?? (await snapshotEntity(db, change.entity, change.entityId));
    if (!snapshot) throw new Error(`sync: ${change.entity} ${change.entityId} has no rows to record`);
    // Fields a newer laptop sent that this schema does not know go back out with our edit.
    const parked = await db.selectFrom('sync_parked').select('fields').where('entity', '=', change.entity).where('entity_id', '=', change.entityId).executeTakeFirst();
    payload = { ...(parked ? (JSON.parse(parked.fields) as Payload) : {}), ...snapshot };
  }
  const row = await db.selectFrom('sync_rows').select('version').where('entity', '=', change.entity).where('entity_id', '=', change.entityId).executeTakeFirst();
  const baseVersion = row?.version ?? 0;
  const device = await deviceRow(db);
  const clock = new HybridLogicalClock(device.device_id, Date.now, device.hlc ?? undefined);
  const hlc = clock.tick();
  await db.updateTable('sync_device').set({ hlc }).where('id', '=', 1).execute();
  const id = uuidV7();
  const now = nowIso();
  const json = payload === null ? null : JSON.stringify(payload);
  const candidateId = change.entity === 'erasure' ? null : candidateOf(change.entity, change.entityId, payload);
  await db
    .insertInto('sync_outbox')
    .values({ id, entity: change.entity, entity_id: change.entityId, op, payload: json, created_at: now, sent_at: null, last_error: null, hlc, base_version: baseVersion, candidate_id: candidateId })
    .execute();
  await db
    .insertInto('sync_changes')
    .values({ id, hlc, entity: change.entity, entity_id: change.entityId, op, base_version: baseVersion, payload: json, candidate_id: candidateId, server_version: null, origin: 'local', status: 'applied', reason: null, received_at: now })
    .execute();
  // Optimistic: the server gives the next version to a change made on the current one.
  await db
    .insertInto('sync_rows')
    .values({ entity: change.entity, entity_id: change.entityId, version: baseVersion + 1, hlc, change_id: id })
    .onConflict((oc) => oc.columns(['entity', 'entity_id']).doUpdateSet({ version: baseVersion + 1, hlc, change_id: id }))
    .execute();
  return id;
}
