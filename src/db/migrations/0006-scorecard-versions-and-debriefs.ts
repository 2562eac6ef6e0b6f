import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Portable. Submitted scorecards and the panel's debrief decisions.
 *
 * A submitted scorecard is a chain of immutable versions under the 0001 `scorecards` row (one per
 * interviewer per interview): version 1 is the submission, each amendment a new version with its
 * reason. Nothing here is ever updated; the later sync issue ships these rows as they are.
 * Each rating keeps a copy of its evidence (quote and times) beside the moment link, so deleting or
 * moving a moment later can't change what was submitted.
 *
 * The 0001 scorecard columns `overall_recommendation` (its check predates Greenhouse's values) and
 * `submitted_at` are left unused: the versions carry both.
 */

const float = 'double precision';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not DB
async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scorecard_versions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('scorecard_id', 'text', (c) => c.notNull().references('scorecards.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rubric_version_id', 'text', (c) => c.notNull().references('rubric_versions.id'))
    .addColumn('overall_recommendation', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    /** Why this version replaced the previous one; null only for version 1. */
    .addColumn('amendment_reason', 'text')
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('scorecard_versions_scorecard_version_unique', ['scorecard_id', 'version'])
    .addCheckConstraint('scorecard_versions_version_check', sql`version >= 1`)
    .addCheckConstraint(
      'scorecard_versions_recommendation_check',
      sql`overall_recommendation in ('definitely_not', 'no', 'yes', 'strong_yes', 'no_decision')`,
    )
    .addCheckConstraint('scorecard_versions_amendment_check', sql`(version = 1 and amendment_reason is null) or (version > 1 and amendment_reason is not null)`)
    .execute();

  await db.schema
    .createTable('scorecard_version_ratings')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('scorecard_version_id', 'text', (c) => c.notNull().references('scorecard_versions.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (c) => c.notNull().references('criteria.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    /** What the draft proposed and why, kept so the history shows where a rating departed from it. */
    .addColumn('proposed_rating', 'text')
    .addColumn('proposal_reason', 'text')
    .addUniqueConstraint('scorecard_version_ratings_criterion_unique', ['scorecard_version_id', 'criterion_id'])
    .addCheckConstraint('scorecard_version_ratings_rating_check', sql`rating in ('strong_no', 'no', 'yes', 'strong_yes', 'no_evidence')`)
    .execute();

  await db.schema
    .createTable('scorecard_version_evidence')
    .addColumn('rating_id', 'text', (c) => c.notNull().references('scorecard_version_ratings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('moment_id', 'text', (c) => c.references('moments.id').onDelete('set null'))
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('start_sec', float, (c) => c.notNull())
    .addColumn('end_sec', float, (c) => c.notNull())
    .addColumn('quote', 'text')
    .addPrimaryKeyConstraint('scorecard_version_evidence_pk', ['rating_id', 'position'])
    .execute();
  await db.schema.createIndex('scorecard_version_evidence_moment_idx').on('scorecard_version_evidence').column('moment_id').execute();

  await db.schema
    .createTable('debrief_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidates.id').onDelete('cascade'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addCheckConstraint('debrief_decisions_decision_check', sql`decision in ('advance', 'reject', 'hold', 'offer')`)
    .execute();
  await db.schema.createIndex('debrief_decisions_candidate_idx').on('debrief_decisions').columns(['candidate_id', 'decided_at']).execute();

  await db.schema
    .createTable('debrief_reasons')
    .addColumn('decision_id', 'text', (c) => c.notNull().references('debrief_decisions.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    /** Captured evidence behind the reason; null when it rests on a criterion alone, or on memory. */
    .addColumn('moment_id', 'text', (c) => c.references('moments.id').onDelete('set null'))
    .addColumn('quote', 'text')
    /** The criterion (core id, stable across rubric versions) the reason argues from. */
    .addColumn('criterion_id', 'text')
    .addPrimaryKeyConstraint('debrief_reasons_pk', ['decision_id', 'position'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['debrief_reasons', 'debrief_decisions', 'scorecard_version_evidence', 'scorecard_version_ratings', 'scorecard_versions']) {
    await db.schema.dropTable(table).execute();
  }
}

export const m0006ScorecardVersionsAndDebriefs: Migration = { up, down };
