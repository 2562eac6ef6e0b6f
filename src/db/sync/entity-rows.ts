import { sql, type Kysely } from 'kysely';
import type { SyncedEntity } from '../../core/sync/sync-change.js';
import type { DB } from '../schema.js';

/**
 * How each synced entity becomes a change payload (a snapshot of its rows, snake_case as stored)
 * and how a payload is written back into a store. The two halves sit together so they stay
 * inverse. Only structure travels: moments, tracks and transcript segments are never in a payload,
 * criterion sources (intake quotes) travel without their quote and speaker; a scorecard carries only the evidence quotes its author attached.
 * Every payload but a requisition's names its `requisitionId`, and scorecards and decisions their
 * `candidateId` (the scope the team server checks access by, core/sync/sync-scope.ts).
 */

type Db = Kysely<DB>;
export type Payload = Record<string, unknown>;

/** The top-level payload fields this schema knows, per entity; anything else is parked, not dropped. */
export const KNOWN_FIELDS: Record<SyncedEntity, readonly string[]> = {
  requisition: ['id', 'title', 'role', 'hiring_manager', 'recruiter', 'status', 'created_at', 'updated_at'],
  rubric: ['id', 'requisition_id', 'requisitionId', 'title', 'created_at'],
  rubric_version: [
    'id',
    'rubric_id',
    'requisitionId',
    'version',
    'created_at',
    'signed_off_by',
    'signed_off_at',
    'notes',
    'parent_version',
    'criteria',
    'sources',
    // What the team server adds to a version its hiring manager signed (sync-scope.ts SIGN_OFF_FIELDS).
    'signedOffBy',
    'signedOffAt',
    'contentHash',
  ],
  criterion: [],
  interview_plan: ['rubric_version_id', 'requisitionId', 'questions', 'links'],
  candidate: ['id', 'name', 'email', 'requisition_id', 'requisitionId', 'stage', 'source', 'created_at', 'updated_at'],
  scorecard_version: ['requisitionId', 'candidateId', 'session', 'scorecard', 'version', 'ratings', 'evidence'],
  debrief_decision: ['id', 'candidate_id', 'requisitionId', 'candidateId', 'decision', 'decided_by', 'decided_at', 'reasons'],
  erasure: ['candidate_id', 'requisitionId', 'candidate_hash', 'erased_at', 'erased_by'],
};

/** Entities two laptops can both edit from one row version: siblings are a conflict a person settles. */
export const CONFLICTING_ENTITIES: ReadonlySet<SyncedEntity> = new Set(['rubric_version', 'interview_plan', 'candidate']);

async function requisitionOfVersion(db: Db, versionId: string): Promise<string | null> {
  const row = await db
    .selectFrom('rubric_versions')
    .innerJoin('rubrics', 'rubrics.id', 'rubric_versions.rubric_id')
    .select('rubrics.requisition_id')
    .where('rubric_versions.id', '=', versionId)
    .executeTakeFirst();
  return row?.requisition_id ?? null;
}

