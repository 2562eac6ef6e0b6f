import { SqliteAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * Portable. Privacy controls:
 * - audit_events: an append-only log of who opened, exported, shared, amended or deleted what (ids
 *   and counts only, never transcript text); triggers refuse updates and deletes in SQLite;
 * - erasure_receipts: proof that a candidate was erased, keyed by a hash of their id (no name);
 * - retention_overrides: per-requisition retention, overriding Settings → Privacy;
 * - sessions remember when retention removed their audio or transcript, so the page can say so.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not DB
async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    /** The candidate the subject belongs to, so the log can be shown per candidate. */
    .addColumn('candidate_id', 'text')
    /** JSON of counts and ids; never transcript text or names. */
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addCheckConstraint('audit_events_action_check', sql`action in ('opened', 'exported', 'shared', 'amended', 'deleted')`)
    .execute();
  await db.schema.createIndex('audit_events_candidate_idx').on('audit_events').columns(['candidate_id', 'seq']).execute();
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    // Append-only by the store itself, not only by the repository having no update or delete.
    await sql`create trigger audit_events_no_update before update on audit_events begin select raise(abort, 'the audit trail is append-only'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events begin select raise(abort, 'the audit trail is append-only'); end`.execute(db);
  }

  await db.schema
    .createTable('erasure_receipts')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('candidate_hash', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text', (c) => c.notNull())
    .addColumn('erased_by', 'text', (c) => c.notNull())
    /** JSON counts of what was removed. */
    .addColumn('removed', 'text', (c) => c.notNull())
    /** What the team server said: 'no team server configured', or its receipt. */
    .addColumn('server', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('retention_overrides')
    .addColumn('requisition_id', 'text', (c) => c.primaryKey().notNull().references('requisitions.id').onDelete('cascade'))
    /** Null: the Settings → Privacy default. */
    .addColumn('audio_days', 'integer')
    .addColumn('transcript_days_after_close', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('retention_overrides_days_check', sql`(audio_days is null or audio_days >= 0) and (transcript_days_after_close is null or transcript_days_after_close >= 0)`)
    .execute();

  await db.schema.alterTable('sessions').addColumn('audio_deleted_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('transcript_deleted_at', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('transcript_deleted_at').execute();
  await db.schema.alterTable('sessions').dropColumn('audio_deleted_at').execute();
  await db.schema.dropTable('retention_overrides').execute();
  await db.schema.dropTable('erasure_receipts').execute();
  await db.schema.dropTable('audit_events').execute();
}

export const m0010Privacy: Migration = { up, down };
