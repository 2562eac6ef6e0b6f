import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureService } from '../../src/core/capture/capture-service.js';
import { modelsDir } from '../../src/core/app-paths.js';
import { loadEngine } from '../../src/core/transcribe/engine/load-engine.js';
import { createModelManager } from '../../src/core/transcribe/models/model-manager.js';
import { Transcriber } from '../../src/core/transcribe/transcriber.js';
import { addTag, createSessionWithTranscript, getSession, listMoments, openDatabase, recordingStore, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createSessionTranscription, type SessionTranscriptionQueue } from '../../src/backend/session-transcription.js';
import { channelCaller } from '../support/call-channel.js';
import { readPcm16k, speechWav, tempDir } from '../support/speech.js';
import { randomWeightModelPath, sileroVadModelPath } from '../support/test-models.js';

// "Transcribe" / "Transcribe again" over the real handlers, store and whisper.cpp (the random-weight
// model: real compute, meaningless words), and the transcriber's live-before-background order.
describe('transcribing stored sessions in the background', () => {
  let dir: string;
  let db: Database;
  let transcriber: Transcriber;
  let handlers: IpcHandlers;
  let speech: string;
  let queue: SessionTranscriptionQueue;
  const unexpected: unknown[] = [];
  const call = channelCaller(() => handlers, unexpected);
  const engine = loadEngine('native');

  beforeAll(async () => {
    dir = tempDir('debrief-session-transcription-');
    db = await openDatabase(path.join(dir, 'debrief.sqlite'));
    transcriber = new Transcriber({ engine, modelPath: randomWeightModelPath(), vadModelPath: sileroVadModelPath(), threads: 2, flashAttention: false });
    speech = speechWav('We shipped the new billing pipeline in March. Then we cut the error rate in half.', dir, 'speech', { padSec: 1 });
    const service = new CaptureService({
      recordingsDir: path.join(dir, 'recordings'),
      store: recordingStore(db),
      transcriber: async () => transcriber,
      detectSpeech: (pcm) => engine.detectSpeech(pcm, { modelPath: sileroVadModelPath() }),
    });
    const capture = { service, transcriber: async () => transcriber, recoveryNotices: async () => [] };
    // The queue the handlers would make themselves, kept here so the test can dispose of it.
    queue = createSessionTranscription({ db, home: dir, capture, onError: (message, error) => unexpected.push([message, error]) });
    handlers = createIpcHandlers({ db, home: dir, capture, transcription: queue });
  });

  afterAll(async () => {
    await queue?.dispose();
    await transcriber?.dispose();
    await db?.destroy();
  });

  const settled = async (sessionId: string) => {
    await expect.poll(async () => (await call('transcription:status', { sessionId }))?.state, { timeout: 290_000, interval: 100 }).toMatch(/done|failed|cancelled/);
    return (await call('transcription:status', { sessionId }))!;
  };

  it('transcribes an audio session again: a new transcript replaces the old, moments stay', async () => {
    const { sessionId } = await call('capture:importAudio', { path: speech, title: 'Billing call' });
    const before = (await getSession(db, sessionId))!;
    expect(before.segments.length).toBeGreaterThan(0);
    await addTag(db, { sessionId, atSec: 1.5, criterionId: null, flagged: true, note: 'pipeline', author: 'Dana' });

    const queued = await call('transcription:start', { sessionId });
    expect(queued).toMatchObject({ sessionId, model: null });
    expect(['queued', 'running']).toContain(queued.state);
    // Listed as transcribing while it is: the list is read first, so a job still active after it was active during it.
    const listed = (await call('interviews:list')).find((r) => r.id === sessionId)?.status;
    const state = (await call('transcription:status', { sessionId }))?.state;
    if (state === 'queued' || state === 'running') expect(listed).toBe('transcribing');

    const done = await settled(sessionId);
    expect(done).toMatchObject({ state: 'done', fraction: 1, error: null });
    const after = (await getSession(db, sessionId))!;
    expect(after.segments.length).toBe(done.segmentCount);
    expect(after.segments.length).toBeGreaterThan(0);
    // New rows, on the session's own track, with its speaker.
    expect(after.segments.some((s) => before.segments.some((b) => b.id === s.id))).toBe(false);
    for (const s of after.segments) expect(s.trackId).toBe(after.tracks[0]!.id);
    expect((await listMoments(db, sessionId)).map((m) => m.note)).toEqual(['pipeline']);
    expect((await call('interviews:list')).find((r) => r.id === sessionId)?.status).not.toBe('transcribing');
    expect(unexpected).toEqual([]);
  });

  it('cancels a queued or running job and keeps the transcript it had', async () => {
    const long = path.join(dir, 'long.wav');
    execFileSync('sox', [speech, long, 'repeat', '1']);
    const { sessionId } = await call('capture:importAudio', { path: long, title: 'Long call' });
    const before = (await getSession(db, sessionId))!.segments.map((s) => s.id);
    await call('transcription:start', { sessionId });
    const cancelled = await call('transcription:cancel', { sessionId });
    expect(cancelled?.state === 'cancelled' || cancelled?.state === 'running').toBe(true);
    expect((await settled(sessionId)).state).toBe('cancelled');
    expect((await getSession(db, sessionId))!.segments.map((s) => s.id)).toEqual(before);
    // Starting again after a cancel runs normally.
    await call('transcription:start', { sessionId });
    expect((await settled(sessionId)).state).toBe('done');
  }, 600_000); // a whole random-weight transcription of the long file after the cancel: slow beside busy loops

  it('transcribes again with another installed model, named in the job', async () => {
    const models = createModelManager({ modelsDir: modelsDir(dir) });
    const other = await models.importFile(randomWeightModelPath(), { name: 'second-opinion' });
    const { sessionId } = await call('capture:importAudio', { path: speech, title: 'Second opinion' });
    const queued = await call('transcription:start', { sessionId, model: other.name });
    expect(queued.model).toBe(other.name);
    const done = await settled(sessionId);
    expect(done).toMatchObject({ state: 'done', model: other.name, error: null });
    expect((await getSession(db, sessionId))!.segments.length).toBe(done.segmentCount);
  });

  it('refuses, in the user\'s words, a session with no audio or an unknown model, changing nothing', async () => {
    const sessionId = await createSessionWithTranscript(db, {
      title: 'Imported notes',
      kind: 'interview',
      source: 'import',
      durationSec: 3,
      tracks: [],
      segments: [{ start: 0, end: 3, speaker: 'Dana', text: 'Hello there.', words: [] }],
    });
    await expect(call('transcription:start', { sessionId })).rejects.toMatchObject({
      code: 'audio-missing',
      message: 'This session has no audio (it was imported as a transcript), so there is nothing to transcribe.',
    });
    expect(await call('transcription:status', { sessionId })).toBeNull();

    const { sessionId: withAudio } = await call('capture:importAudio', { path: speech, title: 'Another call' });
    const before = (await getSession(db, withAudio))!.segments.map((s) => s.id);
    await call('transcription:start', { sessionId: withAudio, model: 'no-such-model' });
    const failed = await settled(withAudio);
    expect(failed.state).toBe('failed');
    expect(failed.error?.message).toContain('no-such-model');
    expect((await getSession(db, withAudio))!.segments.map((s) => s.id)).toEqual(before);
  });

  it('runs a live chunk before background pieces queued ahead of it', async () => {
    const pcm = readPcm16k(speech);
    const finished: string[] = [];
    const job = (name: string, priority: 'live' | 'background') =>
      transcriber.transcribe({ pcm, priority, vad: false }).then(() => void finished.push(name));
    // Four background pieces are queued, then a live chunk arrives while the first piece runs.
    const background = [1, 2, 3, 4].map((i) => job(`background-${i}`, 'background'));
    const live = job('live', 'live');
    await Promise.all([...background, live]);
    expect(finished.indexOf('live')).toBeLessThanOrEqual(1);
    expect(finished.filter((n) => n.startsWith('background'))).toEqual(['background-1', 'background-2', 'background-3', 'background-4']);
  });
});
