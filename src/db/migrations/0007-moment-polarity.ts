import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Portable. A mapper proposal says which way it points: `supports` (evidence in the candidate's
 * favour on the criterion) or `contradicts` ("I've never owned a P&L"). Null for interviewer tags and
 * for moments stored before this migration.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not DB
async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('moments')
    .addColumn('polarity', 'text', (c) => c.check(sql`polarity is null or polarity in ('supports', 'contradicts')`))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('moments').dropColumn('polarity').execute();
}

export const m0007MomentPolarity: Migration = { up, down };