/** The entity's current rows as a payload, or null when it is gone. */
export async function snapshotEntity(db: Db, entity: SyncedEntity, id: string): Promise<Payload | null> {
  switch (entity) {
    case 'requisition':
      return (await db.selectFrom('requisitions').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
    case 'rubric': {
      const row = await db.selectFrom('rubrics').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? { ...row, requisitionId: row.requisition_id } : null;
    }
    case 'rubric_version': {
      const row = await db.selectFrom('rubric_versions').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      const criteria = await db.selectFrom('criteria').selectAll().where('rubric_version_id', '=', id).orderBy('position').execute();
      // Where each criterion came from, as structure: which criterion, its order, the time in the
      // intake call and the requirement words. The quote and the speaker stay on this laptop (they
      // are intake transcript, which never leaves it); session and segment are this laptop's rows.
      const sources = await db
        .selectFrom('criterion_sources')
        .innerJoin('criteria', 'criteria.id', 'criterion_sources.criterion_id')
        .select(['criterion_sources.id', 'criterion_sources.criterion_id', 'criterion_sources.position', 'criterion_sources.start_sec', 'criterion_sources.end_sec', 'criterion_sources.cue'])
        .where('criteria.rubric_version_id', '=', id)
        .orderBy('criteria.position')
        .orderBy('criterion_sources.position')
        .execute();
      return { ...row, requisitionId: await requisitionOfVersion(db, id), criteria, sources };
    }
    case 'interview_plan': {
      const questions = await db.selectFrom('interview_questions').selectAll().where('rubric_version_id', '=', id).orderBy('stage_position').orderBy('position').execute();
      const links = questions.length
        ? await db.selectFrom('interview_question_criteria').selectAll().where('question_id', 'in', questions.map((q) => q.id)).orderBy('question_id').orderBy('criterion_id').execute()
        : [];
      return { rubric_version_id: id, requisitionId: await requisitionOfVersion(db, id), questions, links };
    }
    case 'candidate': {
      const row = await db.selectFrom('candidates').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? { ...row, requisitionId: row.requisition_id } : null;
    }
    case 'scorecard_version': {
      const version = await db.selectFrom('scorecard_versions').selectAll().where('id', '=', id).executeTakeFirst();
      if (!version) return null;
      const scorecard = await db.selectFrom('scorecards').selectAll().where('id', '=', version.scorecard_id).executeTakeFirstOrThrow();
      // The interview's structure only (who, when, for whom), never its tracks or transcript.
      const session = await db
        .selectFrom('sessions')
        .select(['id', 'title', 'stage', 'started_at', 'created_at', 'candidate_id', 'requisition_id', 'rubric_version_id', 'interviewer'])
        .where('id', '=', scorecard.session_id)
        .executeTakeFirstOrThrow();
      const ratings = await db.selectFrom('scorecard_version_ratings').selectAll().where('scorecard_version_id', '=', id).orderBy('position').execute();
      const evidence = ratings.length
        ? await db.selectFrom('scorecard_version_evidence').selectAll().where('rating_id', 'in', ratings.map((r) => r.id)).orderBy('rating_id').orderBy('position').execute()
        : [];
      return {
        requisitionId: session.requisition_id ?? (await requisitionOfVersion(db, version.rubric_version_id)),
        candidateId: session.candidate_id,
        session,
        scorecard,
        version,
        ratings,
        evidence,
      };
    }
    case 'debrief_decision': {
      const row = await db.selectFrom('debrief_decisions').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      const candidate = await db.selectFrom('candidates').select('requisition_id').where('id', '=', row.candidate_id).executeTakeFirst();
      const reasons = await db.selectFrom('debrief_reasons').selectAll().where('decision_id', '=', id).orderBy('position').execute();
      return { ...row, requisitionId: candidate?.requisition_id ?? null, candidateId: row.candidate_id, reasons };
    }
    case 'erasure':
    case 'criterion':
      // An erasure's payload is made by the erasure itself (the candidate is gone by then);
      // criteria travel inside their rubric version, which is stored whole.
      return null;
  }
}

/** The candidate a change concerns, so erasing them also drops it from the outbox and ledger. */
export function candidateOf(entity: SyncedEntity, id: string, payload: Payload | null): string | null {
  if (entity === 'candidate' || entity === 'erasure') return id;
  const value = payload?.['candidateId'] ?? payload?.['candidate_id'];
  return typeof value === 'string' ? value : null;
}

const rows = (value: unknown): Payload[] => (Array.isArray(value) ? (value as Payload[]) : []);
const pick = (row: Payload, fields: readonly string[]): Payload => Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));

const CRITERION_FIELDS = ['id', 'rubric_version_id', 'position', 'kind', 'title', 'description', 'good_looks_like', 'bad_looks_like', 'signals', 'scale_min', 'scale_max'];

/**
 * Writes a payload into the store (inside the caller's transaction). Throws on a missing parent
 * (a foreign key): the caller keeps the change pending until its parent arrives.
 */
