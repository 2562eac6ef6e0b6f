import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RubricVersion } from '../../core/rubric/rubric.js';
import { createRubric } from '../../core/rubric/rubric-versioning.js';
import { openDatabase, type Database } from '../open-database.js';
import { createRequisition } from './requisitions-repository.js';
import { criterionRowId, getRubricVersion, insertRubricVersion, listRubricVersions, saveRubricEdit, signOffVersion, type CriterionSource } from './rubrics-repository.js';
import { createSessionWithTranscript, deleteSession, getSession } from './sessions-repository.js';

let dir: string;
let db: Database;
let requisitionId: string;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-rubrics-'));
  db = await openDatabase(path.join(dir, 'store.sqlite'));
  requisitionId = await createRequisition(db, { title: 'Account Executive' });
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const ids = { discovery: crypto.randomUUID(), closing: crypto.randomUUID(), lying: crypto.randomUUID() };
const criteria = () => [
  { id: ids.discovery, kind: 'must-have' as const, title: 'Runs discovery', goodLooksLike: 'Asks about budget, authority, need and timing before pitching.', signals: ['discovery', 'qualify'] },
  { id: ids.closing, kind: 'trade-off' as const, title: 'Enterprise closing' },
  { id: ids.lying, kind: 'deal-breaker' as const, title: 'Misstates numbers', badLooksLike: 'Quota attainment changes between two answers.' },
];
const plan = { stages: [{ name: 'Screen', questions: [{ id: 'q1', text: 'Walk me through your last discovery call.', criterionIds: [ids.discovery, ids.lying] }] }] };

const quote = (criterionId: string, text: string, start: number, extra: Partial<CriterionSource> = {}): CriterionSource => ({
  criterionId,
  sessionId: null,
  segmentId: null,
  quote: text,
  start,
  end: start + 3,
  speaker: 'Hiring Manager',
  cue: 'must',
  ...extra,
});

const criterionRows = (versionId: string) => db.selectFrom('criteria').select(['id', 'position', 'title']).where('rubric_version_id', '=', versionId).orderBy('position').execute();

