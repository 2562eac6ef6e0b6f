import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Portable. What rubrics, live tagging and mapping review need beyond 0001:
 * - interview plans: questions per stage of a rubric version, each linked to the criteria it probes;
 * - rubric versions remember the version they were edited from;
 * - moments can be flags ("revisit this", no criterion) and remember why the mapper proposed them;
 * - sessions remember which interviewer recorded them and the question plan stage in use.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not DB
async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('interview_questions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('rubric_version_id', 'text', (c) => c.notNull().references('rubric_versions.id').onDelete('cascade'))
    /** The question's id inside its rubric version (stable across versions, used by rubric files). */
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_position', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addUniqueConstraint('interview_questions_version_key_unique', ['rubric_version_id', 'key'])
    .addCheckConstraint('interview_questions_position_check', sql`position >= 0 and stage_position >= 0`)
    .execute();

  await db.schema
    .createTable('interview_question_criteria')
    .addColumn('question_id', 'text', (c) => c.notNull().references('interview_questions.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (c) => c.notNull().references('criteria.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('interview_question_criteria_pk', ['question_id', 'criterion_id'])
    .execute();
  await db.schema
    .createIndex('interview_question_criteria_criterion_idx')
    .on('interview_question_criteria')
    .column('criterion_id')
    .execute();

  await db.schema.alterTable('rubric_versions').addColumn('parent_version', 'integer').execute();

  await db.schema
    .alterTable('moments')
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0).check(sql`flagged in (0, 1)`))
    .execute();
  /** Why the mapper proposed an auto moment: question-link | lexical | question-lexical | tag. */
  await db.schema.alterTable('moments').addColumn('reason', 'text').execute();

  await db.schema.alterTable('sessions').addColumn('interviewer', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('interviewer').execute();
  await db.schema.alterTable('moments').dropColumn('reason').execute();
  await db.schema.alterTable('moments').dropColumn('flagged').execute();
  await db.schema.alterTable('rubric_versions').dropColumn('parent_version').execute();
  await db.schema.dropTable('interview_question_criteria').execute();
  await db.schema.dropTable('interview_questions').execute();
}

export const m0003InterviewPlansAndTags: Migration = { up, down };
