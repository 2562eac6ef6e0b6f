import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapMoments } from '../../src/core/mapping/map-moments.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import type { OutputOf } from '../../src/shared/ipc/contract.js';
import { startFakeOpenAiServer } from '../llm/fake-openai-server.js';
import { channelCaller } from '../support/call-channel.js';
import { fixtureTags, interviewFixture, seedSignedRubric, type SeededRubric } from '../support/seed-rubric.js';
import { tempDir } from '../support/speech.js';
import { INTERVIEWER_SPEAKERS, loadInterviewFixture } from './interview-fixtures.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/interviews');

// Through the IPC handler table (validated by the contract, as the renderer calls it) over a real SQLite
// store: rubric versions (the editor's channels), then tags and offline mapping on an imported interview.
describe('rubric versions through the store', () => {
  let db: Database;
  let handlers: IpcHandlers;
  const unexpected: unknown[] = [];
  const call = channelCaller(() => handlers, unexpected);

  let requisitionId: string;
  let versionId: string;
  const fixtureRubric = JSON.parse(readFileSync(path.join(fixtures, 'account-executive.rubric.json'), 'utf8')) as {
    criteria: { id: string; kind: 'must-have' | 'trade-off' | 'deal-breaker'; title: string; description: string; goodLooksLike: string; badLooksLike: string; signals: string[] }[];
    questions: { id: string; text: string; criterionIds: string[] }[];
  };

  beforeAll(async () => {
    const dir = tempDir('debrief-moments-');
    db = await openDatabase(path.join(dir, 'debrief.sqlite'));
    handlers = createIpcHandlers({ db, home: dir });
  });
  afterAll(async () => {
    await db?.destroy();
    expect(unexpected).toEqual([]);
  });

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
});

