import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Portable. What team sync needs on the laptop:
 * - sync_outbox gains the change's hybrid logical clock, the row version it was made on, and the
 *   candidate it concerns (so erasing a candidate drops their unsent changes whatever the entity);
 * - sync_device: this install's device id and the last HLC it issued (one row), so the clock never
 *   goes back across restarts;
 * - sync_changes: every change this store knows, local or received, keyed by change id: merging
 *   by change id is an insert that ignores a known id; `status` says what applying it did;
 * - sync_rows: the row version of each synced entity, and the change that last set its content;
 * - sync_conflicts: two changes made on the same row version of a draft rubric or a candidate,
 *   both kept until a person chooses;
 * - sync_parked: fields a newer client sent that this schema does not know, kept (not dropped) and
 *   sent again with this device's next change to the row;
 * - sync_cursors: how far this store has read each source (a server's sequence, a folder's segments).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not DB
async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_outbox').addColumn('hlc', 'text').execute();
  await db.schema.alterTable('sync_outbox').addColumn('base_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('sync_outbox').addColumn('candidate_id', 'text').execute();

  await db.schema
    .createTable('sync_device')
    .addColumn('id', 'integer', (c) => c.primaryKey().notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('sync_device_single_check', sql`id = 1`)
    .execute();

  await db.schema
    .createTable('sync_changes')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('base_version', 'integer', (c) => c.notNull())
    .addColumn('payload', 'text')
    .addColumn('candidate_id', 'text')
    /** The team server's row version after this change, when it came from the server. */
    .addColumn('server_version', 'integer')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addCheckConstraint('sync_changes_op_check', sql`op in ('upsert', 'delete')`)
    .addCheckConstraint('sync_changes_origin_check', sql`origin in ('local', 'remote')`)
    .addCheckConstraint('sync_changes_status_check', sql`status in ('pending', 'applied', 'superseded', 'conflict', 'refused')`)
    .execute();
  await db.schema.createIndex('sync_changes_entity_idx').on('sync_changes').columns(['entity', 'entity_id', 'base_version']).execute();
  await db.schema.createIndex('sync_changes_status_idx').on('sync_changes').columns(['status', 'hlc']).execute();

  await db.schema
    .createTable('sync_rows')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('change_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_rows_pk', ['entity', 'entity_id'])
    .addCheckConstraint('sync_rows_version_check', sql`version >= 0`)
    .execute();

  await db.schema
    .createTable('sync_conflicts')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('base_version', 'integer', (c) => c.notNull())
    /** The two sibling changes; the store shows the one named by shown_change_id until a person chooses. */
    .addColumn('change_a_id', 'text', (c) => c.notNull())
    .addColumn('change_b_id', 'text', (c) => c.notNull())
    .addColumn('shown_change_id', 'text', (c) => c.notNull())
    .addColumn('candidate_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by_change_id', 'text')
    .addUniqueConstraint('sync_conflicts_pair_unique', ['change_a_id', 'change_b_id'])
    .execute();

  await db.schema
    .createTable('sync_parked')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    /** JSON object of the unknown fields, as the newest change carrying them sent them. */
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_parked_pk', ['entity', 'entity_id'])
    .execute();

  await db.schema
    .createTable('sync_cursors')
    .addColumn('source', 'text', (c) => c.primaryKey().notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['sync_cursors', 'sync_parked', 'sync_conflicts', 'sync_rows', 'sync_changes', 'sync_device']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('sync_outbox').dropColumn('candidate_id').execute();
  await db.schema.alterTable('sync_outbox').dropColumn('base_version').execute();
  await db.schema.alterTable('sync_outbox').dropColumn('hlc').execute();
}

export const m0011SyncLedger: Migration = { up, down };