export async function writeEntity(db: Db, entity: SyncedEntity, id: string, payload: Payload): Promise<void> {
  switch (entity) {
    case 'requisition':
      return upsert(db, 'requisitions', pick(payload, KNOWN_FIELDS.requisition));
    case 'rubric':
      return upsert(db, 'rubrics', pick(payload, ['id', 'requisition_id', 'title', 'created_at']));
    case 'rubric_version': {
      const version = pick(payload, ['id', 'rubric_id', 'version', 'created_at', 'signed_off_by', 'signed_off_at', 'notes', 'parent_version']);
      // Signed on the team server (the web view): the server's own sign-off fields say who and when.
      if (!version['signed_off_at'] && typeof payload['signedOffAt'] === 'string') {
        version['signed_off_at'] = payload['signedOffAt'];
        version['signed_off_by'] = version['signed_off_by'] ?? payload['signedOffBy'] ?? null;
        // Shown by name once the laptop knows the signer's (backend/sync/signer-names.ts).
        const signer = typeof version['signed_off_by'] === 'string' ? await db.selectFrom('sync_people').select('display_name').where('user_id', '=', version['signed_off_by']).executeTakeFirst() : undefined;
        if (signer) version['signed_off_by'] = signer.display_name;
      }
      await upsert(db, 'rubric_versions', version);
      const criteria = rows(payload['criteria']).map((c) => pick({ ...c, rubric_version_id: id }, CRITERION_FIELDS));
      const keep = new Set(criteria.map((c) => c['id']));
      for (const old of await db.selectFrom('criteria').select('id').where('rubric_version_id', '=', id).execute()) {
        if (!keep.has(old.id)) await db.deleteFrom('criteria').where('id', '=', old.id).execute();
      }
      // Kept rows step out of the (version, position) uniqueness while positions are rewritten.
      await db.updateTable('criteria').set({ position: sql<number>`position + 100000` }).where('rubric_version_id', '=', id).execute();
      for (const c of criteria) await upsert(db, 'criteria', c);
      // A payload from a laptop that does not sync sources leaves this laptop's as they are.
      if (Array.isArray(payload['sources'])) await writeSources(db, id, rows(payload['sources']));
      return;
    }
    case 'interview_plan': {
      await db.deleteFrom('interview_questions').where('rubric_version_id', '=', id).execute();
      for (const q of rows(payload['questions'])) {
        await db.insertInto('interview_questions').values(pick({ ...q, rubric_version_id: id }, ['id', 'rubric_version_id', 'key', 'stage', 'stage_position', 'position', 'text']) as never).execute();
      }
      for (const l of rows(payload['links'])) await db.insertInto('interview_question_criteria').values(pick(l, ['question_id', 'criterion_id']) as never).execute();
      return;
    }
    case 'candidate':
      return upsert(db, 'candidates', pick(payload, ['id', 'name', 'email', 'requisition_id', 'stage', 'source', 'created_at', 'updated_at']));
    case 'scorecard_version': {
      const session = (payload['session'] ?? {}) as Payload;
      // The interview happened on another laptop: this store gets its structure as an imported
      // session without tracks or transcript, so the scorecard has something to hang from.
      await db
        .insertInto('sessions')
        .values({
          ...pick(session, ['id', 'title', 'stage', 'started_at', 'created_at', 'candidate_id', 'requisition_id', 'rubric_version_id', 'interviewer']),
          kind: 'interview',
          status: 'complete',
          source: 'import',
          updated_at: String(session['created_at'] ?? ''),
        } as never)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const scorecard = pick((payload['scorecard'] ?? {}) as Payload, ['id', 'session_id', 'interviewer', 'rubric_version_id', 'overall_recommendation', 'submitted_at', 'created_at', 'updated_at']);
      await db.insertInto('scorecards').values(scorecard as never).onConflict((oc) => oc.column('id').doNothing()).execute();
      const version = pick((payload['version'] ?? {}) as Payload, ['id', 'scorecard_id', 'version', 'rubric_version_id', 'overall_recommendation', 'summary', 'amendment_reason', 'submitted_by', 'submitted_at']);
      // Submitted versions are immutable: an id already here is never rewritten.
      if (await db.selectFrom('scorecard_versions').select('id').where('id', '=', String(version['id'])).executeTakeFirst()) return;
      await db.insertInto('scorecard_versions').values(version as never).execute();
      for (const r of rows(payload['ratings'])) {
        await db.insertInto('scorecard_version_ratings').values(pick(r, ['id', 'scorecard_version_id', 'criterion_id', 'position', 'rating', 'note', 'proposed_rating', 'proposal_reason']) as never).execute();
      }
      const evidence = rows(payload['evidence']);
      const known = await knownMoments(db, evidence);
      for (const e of evidence) {
        const row = pick(e, ['rating_id', 'position', 'moment_id', 'session_id', 'start_sec', 'end_sec', 'quote']);
        // The moment lives on the laptop that recorded the interview; the quote itself travelled.
        if (!known.has(String(row['moment_id']))) row['moment_id'] = null;
        await db.insertInto('scorecard_version_evidence').values(row as never).execute();
      }
      return;
    }
    case 'debrief_decision': {
      if (await db.selectFrom('debrief_decisions').select('id').where('id', '=', id).executeTakeFirst()) return;
      await db.insertInto('debrief_decisions').values(pick({ ...payload, id }, ['id', 'candidate_id', 'decision', 'decided_by', 'decided_at']) as never).execute();
      const reasons = rows(payload['reasons']);
      const known = await knownMoments(db, reasons);
      for (const r of reasons) {
        const row = pick({ ...r, decision_id: id }, ['decision_id', 'position', 'text', 'moment_id', 'quote', 'criterion_id']);
        if (!known.has(String(row['moment_id']))) row['moment_id'] = null;
        await db.insertInto('debrief_reasons').values(row as never).execute();
      }
      return;
    }
    case 'erasure':
    case 'criterion':
      // Erasures are carried out by the merge (it needs the data folder for audio); criteria come with their version.
      return;
  }
}