describe('tags and mapped moments through the store', () => {
  let db: Database;
  let handlers: IpcHandlers;
  const unexpected: unknown[] = [];
  const call = channelCaller(() => handlers, unexpected);
  const fixture = 'account-executive-01';
  let rubric: SeededRubric;
  let sessionId: string;
  let tagIds: string[];
  let flagId: string;
  let proposed: OutputOf<'mapping:run'>['moments'];

  beforeAll(async () => {
    const dir = tempDir('debrief-mapped-');
    db = await openDatabase(path.join(dir, 'debrief.sqlite'));
    handlers = createIpcHandlers({ db, home: dir });
    // The rubric is seeded with plain inserts: these tests don't depend on the rubric editor.
    rubric = await seedSignedRubric(db, 'account-executive');
  });
  afterAll(async () => {
    await db?.destroy();
    expect(unexpected).toEqual([]);
  });

  it('attaches the rubric to an imported interview and serves the tagging context', async () => {
    sessionId = (await call('sessions:importTranscript', { path: interviewFixture(fixture) })).sessionId;
    const before = await call('tagging:context', { sessionId });
    expect(before).toMatchObject({ rubric: null, speakers: ['Interviewer', 'Candidate'], suggestedInterviewers: ['Interviewer'] });
    await expect(call('moments:tag', { sessionId, atSec: 10, criterionId: rubric.criteria.get('ae-discovery')! })).rejects.toMatchObject({ code: 'session-without-rubric' });
    await expect(call('mapping:run', { sessionId, interviewerSpeakers: ['Interviewer'] })).rejects.toMatchObject({ code: 'session-without-rubric' });

    await call('tagging:setRubric', { sessionId, versionId: rubric.versionId });
    const context = await call('tagging:context', { sessionId });
    expect(context.rubric).toMatchObject({ versionId: rubric.versionId, title: 'Account executive', version: 1, signedOff: { by: 'Priya Shah' } });
    expect(context.rubric!.criteria.map((c) => [c.hotkey, c.title, c.id])).toEqual(
      [...rubric.criteria.values()].map((id, i) => [String(i + 1), rubric.titles[i], id]),
    );
    expect(context.rubric!.stages.map((s) => s.name)).toEqual(['Phone screen', 'Onsite']);
    const firstQuestion = context.rubric!.stages[0]!.questions[0]!;
    expect(firstQuestion).toMatchObject({ id: 'ae-q1', criterionIds: [rubric.criteria.get('ae-discovery')] });
  });

  it('stores the interviewer\'s tags and a flag against the session\'s rubric version', async () => {
    const tags = fixtureTags(fixture);
    expect(tags.length).toBeGreaterThan(0);
    tagIds = [];
    for (const t of tags) {
      const tag = await call('moments:tag', { sessionId, atSec: t.time, criterionId: rubric.criteria.get(t.criterionId)!, author: t.author });
      expect(tag).toMatchObject({ origin: 'manual', status: 'accepted', start: t.time, rubricVersionId: rubric.versionId, author: t.author, flagged: false });
      tagIds.push(tag.id);
    }
    const flag = await call('moments:tag', { sessionId, atSec: 80, criterionId: null, flagged: true, note: 'check the numbers' });
    expect(flag).toMatchObject({ flagged: true, criterionId: null, note: 'check the numbers', rubricVersionId: rubric.versionId });
    flagId = flag.id;
    await expect(call('moments:tag', { sessionId, atSec: 100_000, criterionId: null, flagged: true })).rejects.toMatchObject({ code: 'moment-out-of-range' });
    // Once tagged against a version, the session's rubric is fixed.
    const other = await seedSignedRubric(db, 'backend-engineer');
    await expect(call('tagging:setRubric', { sessionId, versionId: other.versionId })).rejects.toMatchObject({ code: 'session-rubric-locked' });
  });

  it('maps the interview offline into proposals with quote, time, confidence and reason, as the mapper does on the fixture', async () => {
    await expect(call('mapping:run', { sessionId, interviewerSpeakers: ['Dana'] })).rejects.toThrow(/"Dana" did not speak.*"Interviewer", "Candidate"/);
    const mapped = await call('mapping:run', { sessionId, interviewerSpeakers: ['Interviewer'] });
    expect(mapped).toMatchObject({ source: 'offline', fallback: null });
    const all = mapped.moments;
    proposed = all.filter((m) => m.origin === 'auto');
    // The tags and the flag are untouched by mapping.
    expect(all.filter((m) => m.origin === 'manual').map((m) => m.id).sort()).toEqual([...tagIds, flagId].sort());

    const session = await call('sessions:get', { id: sessionId });
    const candidateText = session.segments.filter((s) => s.speaker === 'Candidate').map((s) => s.text).join(' ');
    for (const m of proposed) {
      expect(m).toMatchObject({ status: 'proposed', rubricVersionId: rubric.versionId, flagged: false, author: null });
      expect(candidateText, "the quote is the candidate's own words").toContain(m.quote!.slice(0, 40));
      expect(m.end).toBeGreaterThan(m.start);
      expect(m.confidence).toBeGreaterThan(0);
      expect(m.reason).toMatch(/^(question-link|plan-meaning|lexical|question-lexical|tag|semantic|follow-up|topic)(,(question-link|plan-meaning|lexical|question-lexical|tag|semantic|follow-up|topic))*$/);
      expect(['supports', 'contradicts']).toContain(m.polarity);
    }
    // Exactly what the mapper proposes on the fixture files themselves: nothing lost between store and mapper.
    const f = await loadInterviewFixture(fixture);
    const direct = await mapMoments({ transcript: f.transcript, criteria: f.criteria, questions: f.questions, tags: f.tags, interviewerSpeakers: INTERVIEWER_SPEAKERS });
    const slugOf = new Map([...rubric.criteria].map(([slug, id]) => [id, slug]));
    const key = (m: { criterionId: string | null; start: number; end: number; quote: string | null; confidence: number | null }) =>
      `${slugOf.get(m.criterionId!) ?? m.criterionId}|${m.start}|${m.end}|${m.confidence}|${m.quote}`;
    expect(proposed.map(key).sort()).toEqual(direct.map(key).sort());
    expect(proposed.some((m) => m.reason!.split(',').includes('tag'))).toBe(true);
    expect(proposed.length).toBeGreaterThan(3);
  });

  it('keeps accept and reject decisions, and a rerun neither duplicates nor drops them', async () => {
    const [accept, reject] = proposed;
    await call('moments:review', { id: accept!.id, status: 'accepted' });
    await call('moments:review', { id: reject!.id, status: 'rejected' });
    const listed = await call('moments:list', { sessionId });
    expect(listed.find((m) => m.id === accept!.id)?.status).toBe('accepted');
    expect(listed.find((m) => m.id === reject!.id)?.status).toBe('rejected');

    const again = (await call('mapping:run', { sessionId, interviewerSpeakers: ['Interviewer'] })).moments.filter((m) => m.origin === 'auto');
    expect(again.find((m) => m.id === accept!.id)?.status).toBe('accepted');
    expect(again.find((m) => m.id === reject!.id)?.status).toBe('rejected');
    const same = (a: (typeof again)[number], b: (typeof again)[number]) => a.criterionId === b.criterionId && a.start === b.start && a.end === b.end;
    expect(again.filter((m) => same(m, reject!))).toHaveLength(1);
    expect(again.filter((m) => same(m, accept!))).toHaveLength(1);
    expect(again).toHaveLength(proposed.length);
    expect(again.filter((m) => m.status === 'proposed')).toHaveLength(proposed.length - 2);
  });

  it('moves and retargets a tag and a mapped moment, deletes the flag, and a rerun keeps all of it', async () => {
    const tag = (await call('moments:list', { sessionId })).find((m) => m.id === tagIds[0])!;
    const closing = rubric.criteria.get('ae-closing')!;
    const moved = await call('moments:update', { id: tag.id, start: tag.start + 3, criterionId: closing, note: 'pricing pushback' });
    expect(moved).toMatchObject({ id: tag.id, start: tag.start + 3, end: tag.start + 3, criterionId: closing, note: 'pricing pushback' });

    // A rerun replaced the waiting proposals: take them from the store.
    const pending = (await call('moments:list', { sessionId })).filter((m) => m.status === 'proposed');
    const target = pending.find((m) => m.criterionId !== closing)!;
    const retargeted = await call('moments:update', { id: target.id, criterionId: closing });
    expect(retargeted).toMatchObject({ origin: 'auto', status: 'accepted', criterionId: closing, quote: target.quote, start: target.start });
    await call('moments:delete', { id: flagId });
    await expect(call('moments:update', { id: tag.id, start: 10, end: 5 })).rejects.toMatchObject({ code: 'invalid-moment-span' });

    const after = (await call('mapping:run', { sessionId, interviewerSpeakers: ['Interviewer'] })).moments;
    expect(after.find((m) => m.id === tag.id)).toMatchObject({ start: tag.start + 3, criterionId: closing });
    expect(after.find((m) => m.id === retargeted.id)).toMatchObject({ status: 'accepted', criterionId: closing });
    expect(after.find((m) => m.id === target.id)).toMatchObject({ status: 'rejected', criterionId: target.criterionId });
    expect(after.some((m) => m.id === flagId)).toBe(false);
    // The retargeted quote is not proposed again for either criterion.
    expect(after.filter((m) => m.origin === 'auto' && m.start === target.start && m.end === target.end)).toHaveLength(2);
  });

  it('with a language model set up, it confirms or drops proposals; a dead endpoint falls back to the offline mapping', async () => {
    const server = await startFakeOpenAiServer();
    try {
      await call('settings:setLlm', { config: { baseURL: server.baseURL, model: 'judge-1', timeoutMs: 5_000 } });
      // A criterion with a waiting proposal the interviewer did not tag: the model will call all of its proposals "not evidence".
      const before = await call('moments:list', { sessionId });
      const dropped = before.find((m) => m.origin === 'auto' && m.status === 'proposed' && !m.reason!.includes('tag'))!.criterionId!;
      const dropTitle = rubric.titles[[...rubric.criteria.values()].indexOf(dropped)]!;
      server.respond = (body) => {
        const user = (body.messages as { role: string; content: string }[]).find((m) => m.role === 'user')!.content;
        const judgements = user.split('\n\n').map((block, i) => ({ proposal: i, relevant: !block.includes(`criterion: ${dropTitle} (`), confidence: 0.9 }));
        return { kind: 'answer', content: JSON.stringify({ judgements }) };
      };
      const refined = await call('mapping:run', { sessionId, interviewerSpeakers: ['Interviewer'], useLlm: true });
      expect(refined).toMatchObject({ source: 'llm', fallback: null });
      expect(server.requests).toHaveLength(1);
      const waiting = refined.moments.filter((m) => m.origin === 'auto' && m.status === 'proposed');
      expect(waiting.length).toBeGreaterThan(0);
      // Only what the interviewer tagged survives for the dropped criterion; everything else carries the model's word.
      for (const m of waiting) {
        const reasons = m.reason!.split(',');
        if (m.criterionId === dropped) expect(reasons).toContain('tag');
        else expect(reasons).toContain('llm');
      }
      // Only the proposals' quotes (with their questions) and the rubric went out, never the whole transcript.
      const session = await call('sessions:get', { id: sessionId });
      const candidateText = session.segments.filter((seg) => seg.speaker === 'Candidate').map((seg) => seg.text).join(' ');
      const sent = (server.requests[0]!.body as { messages: { content: string }[] }).messages.map((m) => m.content).join('\n');
      const quotes = [...sent.matchAll(/^ {2}quote at [\d:]+: (.*)$/gm)].map((m) => m[1]!);
      expect(quotes.length).toBeGreaterThan(3);
      for (const q of quotes) expect(candidateText).toContain(q);
      const quotedChars = [...new Set(quotes)].reduce((n, q) => n + q.length, 0);
      expect(quotedChars).toBeLessThan(candidateText.length * 0.8);

      await server.close();
      const fallback = await call('mapping:run', { sessionId, interviewerSpeakers: ['Interviewer'], useLlm: true });
      expect(fallback).toMatchObject({ source: 'offline', fallback: { code: 'unreachable' } });
      expect(fallback.moments.some((m) => m.status === 'proposed' && m.criterionId === dropped && !m.reason!.includes('tag'))).toBe(true);
    } finally {
      await server.close().catch(() => undefined);
      await call('settings:setLlm', { config: null });
    }
  });
});
