import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { UserFacingError } from '../../core/errors.js';
import { rubricVersionSchema, type CriterionInput, type InterviewPlan, type RubricVersion } from '../../core/rubric/rubric.js';
import { createRubric, editRubricVersion } from '../../core/rubric/rubric-versioning.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import type { DB } from '../schema.js';
import { describeIssues } from '../../core/zod-issues.js';
import { recordChange } from '../sync/record-change.js';

/**
 * Rubric versions of a requisition. A version is stored whole (criteria, interview plan, sign-off)
 * and read back as the core RubricVersion. Criterion ids are stable across versions in the core
 * model, but every version keeps its own criteria rows (`<version row id>:<criterion id>`), so a
 * tag, mapping or scorecard points at the exact version it was made against.
 *
 * Versioning rule (saveRubricEdit): a version is frozen once it is signed off OR anything was
 * recorded against it (a session filed under it, a moment, a scorecard); editing a frozen version
 * stores a new version (latest + 1, parentVersion = the edited one, unsigned). An unsigned version
 * nothing refers to is a draft and is edited in place, keeping its criteria row ids.
 *
 * Sources (the intake-call quotes behind a criterion) belong to the version's criteria rows, so a
 * frozen version's quotes never change either; a new version copies those of the criteria it keeps.
 */

export interface RubricVersionRecord {
  /** The version's row id: what sessions, tags and scorecards refer to. */
  id: string;
  requisitionId: string;
  rubric: RubricVersion;
  /** The quotes behind its criteria, in criteria order. */
  sources: CriterionSource[];
}

/** A quote from the intake call that a criterion was drafted from. */
export interface CriterionSource {
  /** The criterion's id within the version (core id, not the row id). */
  criterionId: string;
  /** Null once the session (or segment) is gone: the quote stays. */
  sessionId: string | null;
  segmentId: string | null;
  quote: string;
  start: number;
  end: number;
  speaker: string | null;
  cue: string | null;
}

/** A connection or an open transaction: the read helpers work inside either. */
type Db = Kysely<DB>;

export const criterionRowId = (versionRowId: string, criterionId: string) => `${versionRowId}:${criterionId}`;
const questionRowId = (versionRowId: string, questionId: string) => `${versionRowId}:q:${questionId}`;

export interface RubricEdit {
  criteria: CriterionInput[];
  interviewPlan: InterviewPlan;
  /** Every quote of the saved version. Left out: a draft keeps its quotes, a new version copies its parent's. */
  sources?: readonly CriterionSource[];
}

export interface SavedRubric {
  record: RubricVersionRecord;
  /** True when the save stored a new version rather than changing the draft in place. */
  createdNewVersion: boolean;
}

/**
 * Saves the editor's content. `versionId` null: the requisition's first version (refused when it
 * already has one). Otherwise the edited version is changed in place or succeeded, per the rule above.
 * One transaction: the decision and the rows it writes can't be split by another save.
 */
export async function saveRubricEdit(db: Database, requisitionId: string, versionId: string | null, edit: RubricEdit, now = new Date()): Promise<SavedRubric> {
  const linked = { criteria: withQuestionLinks(edit.criteria, edit.interviewPlan), interviewPlan: edit.interviewPlan };
  if (edit.sources) checkSourceCriteria(edit.sources, edit.criteria);
  const saved = await db.transaction().execute(async (trx) => {
    const requisition = await trx.selectFrom('requisitions').select(['id', 'title']).where('id', '=', requisitionId).executeTakeFirst();
    if (!requisition) throw new UserFacingError(`The requisition ${requisitionId} does not exist (it may have been deleted).`, 'requisition-not-found');
    if (versionId === null) {
      const existing = await trx.selectFrom('rubrics').select('id').where('requisition_id', '=', requisitionId).executeTakeFirst();
      if (existing) throw new UserFacingError('This requisition already has a rubric: edit its latest version instead.', 'rubric-exists');
      const rubric = createRubric({ requisitionTitle: requisition.title, ...linked, now });
      const id = await insertVersion(trx, requisitionId, rubric, edit.sources ?? []);
      return { id, createdNewVersion: true };
    }
    const current = await readVersion(trx, versionId);
    if (current.requisitionId !== requisitionId) throw new UserFacingError('That rubric version belongs to another requisition.', 'rubric-conflict');
    if (current.rubric.signedOff === null && !(await isVersionInUse(trx, versionId))) {
      const { version } = editRubricVersion(current.rubric, { ...linked, requisitionTitle: requisition.title }, now);
      // Removed criteria lose their quotes by cascade; kept ones keep theirs unless quotes are given.
      await replaceContent(trx, versionId, version, edit.sources);
      return { id: versionId, createdNewVersion: false };
    }
    const latest = await trx
      .selectFrom('rubric_versions')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('rubric_id', '=', current.rubric.rubricId)
      .executeTakeFirstOrThrow();
    const next = parseVersion({
      ...current.rubric,
      ...linked,
      requisitionTitle: requisition.title,
      version: Number(latest.version) + 1,
      parentVersion: current.rubric.version,
      signedOff: null,
      createdAt: now.toISOString(),
    });
    const kept = new Set(next.criteria.map((c) => c.id));
    const id = await insertVersion(trx, requisitionId, next, edit.sources ?? current.sources.filter((s) => kept.has(s.criterionId)));
    return { id, createdNewVersion: true };
  });
  return { record: await getRubricVersion(db, saved.id), createdNewVersion: saved.createdNewVersion };
}

