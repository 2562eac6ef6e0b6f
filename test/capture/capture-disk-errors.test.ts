import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CaptureService } from '../../src/core/capture/capture-service.js';
import { energySpeechDetector } from '../../src/core/transcribe/live-transcriber.js';
import { openDatabase, recordingStore, type Database } from '../../src/db/index.js';
import { dispatchIpc } from '../../src/backend/ipc-dispatch.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import type { OutputOf } from '../../src/shared/ipc/contract.js';
import { counterChunk, firstCounterMismatch } from './fixtures/counter-signal.js';
import { scratchDir } from './support/scratch-dir.js';
import { mountTmpfs, mountUnavailableReason, unmount } from './support/scratch-mounts.js';
import { readValidWav } from './support/wav-file-check.js';

const RATE = 48000;
const mountProblem = mountUnavailableReason(scratchDir('debrief-probe-'));
if (mountProblem) console.warn(`capture-disk-errors: ${mountProblem}; skipped (disk-failures.test.ts covers a full disk with a file-size limit, and the permission test below an unwritable folder)`);

const startInput = {
  title: 'Disk test',
  kind: 'interview',
  consentText: 'Recorded for a test.',
  consentAcknowledgedAt: new Date().toISOString(),
  tracks: [{ source: 'mic', speakerLabel: 'You', sampleRate: RATE }],
};

// What the recorder sees when the recordings folder fills up or is read-only: the IPC channels the
// renderer polls, over the real capture service, writer and store (no model: this is about the audio).
describe.skipIf(mountProblem !== null)('recording onto a full or read-only disk, as the app sees it', () => {
  let home: string;
  let db: Database;
  let service: CaptureService;
  let handlers: IpcHandlers;
  const mounted: string[] = [];
  const call = async <T,>(channel: Parameters<typeof dispatchIpc>[1], input: unknown) => (await dispatchIpc(handlers, channel, input, () => undefined)) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

  beforeAll(async () => {
    home = scratchDir('debrief-capture-disk-');
    db = await openDatabase(path.join(home, 'debrief.sqlite'));
    service = new CaptureService({ recordingsDir: path.join(home, 'recordings'), store: recordingStore(db), transcriber: async () => null, detectSpeech: energySpeechDetector() });
    handlers = createIpcHandlers({ db, home, capture: { service, transcriber: async () => null, recoveryNotices: async () => [] } });
  });

  afterEach(() => {
    for (const dir of mounted.splice(0).reverse()) unmount(dir);
  });

  afterAll(async () => {
    await service?.stopAll();
    await db?.destroy();
  });

  it('a full disk stops the recording with an error the recorder shows; the session is failed and its audio a valid WAV', async () => {
    const recordings = path.join(home, 'recordings');
    mountTmpfs(recordings, 300); // about 3 s of 48 kHz audio
    mounted.push(recordings);
    const started = await call<OutputOf<'capture:start'>>('capture:start', startInput);
    if (!started.ok) throw new Error(started.error.message);
    const { sessionId, tracks } = started.value;

    // Feed in 100 ms chunks, twice real time, until the writer gives up.
    let fed = 0;
    let refusal: { code: string; message: string } | undefined;
    while (!refusal && fed < RATE * 20) {
      try {
        if (!service.write(sessionId, tracks[0]!.id, counterChunk('mic', fed, RATE / 10))) await service.whenDrained(sessionId);
        fed += RATE / 10;
      } catch (err) {
        refusal = err as { code: string; message: string };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(refusal?.code).toBe('recording-disk-full');

    // The recorder's poll shows the error and the stopped state.
    const status = await vi.waitFor(async () => {
      const r = await call<OutputOf<'capture:status'>>('capture:status', { sessionId });
      if (!r.ok || r.value.state !== 'failed') throw new Error('not failed yet');
      return r.value;
    });
    expect(status.error).toMatchObject({ code: 'recording-disk-full' });
    expect(status.error!.message).toMatch(/The disk is full.*the audio recorded so far is saved/);
    // Stop after the failure still answers (the recorder's Stop button), with the same error.
    const stopped = await call<OutputOf<'capture:stop'>>('capture:stop', { sessionId });
    expect(stopped).toMatchObject({ ok: true, value: { state: 'failed', error: { code: 'recording-disk-full' } } });

    const session = await db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
    const track = await db.selectFrom('tracks').selectAll().where('session_id', '=', sessionId).executeTakeFirstOrThrow();
    expect(session.status).toBe('failed');
    const wav = readValidWav(track.path!);
    expect(wav.frames).toBeGreaterThan(RATE);
    expect(wav.frames).toBeLessThanOrEqual(fed);
    expect(firstCounterMismatch('mic', wav.samples)).toBe(-1);
    expect(track.duration_sec).toBeCloseTo(wav.frames / RATE, 6);
    expect(session.duration_sec).toBe(track.duration_sec);
  });

  it('a read-only recordings folder refuses to start, says why, and stores no session', async () => {
    const recordings = path.join(home, 'recordings');
    mountTmpfs(recordings, 300);
    mounted.push(recordings);
    execFileSync('mount', ['-o', 'remount,ro', recordings]);
    const before = await db.selectFrom('sessions').select('id').execute();
    const started = await call('capture:start', startInput);
    expect(started).toMatchObject({ ok: false, error: { code: 'recording-unwritable' } });
    expect(!started.ok && started.error.message).toMatch(/Cannot record into the folder .*recordings.* \(EROFS\)\. Nothing was recorded/);
    expect(await db.selectFrom('sessions').select('id').execute()).toEqual(before);
  });
});

// Without root nothing can be mounted read-only, but a recordings folder without write permission
// must be refused the same way (as root the permission bits are ignored, and the test above runs).
describe.skipIf(process.getuid?.() === 0)('a recordings folder without write permission', () => {
  it('refuses to start, says why, and stores no session', async () => {
    const home = scratchDir('debrief-capture-perm-');
    const recordings = path.join(home, 'recordings');
    mkdirSync(recordings);
    chmodSync(recordings, 0o555);
    const db = await openDatabase(path.join(home, 'debrief.sqlite'));
    try {
      const service = new CaptureService({ recordingsDir: recordings, store: recordingStore(db), transcriber: async () => null, detectSpeech: energySpeechDetector() });
      const handlers = createIpcHandlers({ db, home, capture: { service, transcriber: async () => null, recoveryNotices: async () => [] } });
      const started = await dispatchIpc(handlers, 'capture:start', startInput, () => undefined);
      expect(started).toMatchObject({ ok: false, error: { code: 'recording-unwritable' } });
      expect(!started.ok && started.error.message).toMatch(/Cannot record into the folder .*recordings.* \(EACCES\)\. Nothing was recorded/);
      expect(await db.selectFrom('sessions').select('id').execute()).toEqual([]);
    } finally {
      chmodSync(recordings, 0o755);
      await db.destroy();
    }
  });
});