describe('rubrics repository', () => {
  it('round-trips a version: criteria in order, signals, definitions, plan and links both ways', async () => {
    const { record, createdNewVersion } = await saveRubricEdit(db, requisitionId, null, { criteria: criteria(), interviewPlan: plan });
    expect(createdNewVersion).toBe(true);
    const { rubric } = await getRubricVersion(db, record.id);
    expect(rubric).toMatchObject({ version: 1, parentVersion: null, signedOff: null, requisitionTitle: 'Account Executive', interviewPlan: plan });
    expect(rubric.criteria.map((c) => [c.id, c.kind, c.title, c.questionIds])).toEqual([
      [ids.discovery, 'must-have', 'Runs discovery', ['q1']],
      [ids.closing, 'trade-off', 'Enterprise closing', []],
      [ids.lying, 'deal-breaker', 'Misstates numbers', ['q1']],
    ]);
    expect(rubric.criteria[0]!.signals).toEqual(['discovery', 'qualify']);
    expect((await criterionRows(record.id)).map((r) => r.id)).toEqual(criteria().map((c) => criterionRowId(record.id, c.id)));
  });

  it('edits a draft in place, reordering and removing criteria while kept criteria keep their row ids', async () => {
    const { record } = await saveRubricEdit(db, requisitionId, null, { criteria: criteria(), interviewPlan: plan });
    const [discovery, closing] = criteria();
    const edited = await saveRubricEdit(db, requisitionId, record.id, { criteria: [{ ...closing!, title: 'Closes six-figure deals' }, discovery!], interviewPlan: { stages: [] } });
    expect(edited.createdNewVersion).toBe(false);
    expect(edited.record.id).toBe(record.id);
    expect(await criterionRows(record.id)).toEqual([
      { id: criterionRowId(record.id, ids.closing), position: 0, title: 'Closes six-figure deals' },
      { id: criterionRowId(record.id, ids.discovery), position: 1, title: 'Runs discovery' },
    ]);
    expect(edited.record.rubric.interviewPlan).toEqual({ stages: [] });
    expect(await listRubricVersions(db, requisitionId)).toHaveLength(1);
  });

  it('signs off once, with a name, never an empty version; an edit then becomes the next version', async () => {
    const empty = await createRequisition(db, { title: 'Empty' });
    const blank = await saveRubricEdit(db, empty, null, { criteria: [], interviewPlan: { stages: [] } });
    await expect(signOffVersion(db, blank.record.id, 'Dana', '2025-02-01T10:00:00.000Z')).rejects.toMatchObject({ code: 'rubric-empty' });

    const { record } = await saveRubricEdit(db, requisitionId, null, { criteria: criteria(), interviewPlan: plan });
    await expect(signOffVersion(db, record.id, ' ', '2025-02-01T10:00:00.000Z')).rejects.toMatchObject({ code: 'rubric-sign-off-unnamed' });
    await signOffVersion(db, record.id, ' Priya Shah ', '2025-02-01T10:00:00.000Z');
    await expect(signOffVersion(db, record.id, 'Someone', '2025-02-02T10:00:00.000Z')).rejects.toMatchObject({ code: 'rubric-already-signed', message: expect.stringContaining('Priya Shah') });
    expect((await getRubricVersion(db, record.id)).rubric.signedOff).toEqual({ by: 'Priya Shah', at: '2025-02-01T10:00:00.000Z' });

    const next = await saveRubricEdit(db, requisitionId, record.id, { criteria: criteria().slice(0, 2), interviewPlan: { stages: [] } }, new Date('2025-02-03T00:00:00Z'));
    expect(next.createdNewVersion).toBe(true);
    expect(next.record.rubric).toMatchObject({ version: 2, parentVersion: 1, signedOff: null, createdAt: '2025-02-03T00:00:00.000Z' });
    expect((await getRubricVersion(db, record.id)).rubric.criteria).toHaveLength(3);
    await expect(signOffVersion(db, 'missing', 'Dana', '2025-02-01T10:00:00.000Z')).rejects.toMatchObject({ code: 'rubric-version-not-found' });
  });

  it('writes a version in one transaction: a failure half-way leaves no rubric, version or criteria behind', async () => {
    const valid = createRubric({ requisitionTitle: 'Account Executive', criteria: criteria(), now: new Date() });
    // Skips the schema on purpose: a question linked to a criterion that does not exist fails on the foreign key, after criteria were written.
    const broken: RubricVersion = { ...valid, interviewPlan: { stages: [{ name: 'Screen', questions: [{ id: 'q1', text: 'Why?', criterionIds: [crypto.randomUUID()] }] }] } };
    await expect(insertRubricVersion(db, requisitionId, broken)).rejects.toThrow(/FOREIGN KEY/);
    for (const table of ['rubrics', 'rubric_versions', 'criteria', 'interview_questions'] as const) {
      expect(await db.selectFrom(table).selectAll().execute(), table).toEqual([]);
    }
  });

  it('refuses a second first version and a version of another requisition', async () => {
    const { record } = await saveRubricEdit(db, requisitionId, null, { criteria: criteria(), interviewPlan: plan });
    await expect(saveRubricEdit(db, requisitionId, null, { criteria: [], interviewPlan: { stages: [] } })).rejects.toMatchObject({ code: 'rubric-exists' });
    const other = await createRequisition(db, { title: 'Other' });
    await expect(saveRubricEdit(db, other, record.id, { criteria: [], interviewPlan: { stages: [] } })).rejects.toMatchObject({ code: 'rubric-conflict' });
    await expect(getRubricVersion(db, 'missing')).rejects.toMatchObject({ code: 'rubric-version-not-found' });
  });

  describe('intake quotes behind criteria', () => {
    async function intakeSession() {
      const id = await createSessionWithTranscript(db, {
        title: 'Intake',
        kind: 'intake',
        source: 'import',
        durationSec: 60,
        tracks: [],
        segments: [
          { start: 10, end: 14, speaker: 'Hiring Manager', text: 'They must run real discovery.', words: [] },
          { start: 30, end: 35, speaker: 'Hiring Manager', text: 'Lying about numbers is a deal-breaker.', words: [] },
        ],
      });
      const segments = (await getSession(db, id))!.segments.map((s) => s.id);
      return { id, segments };
    }

    it('stores quotes with the version and reads them back in criteria order; a draft saved in place replaces them', async () => {
      const session = await intakeSession();
      const sources = [
        quote(ids.lying, 'Lying about numbers is a deal-breaker.', 30, { sessionId: session.id, segmentId: session.segments[1]!, cue: 'deal-breaker' }),
        quote(ids.discovery, 'They must run real discovery.', 10, { sessionId: session.id, segmentId: session.segments[0]! }),
        quote(ids.discovery, 'Discovery first, always.', 40.5, { speaker: null, cue: null }),
      ];
      const { record } = await saveRubricEdit(db, requisitionId, null, { criteria: criteria(), interviewPlan: plan, sources });
      expect(record.sources).toEqual([sources[1], sources[2], sources[0]]);
      expect((await getRubricVersion(db, record.id)).sources).toEqual(record.sources);

      // Left out, the quotes stay; a removed criterion takes its quotes along.
      const [discovery, closing] = criteria();
      const kept = await saveRubricEdit(db, requisitionId, record.id, { criteria: [discovery!, closing!], interviewPlan: { stages: [] } });
      expect(kept.record.sources).toEqual([sources[1], sources[2]]);

      const replaced = await saveRubricEdit(db, requisitionId, record.id, { criteria: [discovery!, closing!], interviewPlan: { stages: [] }, sources: [quote(ids.closing, 'Enterprise deals, ideally.', 50)] });
      expect(replaced.createdNewVersion).toBe(false);
      expect(replaced.record.sources).toEqual([quote(ids.closing, 'Enterprise deals, ideally.', 50)]);
      expect(await db.selectFrom('criterion_sources').select('position').execute()).toEqual([{ position: 0 }]);
    });

    it('a new version carries forward the quotes of the criteria it keeps, and the signed version keeps its own', async () => {
      const session = await intakeSession();
      const sources = [quote(ids.discovery, 'They must run real discovery.', 10, { sessionId: session.id, segmentId: session.segments[0]! }), quote(ids.closing, 'Enterprise, ideally.', 20)];
      const { record } = await saveRubricEdit(db, requisitionId, null, { criteria: criteria(), interviewPlan: plan, sources });
      await signOffVersion(db, record.id, 'Priya Shah', '2025-02-01T10:00:00.000Z');

      const [discovery, , lying] = criteria();
      const v2 = await saveRubricEdit(db, requisitionId, record.id, { criteria: [{ ...discovery!, title: 'Runs discovery calls' }, lying!], interviewPlan: { stages: [] } });
      expect(v2.createdNewVersion).toBe(true);
      expect(v2.record.sources).toEqual([sources[0]]);
      // Given quotes are the new version's whole set; the signed version is untouched either way.
      const v3 = await saveRubricEdit(db, requisitionId, record.id, { criteria: criteria(), interviewPlan: { stages: [] }, sources: [quote(ids.lying, 'Never fudge numbers.', 70)] });
      expect(v3.record.sources).toEqual([quote(ids.lying, 'Never fudge numbers.', 70)]);
      expect((await getRubricVersion(db, record.id)).sources).toEqual(sources);
    });

    it('keeps the quote text when the intake session is deleted, and stores a quote whose session is already gone', async () => {
      const session = await intakeSession();
      const source = quote(ids.discovery, 'They must run real discovery.', 10, { sessionId: session.id, segmentId: session.segments[0]! });
      const { record } = await saveRubricEdit(db, requisitionId, null, { criteria: criteria(), interviewPlan: plan, sources: [source] });
      expect(await deleteSession(db, session.id)).toBe(true);
      const orphan = { ...source, sessionId: null, segmentId: null };
      expect((await getRubricVersion(db, record.id)).sources).toEqual([orphan]);
      // The editor may still hold the deleted session's ids: saving links them as null rather than failing.
      const again = await saveRubricEdit(db, requisitionId, record.id, { criteria: criteria(), interviewPlan: plan, sources: [source] });
      expect(again.record.sources).toEqual([orphan]);
    });

    it('refuses a quote for a criterion the rubric does not have, naming it, and stores nothing', async () => {
      const stray = crypto.randomUUID();
      await expect(saveRubricEdit(db, requisitionId, null, { criteria: criteria(), interviewPlan: plan, sources: [quote(stray, 'Someone said this.', 5)] })).rejects.toMatchObject({
        code: 'invalid-rubric',
        message: `The intake quote "Someone said this." belongs to criterion ${stray}, which this rubric does not have.`,
      });
      expect(await listRubricVersions(db, requisitionId)).toEqual([]);
    });
  });
});
