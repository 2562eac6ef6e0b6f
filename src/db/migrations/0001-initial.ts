import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The portable data model (SQLite and PostgreSQL). Frozen once released: later
 * changes go in new migrations, so the enum lists here are literals on purpose.
 */

// SQLite gives this REAL affinity; PostgreSQL gets float8 rather than float4.
const float = 'double precision';
// NOT NULL is spelled out on primary keys: SQLite lets a non-integer primary key hold NULL.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not DB
async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('requisitions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('hiring_manager', 'text')
    .addColumn('recruiter', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'requisitions_status_check',
      sql`status in ('draft', 'open', 'on-hold', 'filled', 'closed')`,
    )
    .execute();

  await db.schema
    .createTable('rubrics')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('requisition_id', 'text', (c) => c.notNull().references('requisitions.id').onDelete('cascade'))
    .addColumn('title', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rubrics_requisition_idx').on('rubrics').column('requisition_id').execute();

  await db.schema
    .createTable('rubric_versions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('rubric_id', 'text', (c) => c.notNull().references('rubrics.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('signed_off_by', 'text')
    .addColumn('signed_off_at', 'text')
    .addColumn('notes', 'text')
    .addUniqueConstraint('rubric_versions_rubric_version_unique', ['rubric_id', 'version'])
    .addCheckConstraint('rubric_versions_version_check', sql`version >= 1`)
    .execute();

  await db.schema
    .createTable('criteria')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('rubric_version_id', 'text', (c) => c.notNull().references('rubric_versions.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('good_looks_like', 'text')
    .addColumn('bad_looks_like', 'text')
    .addColumn('signals', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('scale_min', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('scale_max', 'integer', (c) => c.notNull().defaultTo(4))
    .addUniqueConstraint('criteria_version_position_unique', ['rubric_version_id', 'position'])
    .addCheckConstraint('criteria_kind_check', sql`kind in ('must-have', 'trade-off', 'deal-breaker')`)
    .addCheckConstraint('criteria_position_check', sql`position >= 0`)
    .addCheckConstraint('criteria_scale_check', sql`scale_max > scale_min`)
    .execute();

  await db.schema
    .createTable('candidates')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('requisition_id', 'text', (c) => c.references('requisitions.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('candidates_requisition_idx').on('candidates').column('requisition_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // A session is the recording itself: it outlives the requisition, candidate or rubric it was filed under.
    .addColumn('requisition_id', 'text', (c) => c.references('requisitions.id').onDelete('set null'))
    .addColumn('candidate_id', 'text', (c) => c.references('candidates.id').onDelete('set null'))
    .addColumn('rubric_version_id', 'text', (c) => c.references('rubric_versions.id').onDelete('set null'))
    .addColumn('stage', 'text')
    .addColumn('started_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('duration_sec', float)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('complete'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('consent_text', 'text')
    .addColumn('consent_acknowledged_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('sessions_kind_check', sql`kind in ('intake', 'interview')`)
    .addCheckConstraint('sessions_status_check', sql`status in ('recording', 'complete', 'recovered', 'failed')`)
    .addCheckConstraint('sessions_source_check', sql`source in ('recording', 'audio-file', 'import')`)
    .addCheckConstraint('sessions_duration_check', sql`duration_sec is null or duration_sec >= 0`)
    .execute();
  await db.schema.createIndex('sessions_created_idx').on('sessions').column('created_at').execute();
  await db.schema.createIndex('sessions_requisition_idx').on('sessions').column('requisition_id').execute();
  await db.schema.createIndex('sessions_candidate_idx').on('sessions').column('candidate_id').execute();

  await db.schema
    .createTable('tracks')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('speaker_label', 'text')
    .addColumn('path', 'text')
    .addColumn('sample_rate', 'integer')
    .addColumn('channels', 'integer')
    .addColumn('duration_sec', float)
    .addUniqueConstraint('tracks_session_position_unique', ['session_id', 'position'])
    .addCheckConstraint('tracks_source_check', sql`source in ('mic', 'system', 'file')`)
    .addCheckConstraint('tracks_sample_rate_check', sql`sample_rate is null or sample_rate > 0`)
    .addCheckConstraint('tracks_channels_check', sql`channels is null or channels > 0`)
    .addCheckConstraint('tracks_duration_check', sql`duration_sec is null or duration_sec >= 0`)
    .execute();

  await db.schema
    .createTable('transcript_segments')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('track_id', 'text', (c) => c.references('tracks.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('speaker', 'text')
    .addColumn('start_sec', float, (c) => c.notNull())
    .addColumn('end_sec', float, (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('words', 'text', (c) => c.notNull().defaultTo('[]'))
    .addUniqueConstraint('transcript_segments_session_position_unique', ['session_id', 'position'])
    .addCheckConstraint('transcript_segments_position_check', sql`position >= 0`)
    .addCheckConstraint('transcript_segments_times_check', sql`start_sec >= 0 and end_sec >= start_sec`)
    .execute();
  await db.schema
    .createIndex('transcript_segments_session_start_idx')
    .on('transcript_segments')
    .columns(['session_id', 'start_sec'])
    .execute();
  await db.schema.createIndex('transcript_segments_track_idx').on('transcript_segments').column('track_id').execute();

  await db.schema
    .createTable('moments')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('start_sec', float, (c) => c.notNull())
    .addColumn('end_sec', float, (c) => c.notNull())
    .addColumn('criterion_id', 'text', (c) => c.references('criteria.id').onDelete('set null'))
    .addColumn('rubric_version_id', 'text', (c) => c.references('rubric_versions.id').onDelete('set null'))
    .addColumn('author', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('quote', 'text')
    .addColumn('confidence', float)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('moments_origin_check', sql`origin in ('manual', 'auto')`)
    .addCheckConstraint('moments_status_check', sql`status in ('proposed', 'accepted', 'rejected')`)
    .addCheckConstraint('moments_times_check', sql`start_sec >= 0 and end_sec >= start_sec`)
    .addCheckConstraint('moments_confidence_check', sql`confidence is null or (confidence >= 0 and confidence <= 1)`)
    .execute();
  await db.schema.createIndex('moments_session_idx').on('moments').columns(['session_id', 'start_sec']).execute();
  await db.schema.createIndex('moments_criterion_idx').on('moments').column('criterion_id').execute();

  await db.schema
    .createTable('scorecards')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('interviewer', 'text', (c) => c.notNull())
    // No cascade: a rubric version that scorecards were written against can't vanish under them.
    .addColumn('rubric_version_id', 'text', (c) => c.notNull().references('rubric_versions.id'))
    .addColumn('overall_recommendation', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('scorecards_session_interviewer_unique', ['session_id', 'interviewer'])
    .addCheckConstraint(
      'scorecards_recommendation_check',
      sql`overall_recommendation is null or overall_recommendation in ('strong-no', 'no', 'yes', 'strong-yes')`,
    )
    .execute();
  await db.schema.createIndex('scorecards_rubric_version_idx').on('scorecards').column('rubric_version_id').execute();

  await db.schema
    .createTable('scorecard_ratings')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('scorecard_id', 'text', (c) => c.notNull().references('scorecards.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (c) => c.notNull().references('criteria.id'))
    .addColumn('rating', 'integer')
    .addColumn('notes', 'text')
    .addUniqueConstraint('scorecard_ratings_scorecard_criterion_unique', ['scorecard_id', 'criterion_id'])
    .execute();
  await db.schema.createIndex('scorecard_ratings_criterion_idx').on('scorecard_ratings').column('criterion_id').execute();

  await db.schema
    .createTable('rating_evidence')
    .addColumn('rating_id', 'text', (c) => c.notNull().references('scorecard_ratings.id').onDelete('cascade'))
    .addColumn('moment_id', 'text', (c) => c.notNull().references('moments.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('rating_evidence_pk', ['rating_id', 'moment_id'])
    .execute();
  await db.schema.createIndex('rating_evidence_moment_idx').on('rating_evidence').column('moment_id').execute();

  await db.schema
    .createTable('sync_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('payload', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addCheckConstraint('sync_outbox_op_check', sql`op in ('upsert', 'delete')`)
    .addCheckConstraint('sync_outbox_attempts_check', sql`attempts >= 0`)
    .execute();
  await db.schema.createIndex('sync_outbox_pending_idx').on('sync_outbox').columns(['sent_at', 'created_at']).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey().notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

/** Children first, so foreign keys never block a drop. */
export const initialTables = [
  'settings',
  'sync_outbox',
  'rating_evidence',
  'scorecard_ratings',
  'scorecards',
  'moments',
  'transcript_segments',
  'tracks',
  'sessions',
  'candidates',
  'criteria',
  'rubric_versions',
  'rubrics',
  'requisitions',
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function down(db: Kysely<any>): Promise<void> {
  for (const table of initialTables) await db.schema.dropTable(table).execute();
}

export const m0001Initial: Migration = { up, down };
