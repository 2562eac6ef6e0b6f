import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { dispatchIpc } from '../../src/main/ipc-dispatch.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/main/ipc-handlers.js';
import type { ChannelName, InputOf, OutputOf } from '../../src/shared/ipc/contract.js';
import { tempDir } from '../support/speech.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/interviews');

// Rubric → signed version → an interview attached to it → tags → offline mapping → review, all through
// the IPC handler table (validated by the contract, as the renderer calls it) over a real SQLite store.
describe('rubrics, tags and mapped moments through the store', () => {
  let db: Database;
  let handlers: IpcHandlers;
  const call = async <C extends ChannelName>(channel: C, input?: InputOf<C>): Promise<OutputOf<C>> => {
    const result = await dispatchIpc(handlers, channel, input, (m, e) => {
      throw new Error(`${m}: ${String(e)}`);
    });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as OutputOf<C>;
  };

  let requisitionId: string;
  let versionId: string;
  let sessionId: string;
  const fixtureRubric = JSON.parse(readFileSync(path.join(fixtures, 'account-executive.rubric.json'), 'utf8')) as {
    criteria: { id: string; kind: 'must-have' | 'trade-off' | 'deal-breaker'; title: string; description: string; goodLooksLike: string; badLooksLike: string; signals: string[] }[];
    questions: { id: string; text: string; criterionIds: string[] }[];
  };

  beforeAll(async () => {
    const dir = tempDir('debrief-moments-');
    db = await openDatabase(path.join(dir, 'debrief.sqlite'));
    handlers = createIpcHandlers({ db, home: dir });
  });
  afterAll(async () => db?.destroy());

  it('saves a rubric, flags vague language, guides toward 3/2/1, and versions edits after sign-off', async () => {
    requisitionId = (await call('requisitions:create', { title: 'Account executive', hiringManager: 'Priya Shah' })).id;
    const first = await call('rubrics:save', {
      requisitionId,
      versionId: null,
      criteria: [{ kind: 'must-have', title: 'Strong communicator', description: '', goodLooksLike: '', badLooksLike: '', signals: [] }],
    });
    expect(first.createdNewVersion).toBe(true);
    expect(first.version.version).toBe(1);
    expect(first.version.criteria[0]!.warnings[0]!.phrase.toLowerCase()).toContain('strong communicator');
    expect(first.version.shape.map((s) => s.kind).sort()).toEqual(['deal-breaker', 'must-have', 'trade-off']);

    // A draft is edited in place; the fixture's six criteria (3/2/1) match the convention.
    const criteria = fixtureRubric.criteria.map(({ id: _id, ...c }) => c);
    const draft = await call('rubrics:save', { requisitionId, versionId: first.version.id, criteria });
    expect(draft.createdNewVersion).toBe(false);
    expect(draft.version.id).toBe(first.version.id);
    expect(draft.version.shape).toEqual([]);

    await expect(call('rubrics:signOff', { versionId: draft.version.id, by: '  ' })).rejects.toMatchObject({ code: 'invalid-input' });
    const signed = await call('rubrics:signOff', { versionId: draft.version.id, by: 'Priya Shah' });
    expect(signed.signedOff?.by).toBe('Priya Shah');
    await expect(call('rubrics:signOff', { versionId: draft.version.id, by: 'Someone else' })).rejects.toMatchObject({ code: 'rubric-already-signed' });

    // Editing the signed version starts version 2, unsigned; version 1 keeps its sign-off.
    const edited = await call('rubrics:save', {
      requisitionId,
      versionId: signed.id,
      criteria: signed.criteria.map((c) => ({ id: c.id, kind: c.kind, title: c.title, description: c.description, goodLooksLike: c.goodLooksLike, badLooksLike: c.badLooksLike, signals: c.signals })),
    });
    expect(edited.createdNewVersion).toBe(true);
    expect(edited.version).toMatchObject({ version: 2, parentVersion: 1, signedOff: null });
    const { versions } = await call('requisitions:get', { id: requisitionId });
    expect(versions.map((v) => [v.version, v.signedOff?.by ?? null])).toEqual([
      [2, null],
      [1, 'Priya Shah'],
    ]);
    versionId = signed.id;
  });

  it('round-trips a version through YAML and rejects a malformed file naming field and line', async () => {
    const exported = await call('rubrics:export', { versionId, format: 'yaml' });
    expect(exported.fileName).toBe('account-executive-v1.yaml');
    const imported = await call('rubrics:import', { requisitionId, format: 'yaml', text: exported.text });
    // Imported as the next version, unsigned: sign-off is never taken from a file.
    expect(imported).toMatchObject({ version: 3, signedOff: null });
    expect(imported.criteria.map((c) => c.title)).toEqual(fixtureRubric.criteria.map((c) => c.title));

    const broken = exported.text.replace(/kind: deal-breaker/, 'kind: nice-to-have');
    const line = broken.split('\n').findIndex((l) => l.includes('nice-to-have')) + 1;
    await expect(call('rubrics:import', { requisitionId, format: 'yaml', text: broken })).rejects.toThrow(new RegExp(`line ${line}.*kind|kind.*line ${line}`, 's'));
    expect((await call('requisitions:get', { id: requisitionId })).versions).toHaveLength(3);
  });

  it('tags moments against the session rubric, maps the interview offline, and keeps review decisions across runs', async () => {
    sessionId = (await call('sessions:importTranscript', { path: path.join(fixtures, 'account-executive-01.vtt') })).sessionId;
    await expect(call('moments:tag', { sessionId, atSec: 10, criterionId: 'x' })).rejects.toMatchObject({ code: 'session-without-rubric' });
    await call('tagging:setRubric', { sessionId, versionId });
    const context = await call('tagging:context', { sessionId });
    expect(context.rubric?.criteria.map((c) => c.hotkey)).toEqual(['1', '2', '3', '4', '5', '6']);
    const discovery = context.rubric!.criteria[0]!;

    const tag = await call('moments:tag', { sessionId, atSec: 52.1, criterionId: discovery.id, note: 'good qualifying questions', author: 'Dana' });
    expect(tag).toMatchObject({ origin: 'manual', status: 'accepted', criterionId: discovery.id, rubricVersionId: versionId, flagged: false });
    const flag = await call('moments:tag', { sessionId, atSec: 80, criterionId: null, flagged: true });
    expect(flag).toMatchObject({ flagged: true, criterionId: null });
    const moved = await call('moments:update', { id: tag.id, start: 55, criterionId: context.rubric!.criteria[1]!.id });
    expect(moved).toMatchObject({ start: 55, end: 55, criterionId: context.rubric!.criteria[1]!.id });
    await call('moments:delete', { id: flag.id });

    const mapped = (await call('mapping:run', { sessionId, interviewerSpeakers: ['Interviewer'] })).filter((m) => m.origin === 'auto');
    expect(mapped.length).toBeGreaterThan(3);
    const transcript = (await call('sessions:get', { id: sessionId })).segments.map((s) => s.text).join(' ');
    for (const m of mapped) {
      expect(m.status).toBe('proposed');
      expect(transcript, 'the quote is the candidate\'s own words').toContain(m.quote!.slice(0, 30));
      expect(m.confidence).toBeGreaterThan(0);
      expect(m.end).toBeGreaterThan(m.start);
      expect(m.rubricVersionId).toBe(versionId);
    }
    const [accept, reject] = mapped;
    await call('moments:review', { id: accept!.id, status: 'accepted' });
    await call('moments:review', { id: reject!.id, status: 'rejected' });

    const again = await call('mapping:run', { sessionId, interviewerSpeakers: ['Interviewer'] });
    const auto = again.filter((m) => m.origin === 'auto');
    expect(auto.filter((m) => m.id === accept!.id && m.status === 'accepted')).toHaveLength(1);
    expect(auto.filter((m) => m.id === reject!.id && m.status === 'rejected')).toHaveLength(1);
    // The rejected proposal is not proposed again, and nothing is duplicated.
    const same = (a: typeof reject, b: typeof reject) => a!.criterionId === b!.criterionId && a!.start === b!.start && a!.end === b!.end;
    expect(auto.filter((m) => same(m, reject))).toHaveLength(1);
    expect(auto.filter((m) => same(m, accept))).toHaveLength(1);
    expect(auto.length).toBe(mapped.length);
    // The interviewer's own tag survives mapping runs.
    expect(again.filter((m) => m.origin === 'manual').map((m) => m.id)).toEqual([tag.id]);
  });
});
