import type { Kysely, Migration } from 'kysely';

/**
 * Portable. A candidate's place in the pipeline (stage, e.g. "Phone screen") and where they came
 * from (source, e.g. "Referral"), both free text: every team names its stages differently.
 * The table and `sessions.candidate_id`/`stage` stay as 0001 made them.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not DB
async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('candidates').addColumn('stage', 'text').execute();
  await db.schema.alterTable('candidates').addColumn('source', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('candidates').dropColumn('source').execute();
  await db.schema.alterTable('candidates').dropColumn('stage').execute();
}

export const m0005CandidateStageAndSource: Migration = { up, down };
