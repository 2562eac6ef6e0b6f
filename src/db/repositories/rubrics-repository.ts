import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { UserFacingError } from '../../core/errors.js';
import { rubricVersionSchema, type RubricVersion } from '../../core/rubric/rubric.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';

/**
 * Requisitions and their rubric versions. A rubric version is stored whole (criteria, interview plan,
 * sign-off) and read back as the core RubricVersion. Criterion ids are stable across versions in the
 * core model, but every version keeps its own criteria rows (`<version row id>:<criterion id>`), so a
 * tag or scorecard points at the exact version it was made against.
 */

export interface RequisitionSummary {
  id: string;
  title: string;
  role: string | null;
  hiringManager: string | null;
  recruiter: string | null;
  status: string;
  createdAt: string;
  latestVersion: { id: string; version: number; signedOffBy: string | null; signedOffAt: string | null } | null;
}

export interface RubricVersionRecord {
  /** The version's row id: what sessions, tags and scorecards refer to. */
  id: string;
  requisitionId: string;
  rubric: RubricVersion;
}

export const criterionRowId = (versionRowId: string, criterionId: string) => `${versionRowId}:${criterionId}`;
const questionRowId = (versionRowId: string, questionId: string) => `${versionRowId}:q:${questionId}`;

export async function createRequisition(
  db: Database,
  input: { title: string; role?: string | null; hiringManager?: string | null; recruiter?: string | null },
): Promise<string> {
  const title = input.title.trim();
  if (!title) throw new UserFacingError('A requisition needs a title.', 'invalid-requisition');
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('requisitions')
    .values({ id, title, role: input.role ?? null, hiring_manager: input.hiringManager ?? null, recruiter: input.recruiter ?? null, created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function listRequisitions(db: Database): Promise<RequisitionSummary[]> {
  const rows = await db.selectFrom('requisitions').selectAll().orderBy('created_at', 'desc').execute();
  const versions = await db
    .selectFrom('rubric_versions')
    .innerJoin('rubrics', 'rubrics.id', 'rubric_versions.rubric_id')
    .select(['rubrics.requisition_id', 'rubric_versions.id', 'rubric_versions.version', 'rubric_versions.signed_off_by', 'rubric_versions.signed_off_at'])
    .orderBy('rubric_versions.version', 'desc')
    .execute();
  return rows.map((r) => {
    const latest = versions.find((v) => v.requisition_id === r.id);
    return {
      id: r.id,
      title: r.title,
      role: r.role,
      hiringManager: r.hiring_manager,
      recruiter: r.recruiter,
      status: r.status,
      createdAt: r.created_at,
      latestVersion: latest ? { id: latest.id, version: latest.version, signedOffBy: latest.signed_off_by, signedOffAt: latest.signed_off_at } : null,
    };
  });
}

export async function getRequisition(db: Database, id: string): Promise<RequisitionSummary> {
  const found = (await listRequisitions(db)).find((r) => r.id === id);
  if (!found) throw new UserFacingError(`The requisition ${id} does not exist.`, 'requisition-not-found');
  return found;
}

/** Stores a new rubric version (the rubric row is created with version 1). Returns the version's row id. */
export async function insertRubricVersion(db: Database, requisitionId: string, rubric: RubricVersion): Promise<string> {
  const versionRowId = randomUUID();
  await db.transaction().execute(async (trx) => {
    const requisition = await trx.selectFrom('requisitions').select('id').where('id', '=', requisitionId).executeTakeFirst();
    if (!requisition) throw new UserFacingError(`The requisition ${requisitionId} does not exist.`, 'requisition-not-found');
    const existing = await trx.selectFrom('rubrics').select(['id', 'requisition_id']).where('id', '=', rubric.rubricId).executeTakeFirst();
    if (existing && existing.requisition_id !== requisitionId) {
      throw new UserFacingError(`Rubric ${rubric.rubricId} belongs to another requisition.`, 'rubric-conflict');
    }
    if (!existing) {
      await trx.insertInto('rubrics').values({ id: rubric.rubricId, requisition_id: requisitionId, title: rubric.requisitionTitle, created_at: nowIso() }).execute();
    }
    const clash = await trx.selectFrom('rubric_versions').select('id').where('rubric_id', '=', rubric.rubricId).where('version', '=', rubric.version).executeTakeFirst();
    if (clash) throw new UserFacingError(`Version ${rubric.version} of this rubric already exists.`, 'rubric-version-exists');
    await trx
      .insertInto('rubric_versions')
      .values({
        id: versionRowId,
        rubric_id: rubric.rubricId,
        version: rubric.version,
        created_at: rubric.createdAt,
        signed_off_by: rubric.signedOff?.by ?? null,
        signed_off_at: rubric.signedOff?.at ?? null,
        notes: null,
        parent_version: rubric.parentVersion,
      })
      .execute();
    await writeContent(trx, versionRowId, rubric);
  });
  return versionRowId;
}

/** Replaces an unsigned version's content in place; a signed version is never changed. */
export async function replaceDraftVersion(db: Database, versionRowId: string, rubric: RubricVersion): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('rubric_versions').selectAll().where('id', '=', versionRowId).executeTakeFirst();
    if (!row) throw new UserFacingError(`The rubric version ${versionRowId} does not exist.`, 'rubric-version-not-found');
    if (row.signed_off_at) throw new UserFacingError(`Version ${row.version} is signed off and cannot change; edit it to start a new version.`, 'rubric-signed');
    await trx.deleteFrom('interview_questions').where('rubric_version_id', '=', versionRowId).execute();
    // Tags made against a draft keep pointing at the same criterion ids (rows are re-created with the same ids).
    const keep = new Set(rubric.criteria.map((c) => criterionRowId(versionRowId, c.id)));
    const old = await trx.selectFrom('criteria').select('id').where('rubric_version_id', '=', versionRowId).execute();
    for (const c of old) if (!keep.has(c.id)) await trx.deleteFrom('criteria').where('id', '=', c.id).execute();
    // Move kept rows out of the way of the (version, position) uniqueness while positions are rewritten.
    await trx.updateTable('criteria').set({ position: sql<number>`position + 100000` }).where('rubric_version_id', '=', versionRowId).execute();
    await writeContent(trx, versionRowId, rubric, true);
    await trx.updateTable('rubrics').set({ title: rubric.requisitionTitle }).where('id', '=', row.rubric_id).execute();
  });
}