/** Stores a whole version as given (the rubric row is created with its first version). Returns the version's row id. */
export async function insertRubricVersion(db: Database, requisitionId: string, rubric: RubricVersion): Promise<string> {
  return db.transaction().execute((trx) => insertVersion(trx, requisitionId, rubric));
}

/** Replaces an unsigned version's content in place; a signed version is never changed. */
export async function replaceDraftVersion(db: Database, versionRowId: string, rubric: RubricVersion): Promise<void> {
  await db.transaction().execute((trx) => replaceContent(trx, versionRowId, rubric));
}

/** Whether a session, moment or scorecard was made against this version (then it must not change). */
export async function isVersionInUse(db: Db, versionRowId: string): Promise<boolean> {
  const [session, moment, scorecard] = await Promise.all([
    db.selectFrom('sessions').select('id').where('rubric_version_id', '=', versionRowId).limit(1).executeTakeFirst(),
    db.selectFrom('moments').select('id').where('rubric_version_id', '=', versionRowId).limit(1).executeTakeFirst(),
    db.selectFrom('scorecards').select('id').where('rubric_version_id', '=', versionRowId).limit(1).executeTakeFirst(),
  ]);
  return Boolean(session ?? moment ?? scorecard);
}

/** Records who signed the version off and when; refuses an unknown, empty or already signed version. */
export async function signOffVersion(db: Database, versionRowId: string, by: string, at: string): Promise<void> {
  const name = by.trim();
  if (!name) throw new UserFacingError('Sign-off needs the name of the person signing.', 'rubric-sign-off-unnamed');
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('rubric_versions').select(['version', 'signed_off_by', 'signed_off_at']).where('id', '=', versionRowId).executeTakeFirst();
    if (!row) throw new UserFacingError(`The rubric version ${versionRowId} does not exist.`, 'rubric-version-not-found');
    if (row.signed_off_at) {
      throw new UserFacingError(`Version ${row.version} was already signed off by ${row.signed_off_by ?? 'someone'} at ${row.signed_off_at}.`, 'rubric-already-signed');
    }
    const criteria = await trx.selectFrom('criteria').select((eb) => eb.fn.countAll<number>().as('n')).where('rubric_version_id', '=', versionRowId).executeTakeFirstOrThrow();
    if (Number(criteria.n) === 0) throw new UserFacingError(`Version ${row.version} has no criteria to sign off.`, 'rubric-empty');
    await trx.updateTable('rubric_versions').set({ signed_off_by: name, signed_off_at: at }).where('id', '=', versionRowId).execute();
    await recordChange(trx, { entity: 'rubric_version', entityId: versionRowId });
  });
}

/**
 * One version as the core model, by its row id. This is what a session, tag or scorecard refers
 * to: `rubric.criteria[i].id` is the criterion id within the version (rows are `criterionRowId`).
 */
export async function getRubricVersion(db: Database, versionRowId: string): Promise<RubricVersionRecord> {
  return readVersion(db, versionRowId);
}

/** Every version of the requisition's rubric, newest first. */
export async function listRubricVersions(db: Database, requisitionId: string): Promise<RubricVersionRecord[]> {
  const rows = await db
    .selectFrom('rubric_versions')
    .innerJoin('rubrics', 'rubrics.id', 'rubric_versions.rubric_id')
    .select('rubric_versions.id')
    .where('rubrics.requisition_id', '=', requisitionId)
    .orderBy('rubric_versions.version', 'desc')
    .execute();
  return Promise.all(rows.map((r) => readVersion(db, r.id)));
}

