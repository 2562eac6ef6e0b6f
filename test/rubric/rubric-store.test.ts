import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseRubricText } from '../../src/core/rubric/rubric-file.js';
import { createSessionWithTranscript, deleteSession, getRubricVersion, openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import type { InputOf, OutputOf } from '../../src/shared/ipc/contract.js';
import { channelCaller } from '../support/call-channel.js';
import { startFakeOpenAiServer, unusedPort, type FakeOpenAiServer } from '../llm/fake-openai-server.js';
import { tempDir } from '../support/speech.js';
import { intakeFixtureDir } from './intake-fixtures.js';

type Criterion = InputOf<'rubrics:save'>['criteria'][number];

const uuid = () => crypto.randomUUID();
const criterion = (kind: Criterion['kind'], title: string, extra: Partial<Criterion> = {}): Criterion => ({
  id: uuid(),
  kind,
  title,
  description: '',
  goodLooksLike: '',
  badLooksLike: '',
  signals: [],
  ...extra,
});

/** Six criteria in the intake convention's shape, each with an observable definition. */
function conventionCriteria(): Criterion[] {
  return [
    criterion('must-have', 'Owned production services', { goodLooksLike: 'Describes an incident they were paged for and the fix they shipped.', signals: ['on-call', 'paged'] }),
    criterion('must-have', 'Deep Postgres knowledge', { goodLooksLike: 'Explains adding an index to a two-billion-row table without locking it.' }),
    criterion('must-have', 'Mentors mid-level engineers', { goodLooksLike: 'Names a person they mentored and what that person got better at.' }),
    criterion('trade-off', 'Payments background', { goodLooksLike: 'Has worked on ledgers, settlement or reconciliation.' }),
    criterion('trade-off', 'Go experience', { goodLooksLike: 'Has shipped a Go service to production.' }),
    criterion('deal-breaker', 'Blames others for incidents', { badLooksLike: 'Blames the team or another service in every postmortem story.' }),
  ];
}

// Requisitions → rubric versions → sign-off → versioning → files → drafting from an intake call
// (offline and through a language model on loopback), all through the IPC handler table over a real SQLite store.
describe('rubrics through the store and the IPC handlers', () => {
  let dir: string;
  let db: Database;
  let handlers: IpcHandlers;
  const unexpected: unknown[] = [];
  const call = channelCaller(() => handlers, unexpected);

  beforeAll(async () => {
    dir = tempDir('debrief-rubric-store-');
    db = await openDatabase(path.join(dir, 'debrief.sqlite'));
    handlers = createIpcHandlers({ db, home: dir });
  });
  afterAll(async () => {
    await db?.destroy();
    expect(unexpected).toEqual([]);
  });

  describe('requisitions and rubric versions', () => {
    let requisitionId: string;
    let v1: OutputOf<'rubrics:save'>['version'];

    it('creates and lists requisitions with role, hiring manager, recruiter and status', async () => {
      await expect(call('requisitions:create', { title: '   ' })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('title is empty') });
      requisitionId = (await call('requisitions:create', { title: 'Senior Backend Engineer', role: 'Engineering', hiringManager: 'Dana Whitfield', recruiter: 'Sam Okafor' })).id;
      const list = await call('requisitions:list');
      expect(list).toEqual([
        expect.objectContaining({ id: requisitionId, title: 'Senior Backend Engineer', role: 'Engineering', hiringManager: 'Dana Whitfield', recruiter: 'Sam Okafor', status: 'open', latestVersion: null }),
      ]);
      const updated = await call('requisitions:update', { id: requisitionId, status: 'on-hold', recruiter: '' });
      expect(updated).toMatchObject({ status: 'on-hold', recruiter: null, hiringManager: 'Dana Whitfield' });
      await expect(call('requisitions:get', { id: 'nope' })).rejects.toMatchObject({ code: 'requisition-not-found' });
    });

    it('saves version 1 with an interview plan linking questions to criteria, and reads it back whole', async () => {
      const criteria = conventionCriteria();
      const plan = {
        stages: [
          { name: 'Phone screen', questions: [{ id: 'q-incident', text: 'Tell me about the last time you were paged.', criterionIds: [criteria[0]!.id!] }] },
          { name: 'Onsite', questions: [{ id: 'q-postgres', text: 'How would you add an index to a huge table?', criterionIds: [criteria[1]!.id!, criteria[4]!.id!] }] },
        ],
      };
      const saved = await call('rubrics:save', { requisitionId, versionId: null, criteria, interviewPlan: plan });
      v1 = saved.version;
      expect(saved.createdNewVersion).toBe(true);
      expect(v1).toMatchObject({ version: 1, parentVersion: null, signedOff: null, frozen: false, title: 'Senior Backend Engineer', shape: [] });
      expect(v1.criteria.map((c) => c.id)).toEqual(criteria.map((c) => c.id));
      expect(v1.interviewPlan).toEqual(plan);
      // Links are kept on both sides: the question's criteria and the criterion's questions.
      expect(v1.criteria[1]!.questionIds).toEqual(['q-postgres']);
      expect(v1.criteria[4]!.questionIds).toEqual(['q-postgres']);
      expect(v1.criteria[2]!.questionIds).toEqual([]);

      // What other features call: the core model, by version row id.
      const record = await getRubricVersion(db, v1.id);
      expect(record.requisitionId).toBe(requisitionId);
      expect(record.rubric.criteria[0]).toMatchObject({ title: 'Owned production services', signals: ['on-call', 'paged'], scale: { min: 1, max: 4 } });
      expect(await call('rubrics:getVersion', { versionId: v1.id })).toEqual(v1);
      await expect(call('rubrics:save', { requisitionId, versionId: null, criteria })).rejects.toMatchObject({ code: 'rubric-exists' });
    });

    it('flags vague language until the criterion says what would show it, and guides toward 3/2/1', async () => {
      const vague = criterion('must-have', 'Strong communicator', { description: 'High drive and founder mentality' });
      const check = await call('rubrics:check', { criteria: [vague].map(({ kind, title, description, goodLooksLike, badLooksLike }) => ({ kind, title, description: description!, goodLooksLike: goodLooksLike!, badLooksLike: badLooksLike! })) });
      expect(check.warnings[0]!.map((w) => w.phrase)).toEqual(['Strong communicator', 'High drive', 'founder mentality']);
      expect(check.warnings[0]![0]!.prompt).toBe('What would you see or hear in the interview that shows "Strong communicator"?');
      expect(check.shape.map((s) => [s.kind, s.expected, s.actual])).toEqual([
        ['must-have', 3, 1],
        ['trade-off', 2, 0],
        ['deal-breaker', 1, 0],
      ]);

      const criteria = [...v1.criteria.map(({ warnings: _w, questionIds: _q, ...c }) => c), vague];
      const draft = await call('rubrics:save', { requisitionId, versionId: v1.id, criteria });
      // Unsigned and unused: the draft changed in place.
      expect(draft.createdNewVersion).toBe(false);
      expect(draft.version.id).toBe(v1.id);
      expect(draft.version.criteria.at(-1)!.warnings.map((w) => w.phrase)).toEqual(['Strong communicator', 'High drive', 'founder mentality']);
      expect(draft.version.shape).toEqual([expect.objectContaining({ kind: 'must-have', expected: 3, actual: 4 })]);
      // The plan was not sent, so it was kept.
      expect(draft.version.interviewPlan.stages.map((s) => s.name)).toEqual(['Phone screen', 'Onsite']);

      const defined = criteria.map((c) => (c.id === vague.id ? { ...c, goodLooksLike: 'Explains a design trade-off to a non-engineer in two minutes.' } : c));
      const fixed = await call('rubrics:save', { requisitionId, versionId: v1.id, criteria: defined.filter((c) => c.id !== criteria[2]!.id) });
      expect(fixed.version.criteria.at(-1)!.warnings).toEqual([]);
      expect(fixed.version.shape).toEqual([]);
      v1 = fixed.version;
    });

    it('refuses to save an empty rubric or sign with no name, then records who and when', async () => {
      const emptyReq = (await call('requisitions:create', { title: 'Empty' })).id;
      // An empty version cannot even be saved, so there is none to sign.
      await expect(call('rubrics:save', { requisitionId: emptyReq, versionId: null, criteria: [] })).rejects.toMatchObject({ code: 'empty-rubric' });
      expect((await call('requisitions:get', { id: emptyReq })).versions).toEqual([]);
      await expect(call('rubrics:signOff', { versionId: v1.id, by: '   ' })).rejects.toMatchObject({ code: 'invalid-input' });

      const before = Date.now();
      const signed = await call('rubrics:signOff', { versionId: v1.id, by: 'Dana Whitfield' });
      expect(signed.signedOff?.by).toBe('Dana Whitfield');
      expect(Date.parse(signed.signedOff!.at)).toBeGreaterThanOrEqual(before - 1000);
      expect(signed.frozen).toBe(true);
      await expect(call('rubrics:signOff', { versionId: v1.id, by: 'Someone else' })).rejects.toMatchObject({ code: 'rubric-already-signed' });
      expect(await call('rubrics:listSigned')).toEqual([{ id: v1.id, requisitionTitle: 'Senior Backend Engineer', version: 1, signedOffBy: 'Dana Whitfield', signedOffAt: signed.signedOff!.at }]);
      const listed = (await call('requisitions:list')).find((r) => r.id === requisitionId)!;
      expect(listed.latestVersion).toEqual({ id: v1.id, version: 1, signedOffBy: 'Dana Whitfield', signedOffAt: signed.signedOff!.at });
      v1 = signed;
    });

    it('editing a signed version stores version 2 (unsigned, parent 1) and leaves version 1 as signed', async () => {
      const before = await getRubricVersion(db, v1.id);
      const criteria = v1.criteria.map(({ warnings: _w, questionIds: _q, ...c }, i) => (i === 0 ? { ...c, title: 'Owned production services end to end' } : c));
      const edited = await call('rubrics:save', { requisitionId, versionId: v1.id, criteria });
      expect(edited.createdNewVersion).toBe(true);
      expect(edited.version).toMatchObject({ version: 2, parentVersion: 1, signedOff: null, frozen: false });
      expect(edited.version.id).not.toBe(v1.id);
      // Criterion ids follow the criterion across versions; the plan came along.
      expect(edited.version.criteria.map((c) => c.id)).toEqual(v1.criteria.map((c) => c.id));
      expect(edited.version.interviewPlan).toEqual(v1.interviewPlan);
      expect(await getRubricVersion(db, v1.id)).toEqual(before);

      const { versions } = await call('requisitions:get', { id: requisitionId });
      expect(versions.map((v) => [v.version, v.signedOff?.by ?? null, v.criteria[0]!.title])).toEqual([
        [2, null, 'Owned production services end to end'],
        [1, 'Dana Whitfield', 'Owned production services'],
      ]);

      // Editing the signed version again forks from it: version 3, parent 1.
      const fork = await call('rubrics:save', { requisitionId, versionId: v1.id, criteria: criteria.slice(0, 5) });
      expect(fork.version).toMatchObject({ version: 3, parentVersion: 1 });
    });

    it('a draft something was recorded against is frozen too: saving it stores a new version', async () => {
      const reqId = (await call('requisitions:create', { title: 'Data Analyst' })).id;
      const draft = (await call('rubrics:save', { requisitionId: reqId, versionId: null, criteria: [criterion('must-have', 'SQL fluency', { goodLooksLike: 'Writes a window function query on the whiteboard.' })] })).version;
      const sessionId = await createSessionWithTranscript(db, { title: 'Screen', kind: 'interview', source: 'import', durationSec: 10, tracks: [], segments: [{ start: 0, end: 5, speaker: 'A', text: 'Hello there.', words: [] }] });
      await db.updateTable('sessions').set({ rubric_version_id: draft.id }).where('id', '=', sessionId).execute();
      const reread = await call('rubrics:getVersion', { versionId: draft.id });
      expect(reread.frozen).toBe(true);
      const saved = await call('rubrics:save', { requisitionId: reqId, versionId: draft.id, criteria: [...draft.criteria.map(({ warnings: _w, questionIds: _q, ...c }) => c), criterion('trade-off', 'Python')] });
      expect(saved).toMatchObject({ createdNewVersion: true, version: { version: 2, parentVersion: 1 } });
      expect((await call('rubrics:getVersion', { versionId: draft.id })).criteria.map((c) => c.title)).toEqual(['SQL fluency']);
    });

    it('names the problem in a bad save and stores nothing of it', async () => {
      const before = await call('requisitions:get', { id: requisitionId });
      const draftV = before.versions[0]!;
      const keep = draftV.criteria.map(({ warnings: _w, questionIds: _q, ...c }) => c);
      await expect(call('rubrics:save', { requisitionId, versionId: draftV.id, criteria: [...keep, criterion('trade-off', '  ')] })).rejects.toMatchObject({
        code: 'invalid-rubric',
        message: expect.stringMatching(/Criterion 6 \(trade-off\): title must not be empty/),
      });
      await expect(
        call('rubrics:save', { requisitionId, versionId: draftV.id, criteria: keep, interviewPlan: { stages: [{ name: 'Onsite', questions: [{ id: 'q1', text: ' ', criterionIds: [] }] }] } }),
      ).rejects.toMatchObject({ code: 'invalid-rubric', message: 'Question 1 of stage "Onsite" is empty: write it or remove it.' });
      await expect(
        call('rubrics:save', { requisitionId, versionId: draftV.id, criteria: keep, interviewPlan: { stages: [{ name: 'Onsite', questions: [{ id: 'q1', text: 'Why?', criterionIds: [uuid()] }] }] } }),
      ).rejects.toMatchObject({ code: 'rubric-invalid-edit', message: expect.stringContaining('no criterion has id') });
      expect(await call('requisitions:get', { id: requisitionId })).toEqual(before);
    });
  });

  describe('rubric files', () => {
    let requisitionId: string;

    it('imports a YAML file by path and by text as the next unsigned version, and exports it back', async () => {
      requisitionId = (await call('requisitions:create', { title: 'Product Designer', hiringManager: 'Mara Lind' })).id;
      const file = path.join(intakeFixtureDir, 'product-designer.rubric.yaml');
      const fromPath = await call('rubrics:import', { requisitionId, path: file });
      const expected = parseRubricText((await import('node:fs')).readFileSync(file, 'utf8'), 'yaml');
      expect(fromPath).toMatchObject({ version: 1, parentVersion: null, signedOff: null, title: 'Product Designer' });
      expect(fromPath.criteria.map((c) => c.title)).toEqual(expected.criteria.map((c) => c.title));
      expect(fromPath.interviewPlan).toEqual(expected.interviewPlan);

      await call('rubrics:signOff', { versionId: fromPath.id, by: 'Mara Lind' });
      const json = await call('rubrics:export', { versionId: fromPath.id, format: 'json' });
      expect(json.fileName).toBe('product-designer-v1.json');
      const data = JSON.parse(json.text) as { signedOff: { by: string }; criteria: unknown[] };
      expect(data.signedOff.by).toBe('Mara Lind');
      expect(data.criteria).toHaveLength(expected.criteria.length);

      // Sign-off never comes from a file: the round trip is version 2, unsigned, parent 1.
      const again = await call('rubrics:import', { requisitionId, format: 'json', text: json.text, fileName: json.fileName });
      expect(again).toMatchObject({ version: 2, parentVersion: 1, signedOff: null });
      expect(again.criteria.map((c) => c.id)).toEqual(fromPath.criteria.map((c) => c.id));
    });

    it('rejects a malformed file naming the file, field and line, and stores nothing', async () => {
      const yaml = (await call('rubrics:export', { versionId: (await call('requisitions:get', { id: requisitionId })).versions[0]!.id, format: 'yaml' })).text;
      const broken = yaml.replace(/kind: deal-breaker/, 'kind: nice-to-have');
      const line = broken.split('\n').findIndex((l) => l.includes('nice-to-have')) + 1;
      const index = (parseRubricText(yaml, 'yaml').criteria.findIndex((c) => c.kind === 'deal-breaker'));
      await expect(call('rubrics:import', { requisitionId, format: 'yaml', text: broken, fileName: 'designer.yaml' })).rejects.toMatchObject({
        code: 'rubric-malformed',
        message: expect.stringContaining(`designer.yaml, line ${line}: criteria[${index}].kind:`),
      });
      const onDisk = path.join(dir, 'broken.yaml');
      writeFileSync(onDisk, broken);
      await expect(call('rubrics:import', { requisitionId, path: onDisk })).rejects.toThrow(`${onDisk}, line ${line}: criteria[${index}].kind`);
      await expect(call('rubrics:import', { requisitionId, format: 'json', text: '{"version": 1,\n  "criteria": [}' })).rejects.toMatchObject({ code: 'rubric-malformed', message: expect.stringContaining('line 2') });
      await expect(call('rubrics:import', { requisitionId, path: 'relative.yaml' })).rejects.toMatchObject({ code: 'path-not-absolute' });
      await expect(call('rubrics:import', { requisitionId, text: yaml } as InputOf<'rubrics:import'>)).rejects.toMatchObject({ code: 'invalid-input' });
      expect((await call('requisitions:get', { id: requisitionId })).versions.map((v) => v.version)).toEqual([2, 1]);
    });
  });

  describe('drafting from an intake call', () => {
    let sessionId: string;
    let server: FakeOpenAiServer;
    let offline: OutputOf<'rubrics:draftFromSession'>;

    beforeAll(async () => {
      sessionId = (await call('sessions:importTranscript', { path: path.join(intakeFixtureDir, 'senior-backend-engineer.vtt'), kind: 'intake' })).sessionId;
      server = await startFakeOpenAiServer();
    });
    afterAll(async () => server?.close());
    beforeEach(() => {
      server.requests.length = 0;
    });

    it('drafts offline: candidate criteria, each with quotes, timestamps and the segment they start in', async () => {
      offline = await call('rubrics:draftFromSession', { sessionId });
      expect(offline.source).toBe('offline');
      expect(offline.fallback).toBeNull();
      expect(offline.requisitionTitle.toLowerCase()).toContain('senior backend');
      expect(offline.criteria.length).toBeGreaterThanOrEqual(4);
      expect(new Set(offline.criteria.map((c) => c.kind))).toEqual(new Set(['must-have', 'trade-off', 'deal-breaker']));
      expect(offline.criteria.some((c) => c.kind === 'must-have' && /postgres/i.test(c.title))).toBe(true);
      const session = await call('sessions:get', { id: sessionId });
      const transcript = session.segments.map((s) => s.text).join(' ');
      for (const c of offline.criteria) {
        const quotes = offline.evidence.filter((e) => e.criterionId === c.id);
        expect(quotes.length, c.title).toBeGreaterThan(0);
        for (const q of quotes) {
          const segment = session.segments.find((s) => s.id === q.segmentId)!;
          expect(segment, q.quote).toBeDefined();
          expect(segment.start).toBeLessThanOrEqual(q.start + 0.01);
          expect(q.end).toBeGreaterThan(q.start);
          expect(transcript.replace(/\s+/g, ' ')).toContain(q.quote.split(/(?<=[.!?])\s/)[0]!.slice(0, 25));
        }
      }
      // Without useLlm nothing is sent, even with an endpoint configured (set in the next test).
      expect(server.requests).toHaveLength(0);
    });

    it('stores the endpoint without ever returning its key, and forgets it on request', async () => {
      expect(await call('settings:getLlm')).toBeNull();
      await expect(call('settings:setLlm', { config: { baseURL: 'ftp://nowhere', model: 'm' } })).rejects.toMatchObject({ code: 'llm-config-invalid', message: expect.stringContaining('baseURL') });
      const saved = await call('settings:setLlm', { config: { baseURL: server.baseURL, model: 'llama3.1:8b', apiKey: 'sk-test-123', timeoutMs: 5000 } });
      expect(saved).toEqual({ baseURL: server.baseURL, model: 'llama3.1:8b', timeoutMs: 5000, apiKeySet: true, apiKeyStorage: 'plain', local: true });
      // Omitting the key keeps it; the stored setting has it, the renderer's view never does.
      const kept = await call('settings:setLlm', { config: { baseURL: server.baseURL, model: 'qwen2.5:7b', timeoutMs: 5000 } });
      expect(kept).toMatchObject({ model: 'qwen2.5:7b', apiKeySet: true });
      expect(JSON.stringify(await call('settings:getLlm'))).not.toContain('sk-test-123');
      await call('rubrics:draftFromSession', { sessionId });
      expect(server.requests).toHaveLength(0);
    });

    it('improves the draft through the configured model, sending the key and the transcript there only', async () => {
      const postgres = offline.evidence.find((e) => /postgres/i.test(e.quote))!;
      server.respond = () => ({
        kind: 'answer',
        content: JSON.stringify({
          requisitionTitle: 'Senior Backend Engineer, Payments',
          criteria: [
            { kind: 'must-have', title: 'Deep Postgres knowledge', description: 'Large-table migrations.', goodLooksLike: 'Explains an online index build on a billion-row table.', badLooksLike: 'Only used an ORM.', signals: ['Postgres'], quotes: [postgres.quote] },
            { kind: 'deal-breaker', title: 'Blames others in incidents', description: '', goodLooksLike: '', badLooksLike: 'Blames another team in a postmortem story.', signals: ['blame'], quotes: ['Not something anyone said.'] },
          ],
        }),
      });
      const improved = await call('rubrics:draftFromSession', { sessionId, useLlm: true });
      expect(improved).toMatchObject({ source: 'llm', fallback: null, requisitionTitle: 'Senior Backend Engineer, Payments' });
      expect(improved.criteria.map((c) => c.title)).toEqual(['Deep Postgres knowledge', 'Blames others in incidents']);
      expect(improved.criteria[0]!.goodLooksLike).toContain('billion-row');
      const quote = improved.evidence.find((e) => e.criterionId === improved.criteria[0]!.id)!;
      // The model's quote is looked up in the transcript: the whole spoken sentence, with its real time and segment.
      expect(quote.quote).toContain(postgres.quote);
      expect(quote).toMatchObject({ start: postgres.start, segmentId: postgres.segmentId });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-test-123');
      expect((server.requests[0]!.body as { model: string }).model).toBe('qwen2.5:7b');
      expect(JSON.stringify(server.requests[0]!.body)).toContain('Postgres');
    });

    it('falls back to the offline draft, saying why, when the answer is junk, slow, or the endpoint is down', async () => {
      const same = (r: OutputOf<'rubrics:draftFromSession'>) => r.criteria.map((c) => [c.kind, c.title]);

      server.respond = () => ({ kind: 'answer', content: 'Sure! The must-haves are Postgres and mentoring.' });
      const junk = await call('rubrics:draftFromSession', { sessionId, useLlm: true });
      expect(junk).toMatchObject({ source: 'offline', fallback: { code: 'invalid-json' } });
      expect(same(junk)).toEqual(same(offline));

      server.respond = () => ({ kind: 'answer', content: JSON.stringify({ requisitionTitle: 'X', criteria: [{ kind: 'nice-to-have', title: 'Go' }] }) });
      expect(await call('rubrics:draftFromSession', { sessionId, useLlm: true })).toMatchObject({ source: 'offline', fallback: { code: 'schema-mismatch' } });

      server.respond = () => ({ kind: 'hang' });
      await call('settings:setLlm', { config: { baseURL: server.baseURL, model: 'qwen2.5:7b', timeoutMs: 500 } });
      const slow = await call('rubrics:draftFromSession', { sessionId, useLlm: true });
      expect(slow).toMatchObject({ source: 'offline', fallback: { code: 'timeout', message: expect.stringContaining('0.5 s') } });
      expect(same(slow)).toEqual(same(offline));

      const port = await unusedPort();
      await call('settings:setLlm', { config: { baseURL: `http://127.0.0.1:${port}/v1`, model: 'm', apiKey: null } });
      expect(await call('settings:getLlm')).toMatchObject({ apiKeySet: false });
      const down = await call('rubrics:draftFromSession', { sessionId, useLlm: true });
      expect(down).toMatchObject({ source: 'offline', fallback: { code: 'unreachable', message: expect.stringContaining(`127.0.0.1:${port}`) } });
      expect(same(down)).toEqual(same(offline));
    });

    it('sends nothing anywhere once the endpoint is forgotten', async () => {
      server.respond = () => ({ kind: 'answer', content: '{}' });
      expect(await call('settings:setLlm', { config: null })).toBeNull();
      const result = await call('rubrics:draftFromSession', { sessionId, useLlm: true });
      expect(result).toMatchObject({ source: 'offline', fallback: { code: 'not-configured' } });
      expect(server.requests).toHaveLength(0);
    });

    it('says when a session has no transcript or does not exist', async () => {
      const empty = await createSessionWithTranscript(db, { title: 'Silent intake', kind: 'intake', source: 'import', durationSec: 0, tracks: [], segments: [] });
      await expect(call('rubrics:draftFromSession', { sessionId: empty })).rejects.toMatchObject({ code: 'session-without-transcript', message: '"Silent intake" has no transcript to draft from.' });
      await expect(call('rubrics:draftFromSession', { sessionId: 'missing' })).rejects.toMatchObject({ code: 'session-not-found' });
    });
  });

  // The quotes behind drafted criteria are stored with the version: a reload, the sign-off and the
  // next version all keep them, and so does deleting the intake call.
  describe('intake quotes kept with the rubric', () => {
    let requisitionId: string;
    let sessionId: string;
    let draft: OutputOf<'rubrics:draftFromSession'>;
    let v1: OutputOf<'rubrics:save'>['version'];
    const edited = (v: { criteria: { warnings: unknown; questionIds: unknown }[] }) => v.criteria.map(({ warnings: _w, questionIds: _q, ...c }) => c as Criterion);

    beforeAll(async () => {
      requisitionId = (await call('requisitions:create', { title: 'Senior Backend Engineer (quotes)', hiringManager: 'Dana Whitfield' })).id;
      sessionId = (await call('sessions:importTranscript', { path: path.join(intakeFixtureDir, 'senior-backend-engineer.vtt'), kind: 'intake' })).sessionId;
      draft = await call('rubrics:draftFromSession', { sessionId });
    });

    it('saves drafted criteria with their quotes and reads them back with the version', async () => {
      const evidence = draft.evidence.map((e) => ({ ...e, sessionId }));
      const saved = await call('rubrics:save', { requisitionId, versionId: null, criteria: draft.criteria, evidence });
      v1 = saved.version;
      // In criteria order, each with its time, speaker, cue and the segment it starts in.
      const order = draft.criteria.map((c) => c.id);
      const expected = [...evidence].sort((a, b) => order.indexOf(a.criterionId) - order.indexOf(b.criterionId));
      expect(v1.evidence).toEqual(expected);
      expect(v1.evidence.every((e) => e.segmentId !== null && e.end > e.start)).toBe(true);

      const reloaded = await call('requisitions:get', { id: requisitionId });
      expect(reloaded.versions[0]!.evidence).toEqual(expected);
      expect(await call('rubrics:getVersion', { versionId: v1.id })).toEqual(v1);
      const postgres = v1.criteria.find((c) => c.kind === 'must-have' && /postgres/i.test(c.title))!;
      expect(v1.evidence.filter((e) => e.criterionId === postgres.id).map((e) => e.quote).join(' ')).toMatch(/postgres/i);
    });

    it('a save without evidence keeps the quotes; a quote for an unknown criterion is refused by name', async () => {
      const kept = await call('rubrics:save', { requisitionId, versionId: v1.id, criteria: edited(v1) });
      expect(kept).toMatchObject({ createdNewVersion: false, version: { evidence: v1.evidence } });
      const stray = uuid();
      await expect(call('rubrics:save', { requisitionId, versionId: v1.id, criteria: edited(v1), evidence: [{ ...v1.evidence[0]!, criterionId: stray }] })).rejects.toMatchObject({
        code: 'invalid-rubric',
        message: expect.stringContaining(`belongs to criterion ${stray}, which this rubric does not have`),
      });
      await expect(call('rubrics:save', { requisitionId, versionId: v1.id, criteria: edited(v1), evidence: [{ ...v1.evidence[0]!, end: 0 }] })).rejects.toMatchObject({ code: 'invalid-input' });
      expect((await call('rubrics:getVersion', { versionId: v1.id })).evidence).toEqual(v1.evidence);
    });

    it('keeps the quotes through sign-off, and version 2 carries them for the criteria it keeps', async () => {
      const signed = await call('rubrics:signOff', { versionId: v1.id, by: 'Dana Whitfield' });
      expect(signed.evidence).toEqual(v1.evidence);

      const dropped = v1.criteria.at(-1)!.id;
      const criteria = edited(v1)
        .filter((c) => c.id !== dropped)
        .map((c, i) => (i === 0 ? { ...c, title: `${c.title} (at scale)` } : c));
      const v2 = await call('rubrics:save', { requisitionId, versionId: v1.id, criteria });
      expect(v2).toMatchObject({ createdNewVersion: true, version: { version: 2, parentVersion: 1 } });
      expect(v2.version.evidence).toEqual(v1.evidence.filter((e) => e.criterionId !== dropped));
      expect(v2.version.evidence.length).toBeGreaterThan(0);
      expect((await call('rubrics:getVersion', { versionId: v1.id })).evidence).toEqual(v1.evidence);
    });

    it('keeps the quote text and time when the intake session is deleted', async () => {
      expect(await deleteSession(db, sessionId)).toBe(true);
      const { versions } = await call('requisitions:get', { id: requisitionId });
      expect(versions.map((v) => v.version)).toEqual([2, 1]);
      const orphaned = v1.evidence.map((e) => ({ ...e, sessionId: null, segmentId: null }));
      expect(versions[1]!.evidence).toEqual(orphaned);
      expect(versions[0]!.evidence.every((e) => e.sessionId === null && e.quote.length > 0)).toBe(true);
      // The editor may still hold the deleted session's ids: the save goes through, the quotes unlinked.
      const v2 = versions[0]!;
      const kept = new Set(v2.criteria.map((c) => c.id));
      const again = await call('rubrics:save', { requisitionId, versionId: v2.id, criteria: edited(v2), evidence: v1.evidence.filter((e) => kept.has(e.criterionId)) });
      expect(again.version.evidence).toEqual(v2.evidence);
    });
  });
});