export async function signOffVersion(db: Database, versionRowId: string, by: string, at: string): Promise<void> {
  const result = await db
    .updateTable('rubric_versions')
    .set({ signed_off_by: by, signed_off_at: at })
    .where('id', '=', versionRowId)
    .where('signed_off_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new UserFacingError('This rubric version does not exist or is already signed off.', 'rubric-already-signed');
}

export async function getRubricVersion(db: Database, versionRowId: string): Promise<RubricVersionRecord> {
  const row = await db
    .selectFrom('rubric_versions')
    .innerJoin('rubrics', 'rubrics.id', 'rubric_versions.rubric_id')
    .selectAll('rubric_versions')
    .select(['rubrics.requisition_id', 'rubrics.title as rubric_title'])
    .where('rubric_versions.id', '=', versionRowId)
    .executeTakeFirst();
  if (!row) throw new UserFacingError(`The rubric version ${versionRowId} does not exist.`, 'rubric-version-not-found');
  const criteria = await db.selectFrom('criteria').selectAll().where('rubric_version_id', '=', versionRowId).orderBy('position').execute();
  const questions = await db.selectFrom('interview_questions').selectAll().where('rubric_version_id', '=', versionRowId).orderBy('stage_position').orderBy('position').execute();
  const links = await db
    .selectFrom('interview_question_criteria')
    .innerJoin('interview_questions', 'interview_questions.id', 'interview_question_criteria.question_id')
    .select(['interview_question_criteria.question_id', 'interview_question_criteria.criterion_id'])
    .where('interview_questions.rubric_version_id', '=', versionRowId)
    .execute();
  const coreId = (rowId: string) => rowId.slice(versionRowId.length + 1);
  const stages: { name: string; questions: { id: string; text: string; criterionIds: string[] }[] }[] = [];
  for (const q of questions) {
    let stage = stages[q.stage_position];
    if (!stage) stage = stages[q.stage_position] = { name: q.stage, questions: [] };
    stage.questions.push({ id: q.key, text: q.text, criterionIds: links.filter((l) => l.question_id === q.id).map((l) => coreId(l.criterion_id)) });
  }
  const rubric = rubricVersionSchema.parse({
    rubricId: row.rubric_id,
    version: row.version,
    requisitionTitle: row.rubric_title ?? '',
    createdAt: row.created_at,
    parentVersion: row.parent_version,
    signedOff: row.signed_off_by && row.signed_off_at ? { by: row.signed_off_by, at: row.signed_off_at } : null,
    interviewPlan: { stages: stages.filter(Boolean) },
    criteria: criteria.map((c) => ({
      id: coreId(c.id),
      kind: c.kind,
      title: c.title,
      description: c.description ?? '',
      goodLooksLike: c.good_looks_like ?? '',
      badLooksLike: c.bad_looks_like ?? '',
      signals: JSON.parse(c.signals) as string[],
      questionIds: questions.filter((q) => links.some((l) => l.question_id === q.id && l.criterion_id === c.id)).map((q) => q.key),
      scale: { min: c.scale_min, max: c.scale_max },
    })),
  });
  return { id: row.id, requisitionId: row.requisition_id, rubric };
}

export async function listRubricVersions(db: Database, requisitionId: string): Promise<RubricVersionRecord[]> {
  const rows = await db
    .selectFrom('rubric_versions')
    .innerJoin('rubrics', 'rubrics.id', 'rubric_versions.rubric_id')
    .select('rubric_versions.id')
    .where('rubrics.requisition_id', '=', requisitionId)
    .orderBy('rubric_versions.version', 'desc')
    .execute();
  return Promise.all(rows.map((r) => getRubricVersion(db, r.id)));
}

/** Every signed-off version, newest first: what a recording or a scorecard can be made against. */
export async function listSignedVersions(db: Database): Promise<{ id: string; requisitionTitle: string; version: number; signedOffBy: string; signedOffAt: string }[]> {
  const rows = await db
    .selectFrom('rubric_versions')
    .innerJoin('rubrics', 'rubrics.id', 'rubric_versions.rubric_id')
    .innerJoin('requisitions', 'requisitions.id', 'rubrics.requisition_id')
    .select(['rubric_versions.id', 'requisitions.title', 'rubric_versions.version', 'rubric_versions.signed_off_by', 'rubric_versions.signed_off_at'])
    .where('rubric_versions.signed_off_at', 'is not', null)
    .orderBy('rubric_versions.signed_off_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, requisitionTitle: r.title, version: r.version, signedOffBy: r.signed_off_by ?? '', signedOffAt: r.signed_off_at ?? '' }));
}

type Trx = Parameters<Parameters<ReturnType<Database['transaction']>['execute']>[0]>[0];

async function writeContent(trx: Trx, versionRowId: string, rubric: RubricVersion, upsertCriteria = false): Promise<void> {
  for (const [position, c] of rubric.criteria.entries()) {
    const values = {
      rubric_version_id: versionRowId,
      position,
      kind: c.kind,
      title: c.title,
      description: c.description || null,
      good_looks_like: c.goodLooksLike || null,
      bad_looks_like: c.badLooksLike || null,
      signals: JSON.stringify(c.signals),
      scale_min: c.scale.min,
      scale_max: c.scale.max,
    };
    const id = criterionRowId(versionRowId, c.id);
    if (upsertCriteria) await trx.insertInto('criteria').values({ id, ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
    else await trx.insertInto('criteria').values({ id, ...values }).execute();
  }
  for (const [stagePosition, stage] of rubric.interviewPlan.stages.entries()) {
    for (const [position, q] of stage.questions.entries()) {
      const id = questionRowId(versionRowId, q.id);
      await trx.insertInto('interview_questions').values({ id, rubric_version_id: versionRowId, key: q.id, stage: stage.name, stage_position: stagePosition, position, text: q.text }).execute();
      for (const criterionId of q.criterionIds) {
        await trx.insertInto('interview_question_criteria').values({ question_id: id, criterion_id: criterionRowId(versionRowId, criterionId) }).execute();
      }
    }
  }
}