export interface SignedVersionSummary {
  id: string;
  requisitionTitle: string;
  version: number;
  signedOffBy: string;
  signedOffAt: string;
}

/** Every signed-off version, newest sign-off first: what a recording or a scorecard can be made against. */
export async function listSignedVersions(db: Database): Promise<SignedVersionSummary[]> {
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

/** Links criteria to the questions that probe them, from the plan: the one place links are edited. */
function withQuestionLinks(criteria: CriterionInput[], plan: InterviewPlan): CriterionInput[] {
  return criteria.map((c) => ({
    ...c,
    questionIds: plan.stages.flatMap((s) => s.questions.filter((q) => c.id !== undefined && q.criterionIds.includes(c.id)).map((q) => q.id)),
  }));
}

/** Every quote must belong to a criterion of the saved rubric: name the one that does not. */
function checkSourceCriteria(sources: readonly CriterionSource[], criteria: readonly CriterionInput[]): void {
  const ids = new Set(criteria.map((c) => c.id));
  const stray = sources.find((s) => !ids.has(s.criterionId));
  if (!stray) return;
  const quote = stray.quote.length > 60 ? `${stray.quote.slice(0, 60)}…` : stray.quote;
  throw new UserFacingError(`The intake quote "${quote}" belongs to criterion ${stray.criterionId}, which this rubric does not have.`, 'invalid-rubric');
}

function parseVersion(input: unknown): RubricVersion {
  const result = rubricVersionSchema.safeParse(input);
  if (result.success) return result.data;
  throw new UserFacingError(`Invalid rubric at ${describeIssues(result.error, { topLevel: '(root)' })}`, 'rubric-invalid-edit');
}

async function readVersion(db: Db, versionRowId: string): Promise<RubricVersionRecord> {
  const row = await db
    .selectFrom('rubric_versions')
    .innerJoin('rubrics', 'rubrics.id', 'rubric_versions.rubric_id')
    .innerJoin('requisitions', 'requisitions.id', 'rubrics.requisition_id')
    .selectAll('rubric_versions')
    .select(['rubrics.requisition_id', 'requisitions.title as requisition_title'])
    .where('rubric_versions.id', '=', versionRowId)
    .executeTakeFirst();
  if (!row) throw new UserFacingError(`The rubric version ${versionRowId} does not exist.`, 'rubric-version-not-found');
  const [criteria, questions, links, sources] = await Promise.all([
    db.selectFrom('criteria').selectAll().where('rubric_version_id', '=', versionRowId).orderBy('position').execute(),
    db.selectFrom('interview_questions').selectAll().where('rubric_version_id', '=', versionRowId).orderBy('stage_position').orderBy('position').execute(),
    db
      .selectFrom('interview_question_criteria')
      .innerJoin('interview_questions', 'interview_questions.id', 'interview_question_criteria.question_id')
      .innerJoin('criteria', 'criteria.id', 'interview_question_criteria.criterion_id')
      .select(['interview_question_criteria.question_id', 'interview_question_criteria.criterion_id'])
      .where('interview_questions.rubric_version_id', '=', versionRowId)
      // Links have no order of their own: list them in the rubric's criteria order.
      .orderBy('criteria.position')
      .execute(),
    db
      .selectFrom('criterion_sources')
      .innerJoin('criteria', 'criteria.id', 'criterion_sources.criterion_id')
      .selectAll('criterion_sources')
      .where('criteria.rubric_version_id', '=', versionRowId)
      .orderBy('criteria.position')
      .orderBy('criterion_sources.position')
      .execute(),
  ]);
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
    // The requisition's current title: renaming the requisition renames every version's heading.
    requisitionTitle: row.requisition_title,
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
  return {
    id: row.id,
    requisitionId: row.requisition_id,
    rubric,
    sources: sources.map((s) => ({
      criterionId: coreId(s.criterion_id),
      sessionId: s.session_id,
      segmentId: s.segment_id,
      quote: s.quote,
      start: s.start_sec,
      end: s.end_sec,
      speaker: s.speaker,
      cue: s.cue,
    })),
  };
}

async function insertVersion(trx: Db, requisitionId: string, rubric: RubricVersion, sources: readonly CriterionSource[] = []): Promise<string> {
  const versionRowId = randomUUID();
  const requisition = await trx.selectFrom('requisitions').select('id').where('id', '=', requisitionId).executeTakeFirst();
  if (!requisition) throw new UserFacingError(`The requisition ${requisitionId} does not exist.`, 'requisition-not-found');
  const existing = await trx.selectFrom('rubrics').select(['id', 'requisition_id']).where('id', '=', rubric.rubricId).executeTakeFirst();
  if (existing && existing.requisition_id !== requisitionId) {
    throw new UserFacingError(`Rubric ${rubric.rubricId} belongs to another requisition.`, 'rubric-conflict');
  }
  if (!existing) {
    await trx.insertInto('rubrics').values({ id: rubric.rubricId, requisition_id: requisitionId, title: rubric.requisitionTitle, created_at: nowIso() }).execute();
    await recordChange(trx, { entity: 'rubric', entityId: rubric.rubricId });
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
  // Before the change is recorded: the sources' structure travels with the version.
  await writeSources(trx, versionRowId, sources);
  await recordVersionChanges(trx, versionRowId);
  return versionRowId;
}

async function replaceContent(trx: Db, versionRowId: string, rubric: RubricVersion, sources?: readonly CriterionSource[]): Promise<void> {
  const row = await trx.selectFrom('rubric_versions').selectAll().where('id', '=', versionRowId).executeTakeFirst();
  if (!row) throw new UserFacingError(`The rubric version ${versionRowId} does not exist.`, 'rubric-version-not-found');
  if (row.signed_off_at) throw new UserFacingError(`Version ${row.version} is signed off and cannot change; edit it to start a new version.`, 'rubric-signed');
  await trx.deleteFrom('interview_questions').where('rubric_version_id', '=', versionRowId).execute();
  // Kept criteria keep their row ids (upsert), so anything pointing at them still does.
  const keep = new Set(rubric.criteria.map((c) => criterionRowId(versionRowId, c.id)));
  const old = await trx.selectFrom('criteria').select('id').where('rubric_version_id', '=', versionRowId).execute();
  for (const c of old) if (!keep.has(c.id)) await trx.deleteFrom('criteria').where('id', '=', c.id).execute();
  // Move kept rows out of the way of the (version, position) uniqueness while positions are rewritten.
  await trx.updateTable('criteria').set({ position: sql<number>`position + 100000` }).where('rubric_version_id', '=', versionRowId).execute();
  await writeContent(trx, versionRowId, rubric, true);
  if (sources) {
    await trx.deleteFrom('criterion_sources').where('criterion_id', 'in', trx.selectFrom('criteria').select('id').where('rubric_version_id', '=', versionRowId)).execute();
    await writeSources(trx, versionRowId, sources);
  }
  await recordVersionChanges(trx, versionRowId);
}

/** A version's criteria travel with it; its interview plan is a change of its own. */
async function recordVersionChanges(trx: Db, versionRowId: string): Promise<void> {
  await recordChange(trx, { entity: 'rubric_version', entityId: versionRowId });
  await recordChange(trx, { entity: 'interview_plan', entityId: versionRowId });
}

async function writeContent(trx: Db, versionRowId: string, rubric: RubricVersion, upsertCriteria = false): Promise<void> {
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

/**
 * Stores a version's quotes. A session or segment deleted since the quote was drafted is linked as
 * null, as ON DELETE SET NULL would have done: the quote text is what matters.
 */
async function writeSources(trx: Db, versionRowId: string, sources: readonly CriterionSource[]): Promise<void> {
  if (sources.length === 0) return;
  const sessionIds = [...new Set(sources.flatMap((s) => (s.sessionId ? [s.sessionId] : [])))];
  const segmentIds = [...new Set(sources.flatMap((s) => (s.segmentId ? [s.segmentId] : [])))];
  const [sessions, segments] = await Promise.all([
    sessionIds.length ? trx.selectFrom('sessions').select('id').where('id', 'in', sessionIds).execute() : [],
    segmentIds.length ? trx.selectFrom('transcript_segments').select('id').where('id', 'in', segmentIds).execute() : [],
  ]);
  const knownSessions = new Set(sessions.map((r) => r.id));
  const knownSegments = new Set(segments.map((r) => r.id));
  const positions = new Map<string, number>();
  for (const s of sources) {
    const position = positions.get(s.criterionId) ?? 0;
    positions.set(s.criterionId, position + 1);
    await trx
      .insertInto('criterion_sources')
      .values({
        id: randomUUID(),
        criterion_id: criterionRowId(versionRowId, s.criterionId),
        session_id: s.sessionId && knownSessions.has(s.sessionId) ? s.sessionId : null,
        segment_id: s.segmentId && knownSegments.has(s.segmentId) ? s.segmentId : null,
        position,
        quote: s.quote,
        start_sec: s.start,
        end_sec: s.end,
        speaker: s.speaker,
        cue: s.cue,
      })
      .execute();
  }
}
