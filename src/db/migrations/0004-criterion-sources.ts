import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Portable. Where a criterion came from: the intake-call quotes (with speaker, time and the
 * requirement words) behind a drafted criterion, stored with its rubric version so the hiring
 * manager signing off later still sees them. The quote is copied, not referenced: deleting the
 * intake session keeps it (the session and segment links become null).
 */

// SQLite gives this REAL affinity; PostgreSQL gets float8 (as in 0001).
const float = 'double precision';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not DB
async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('criterion_sources')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('criterion_id', 'text', (c) => c.notNull().references('criteria.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.references('sessions.id').onDelete('set null'))
    .addColumn('segment_id', 'text', (c) => c.references('transcript_segments.id').onDelete('set null'))
    /** Order of the quote among its criterion's quotes (0-based). */
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('start_sec', float, (c) => c.notNull())
    .addColumn('end_sec', float, (c) => c.notNull())
    .addColumn('speaker', 'text')
    /** The requirement words that made the sentence a criterion ("must", "deal-breaker"). */
    .addColumn('cue', 'text')
    .addUniqueConstraint('criterion_sources_criterion_position_unique', ['criterion_id', 'position'])
    .addCheckConstraint('criterion_sources_position_check', sql`position >= 0`)
    .addCheckConstraint('criterion_sources_times_check', sql`start_sec >= 0 and end_sec >= start_sec`)
    .execute();
  // Deleting a session or segment looks up the rows it nulls.
  await db.schema.createIndex('criterion_sources_session_idx').on('criterion_sources').column('session_id').execute();
  await db.schema.createIndex('criterion_sources_segment_idx').on('criterion_sources').column('segment_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('criterion_sources').execute();
}

export const m0004CriterionSources: Migration = { up, down };
