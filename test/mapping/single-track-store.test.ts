import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionWithTranscript, getSession, openDatabase, setSessionRubric, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { channelCaller } from '../support/call-channel.js';
import { seedSignedRubric } from '../support/seed-rubric.js';
import { tempDir } from '../support/speech.js';
import { loadInterviewFixture } from './interview-fixtures.js';

// A mic-only recording: one speaker label ("Dana", the interviewer's microphone) for both voices.
// Through the handler table over a real SQLite store: "Map moments" splits the speakers first and
// stores the split; the reviewer renames and reassigns lines, and mapping runs on the corrections.
describe('mapping a one-speaker interview', () => {
  let db: Database;
  let handlers: IpcHandlers;
  const unexpected: unknown[] = [];
  const call = channelCaller(() => handlers, unexpected);
  let sessionId: string;
  let truth: { start: number; speaker: string | null }[];

  beforeAll(async () => {
    const dir = tempDir('debrief-single-track-');
    db = await openDatabase(path.join(dir, 'debrief.sqlite'));
    handlers = createIpcHandlers({ db, home: dir });
    const rubric = await seedSignedRubric(db, 'backend-engineer');
    const fixture = await loadInterviewFixture('backend-engineer-01');
    truth = fixture.transcript.segments.map((s) => ({ start: s.start, speaker: s.speaker }));
    sessionId = await createSessionWithTranscript(db, {
      title: 'In-room interview',
      kind: 'interview',
      source: 'recording',
      durationSec: fixture.transcript.durationSec,
      tracks: [{ source: 'mic', speakerLabel: 'Dana', path: null, sampleRate: 16000, durationSec: fixture.transcript.durationSec }],
      segments: fixture.transcript.segments.map((s) => ({ ...s, speaker: 'Dana', trackIndex: 0 })),
    });
    await setSessionRubric(db, sessionId, rubric.versionId);
  });
  afterAll(async () => {
    await db?.destroy();
    expect(unexpected).toEqual([]);
  });

  const stored = async () => (await getSession(db, sessionId))!.segments;

  it('splits the speakers automatically when mapping, and proposes moments from the answers', async () => {
    expect((await call('tagging:context', { sessionId })).speakers).toEqual(['Dana']);
    const mapped = await call('mapping:run', { sessionId, interviewerSpeakers: [] });
    expect(mapped.split).toMatchObject({ interviewer: 'Dana', candidate: 'Candidate' });
    expect(mapped.split!.changedSegments).toBeGreaterThan(10);
    expect(mapped.moments.filter((m) => m.origin === 'auto').length).toBeGreaterThan(3);

    const segments = await stored();
    expect((await call('tagging:context', { sessionId })).speakers).toEqual(['Dana', 'Candidate']);
    const agree = segments.filter((s) => truth.find((t) => t.start === s.start)?.speaker === (s.speaker === 'Dana' ? 'Interviewer' : 'Candidate'));
    expect(agree.length / segments.length).toBeGreaterThan(0.9);
    // Every proposed quote is the candidate's.
    for (const m of mapped.moments) expect(segments.find((s) => s.start <= m.start + 0.01 && m.start < s.end)?.speaker).toBe('Candidate');
    // Split once: a second run maps the stored speakers as they are.
    expect((await call('mapping:run', { sessionId, interviewerSpeakers: ['Dana'] })).split).toBeNull();
    await expect(call('speakers:split', { sessionId })).rejects.toMatchObject({ code: 'already-split' });
  });

  it('renames a speaker and reassigns segments, a range, and the rest of a turn from a word on', async () => {
    expect(await call('speakers:rename', { sessionId, from: 'Candidate', to: 'Sam Lee' })).toEqual({ changed: expect.any(Number) });
    let segments = await stored();
    expect(new Set(segments.map((s) => s.speaker))).toEqual(new Set(['Dana', 'Sam Lee']));

    // A range of two lines to Dana, then back.
    const pair = segments.filter((s) => s.speaker === 'Sam Lee').slice(0, 2).map((s) => s.id);
    await call('speakers:reassign', { sessionId, segmentIds: pair, speaker: 'Dana' });
    expect((await stored()).filter((s) => pair.includes(s.id)).map((s) => s.speaker)).toEqual(['Dana', 'Dana']);
    await call('speakers:reassign', { sessionId, segmentIds: pair, speaker: 'Sam Lee' });

    // The rest of a turn from its third word on: the segment is cut, its tail and the turn's later lines move.
    segments = await stored();
    const turnStart = segments.findIndex((s, i) => s.speaker === 'Sam Lee' && segments[i + 1]?.speaker === 'Sam Lee');
    const [first, second] = [segments[turnStart]!, segments[turnStart + 1]!];
    await call('speakers:reassign', { sessionId, segmentIds: [first.id], speaker: 'Dana', fromWord: 2 });
    const after = await stored();
    const kept = after.find((s) => s.id === first.id)!;
    expect(kept).toMatchObject({ speaker: 'Sam Lee', text: first.text.split(' ').slice(0, 2).join(' ') });
    const tail = after.find((s) => s.id !== first.id && s.start >= kept.end && s.start < first.end)!;
    expect(tail).toMatchObject({ speaker: 'Dana', text: first.text.split(' ').slice(2).join(' '), end: first.end });
    expect(after.find((s) => s.id === second.id)!.speaker).toBe('Dana');
    expect(after).toHaveLength(segments.length + 1);

    await expect(call('speakers:rename', { sessionId, from: 'Nobody', to: 'X' })).rejects.toMatchObject({ code: 'speaker-not-found' });
    await expect(call('speakers:reassign', { sessionId, segmentIds: [first.id], speaker: 'Dana', fromWord: 999 })).rejects.toMatchObject({ code: 'split-out-of-range' });
  });

  it('maps on the corrected speakers: lines given to the interviewer are no longer quoted', async () => {
    const segments = await stored();
    const answers = segments.filter((s) => s.speaker === 'Sam Lee').map((s) => s.id);
    await call('speakers:reassign', { sessionId, segmentIds: answers, speaker: 'Dana' });
    await call('speakers:reassign', { sessionId, segmentIds: [segments.at(-1)!.id], speaker: 'Sam Lee' });
    const mapped = await call('mapping:run', { sessionId, interviewerSpeakers: ['Dana'] });
    const last = segments.at(-1)!;
    for (const m of mapped.moments.filter((x) => x.origin === 'auto' && x.status === 'proposed')) expect(m.start).toBeGreaterThanOrEqual(last.start - 0.01);
  });
});