const SOURCE_FIELDS = ['id', 'criterion_id', 'position', 'start_sec', 'end_sec', 'cue'];

/** What a criterion source learnt from another laptop shows for its quote (the words never travel). */
export const QUOTE_ON_OTHER_LAPTOP = '(The quote stays on the laptop that recorded the intake call.)';

/**
 * A version's criterion sources as another laptop sent them (structure, no quote). A source this
 * laptop already has keeps its quote and speaker (it recorded the intake call); one it learns from
 * another laptop says so in place of the quote: the words are on the laptop that recorded the call.
 */
async function writeSources(db: Db, versionId: string, sources: Payload[]): Promise<void> {
  const wanted = sources.map((s) => pick(s, SOURCE_FIELDS));
  const keep = new Set(wanted.map((s) => s['id']));
  const ofVersion = db.selectFrom('criteria').select('id').where('rubric_version_id', '=', versionId);
  const old = await db.selectFrom('criterion_sources').selectAll().where('criterion_id', 'in', ofVersion).execute();
  for (const o of old) if (!keep.has(o.id)) await db.deleteFrom('criterion_sources').where('id', '=', o.id).execute();
  // An edit elsewhere rewrites sources under new ids: the same criterion and times is the same quote.
  const words = new Map(old.filter((o) => o.quote !== QUOTE_ON_OTHER_LAPTOP).map((o) => [`${o.criterion_id}|${o.start_sec}|${o.end_sec}`, o]));
  // Out of the (criterion, position) uniqueness while positions are rewritten, as criteria above.
  await db.updateTable('criterion_sources').set({ position: sql<number>`position + 100000` }).where('criterion_id', 'in', ofVersion).execute();
  for (const s of wanted) {
    const { id: _id, ...structure } = s;
    const known = words.get(`${String(s['criterion_id'])}|${String(s['start_sec'])}|${String(s['end_sec'])}`);
    const local = known
      ? { quote: known.quote, speaker: known.speaker, session_id: known.session_id, segment_id: known.segment_id }
      : { quote: QUOTE_ON_OTHER_LAPTOP, speaker: null, session_id: null, segment_id: null };
    await db
      .insertInto('criterion_sources')
      .values({ ...s, ...local } as never)
      .onConflict((oc) => oc.column('id').doUpdateSet(structure as never))
      .execute();
  }
}

/** Removes an entity deleted on another laptop; its children go by cascade. */
export async function deleteEntity(db: Db, entity: SyncedEntity, id: string): Promise<void> {
  const table = ({ requisition: 'requisitions', rubric: 'rubrics', rubric_version: 'rubric_versions', candidate: 'candidates' } as const)[entity as 'candidate'];
  if (table) await db.deleteFrom(table).where('id', '=', id).execute();
  else if (entity === 'interview_plan') await db.deleteFrom('interview_questions').where('rubric_version_id', '=', id).execute();
}

async function knownMoments(db: Db, rowsWithMoments: Payload[]): Promise<Set<string>> {
  const ids = [...new Set(rowsWithMoments.flatMap((r) => (typeof r['moment_id'] === 'string' ? [r['moment_id']] : [])))];
  if (ids.length === 0) return new Set();
  return new Set((await db.selectFrom('moments').select('id').where('id', 'in', ids).execute()).map((m) => m.id));
}

type UpsertTable = 'requisitions' | 'rubrics' | 'rubric_versions' | 'criteria' | 'candidates';

async function upsert(db: Db, table: UpsertTable, row: Payload): Promise<void> {
  const { id: _id, ...rest } = row;
  await db
    .insertInto(table)
    .values(row as never)
    .onConflict((oc) => oc.column('id').doUpdateSet(rest as never))
    .execute();
}
