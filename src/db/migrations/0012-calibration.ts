import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Portable. What calibration across a requisition needs beyond scorecards and decisions:
 * - candidate_stage_changes: every change of a candidate's stage, so time in stage is measured, not guessed;
 * - candidate_losses: a candidate who withdrew or declined, with the reason in the recruiter's words;
 * - candidate_loss_moments: the moments that explain it, the quote copied so a later edit can't change it;
 * - alignment_pulses: the two-question pulse, answered once per requisition by the recruiter and once by
 *   the hiring manager (a later answer replaces the earlier one).
 */

const float = 'double precision';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not DB
async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('candidate_stage_changes')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidates.id').onDelete('cascade'))
    /** Null when the candidate had no stage before. */
    .addColumn('from_stage', 'text')
    /** Null when the stage was cleared. */
    .addColumn('to_stage', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('candidate_stage_changes_candidate_idx').on('candidate_stage_changes').columns(['candidate_id', 'changed_at']).execute();

  await db.schema
    .createTable('candidate_losses')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidates.id').onDelete('cascade'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addCheckConstraint('candidate_losses_outcome_check', sql`outcome in ('withdrawn', 'declined')`)
    .addCheckConstraint('candidate_losses_reason_check', sql`length(trim(reason)) > 0`)
    .execute();
  await db.schema.createIndex('candidate_losses_candidate_idx').on('candidate_losses').columns(['candidate_id', 'recorded_at']).execute();

  await db.schema
    .createTable('candidate_loss_moments')
    .addColumn('loss_id', 'text', (c) => c.notNull().references('candidate_losses.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('moment_id', 'text', (c) => c.references('moments.id').onDelete('set null'))
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('start_sec', float, (c) => c.notNull())
    .addColumn('end_sec', float, (c) => c.notNull())
    .addColumn('quote', 'text')
    .addPrimaryKeyConstraint('candidate_loss_moments_pk', ['loss_id', 'position'])
    .execute();

  await db.schema
    .createTable('alignment_pulses')
    .addColumn('requisition_id', 'text', (c) => c.notNull().references('requisitions.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('respondent', 'text', (c) => c.notNull())
    /** "Did your counterpart understand what good looked like on this hire?" 1 yes, 0 no. */
    .addColumn('counterpart_understood', 'integer', (c) => c.notNull())
    /** "Did the interviews test what the rubric said mattered?" 1 yes, 0 no. */
    .addColumn('interviews_tested_rubric', 'integer', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alignment_pulses_pk', ['requisition_id', 'role'])
    .addCheckConstraint('alignment_pulses_role_check', sql`role in ('recruiter', 'hiring-manager')`)
    .addCheckConstraint('alignment_pulses_answers_check', sql`counterpart_understood in (0, 1) and interviews_tested_rubric in (0, 1)`)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['alignment_pulses', 'candidate_loss_moments', 'candidate_losses', 'candidate_stage_changes']) {
    await db.schema.dropTable(table).execute();
  }
}

export const m0012Calibration: Migration = { up, down };