describe('a transcript line made evidence by hand', () => {
  it('stores the selected words of a line as accepted evidence with their time and quote', async () => {
    const dir = tempDir('debrief-hand-evidence-');
    const db = await openDatabase(path.join(dir, 'debrief.sqlite'));
    const unexpected: unknown[] = [];
    const handlers = createIpcHandlers({ db, home: dir });
    const call = channelCaller(() => handlers, unexpected);
    try {
      const rubric = await seedSignedRubric(db, 'backend-engineer');
      const sessionId = await createSessionWithTranscript(db, {
        title: 'Screen',
        kind: 'interview',
        source: 'import',
        durationSec: 20,
        tracks: [],
        segments: [{ start: 10, end: 14, speaker: 'Candidate', text: 'I moved the queue to Kafka last year.', words: [] }],
      });
      await setSessionRubric(db, sessionId, rubric.versionId);
      const segmentId = (await getSession(db, sessionId))!.segments[0]!.id;
      const criterionId = rubric.criteria.get('be-distributed')!;
      const moment = await call('moments:addEvidence', { sessionId, segmentId, fromWord: 1, toWord: 5, criterionId });
      expect(moment).toMatchObject({ origin: 'manual', status: 'accepted', quote: 'moved the queue to Kafka', criterionId, start: 10.5, end: 13 });
      await expect(call('moments:addEvidence', { sessionId, segmentId, fromWord: 20, toWord: 21, criterionId })).rejects.toMatchObject({ code: 'segment-not-found' });
      expect(unexpected).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
