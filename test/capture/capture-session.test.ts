import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureService } from '../../src/core/capture/capture-service.js';
import { importRecording } from '../../src/core/capture/import-recording.js';
import type { RecoveryNotice } from '../../src/core/capture/recover-into-sessions.js';
import { loadEngine } from '../../src/core/transcribe/engine/load-engine.js';
import { Transcriber } from '../../src/core/transcribe/transcriber.js';
import { getSession, openDatabase, recordingStore, renameTrackSpeaker, type Database } from '../../src/db/index.js';
import { setUpCapture } from '../../src/backend/capture-setup.js';
import { dispatchIpc } from '../../src/backend/ipc-dispatch.js';
import { createIpcHandlers } from '../../src/backend/ipc-handlers.js';
import { durationOf, readPcm16k, speechWav, tempDir } from '../support/speech.js';
import { randomWeightModelPath, sileroVadModelPath } from '../support/test-models.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

/** 16-bit PCM of a speech file, as the recorder's worklet would send it. */
function int16(file: string): Int16Array {
  const f = readPcm16k(file);
  const out = new Int16Array(f.length);
  for (let i = 0; i < f.length; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round(f[i]! * 32767)));
  return out;
}

describe('recording sessions through the capture service and the store', () => {
  let dir: string;
  let db: Database;
  let transcriber: Transcriber;
  let speech: string;
  const engine = loadEngine('native');

  beforeAll(async () => {
    dir = tempDir('debrief-capture-session-');
    db = await openDatabase(path.join(dir, 'debrief.sqlite'));
    // Random weights give chance output that the silence guards may drop whole; with flash attention
    // off this seed's output survives them, which is what lets the test check who said what, where.
    transcriber = new Transcriber({ engine, modelPath: randomWeightModelPath(), vadModelPath: sileroVadModelPath(), threads: 2, flashAttention: false });
    speech = speechWav('We shipped the new billing pipeline in March. Then we cut the error rate in half.', dir, 'speech', { padSec: 1 });
  });

  afterAll(async () => {
    await transcriber?.dispose();
    await db?.destroy();
  });

  function service(home: string) {
    return new CaptureService({
      recordingsDir: path.join(home, 'recordings'),
      store: recordingStore(db),
      transcriber: async () => transcriber,
      detectSpeech: (pcm) => engine.detectSpeech(pcm, { modelPath: sileroVadModelPath() }),
    });
  }

  it('refuses to record without an acknowledged consent notice, and stores nothing', async () => {
    const before = await db.selectFrom('sessions').select('id').execute();
    await expect(
      service(dir).start({ title: 'x', kind: 'interview', consentText: '  ', consentAcknowledgedAt: '', tracks: [{ source: 'mic', speakerLabel: 'You', sampleRate: 16000 }] }),
    ).rejects.toMatchObject({ code: 'consent-required' });
    expect(await db.selectFrom('sessions').select('id').execute()).toEqual(before);
  });

  it('records a track, transcribes it live, stores consent and segments, and renames the speaker', async () => {
    const capture = service(dir);
    const acknowledgedAt = new Date().toISOString();
    const { sessionId, tracks } = await capture.start({
      title: 'Billing interview',
      kind: 'interview',
      consentText: 'This call is recorded.',
      consentAcknowledgedAt: acknowledgedAt,
      interviewer: 'Dana',
      tracks: [{ source: 'mic', speakerLabel: 'You', sampleRate: 16000 }],
    });
    const pcm = int16(speech);
    for (let at = 0; at < pcm.length; at += 1600) {
      if (!capture.write(sessionId, tracks[0]!.id, pcm.subarray(at, at + 1600))) await capture.whenDrained(sessionId);
    }
    const status = await capture.stop(sessionId);
    expect(status.state).toBe('stopped');
    expect(status.elapsedSec).toBeCloseTo(pcm.length / 16000, 1);

    const row = await db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'complete', consent_text: 'This call is recorded.', consent_acknowledged_at: acknowledgedAt, interviewer: 'Dana', source: 'recording' });
    const session = (await getSession(db, sessionId))!;
    expect(session.tracks[0]!.durationSec).toBeCloseTo(pcm.length / 16000, 1);
    expect(session.segments.length).toBeGreaterThan(0);
    expect(session.segments.every((s) => s.speaker === 'You' && s.trackId === tracks[0]!.id)).toBe(true);

    await renameTrackSpeaker(db, tracks[0]!.id, 'Dana Whitfield');
    const renamed = (await getSession(db, sessionId))!;
    expect(renamed.tracks[0]!.speakerLabel).toBe('Dana Whitfield');
    expect(renamed.segments.every((s) => s.speaker === 'Dana Whitfield')).toBe(true);
  });

  it('after SIGKILL, recovers the recording into its session at the next launch and transcribes what was missed', async () => {
    const home = tempDir('debrief-crash-home-');
    fs.mkdirSync(home, { recursive: true });
    // The child opens its own store in `home`; migrate it first so both processes agree.
    const childDb = await openDatabase(path.join(home, 'debrief.sqlite'));
    await childDb.destroy();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures', 'record-session-child.ts'), home, speech], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let last: { sessionId: string; fedSec: number } | undefined;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => {
        for (const line of data.toString().split('\n').filter(Boolean)) {
          last = JSON.parse(line) as { sessionId: string; fedSec: number };
          if (last.fedSec >= 6) {
            child.kill('SIGKILL');
            resolve();
          }
        }
      });
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}`))));
    });
    await new Promise((r) => child.once('exit', r));
    expect(last).toBeDefined();

    const store = await openDatabase(path.join(home, 'debrief.sqlite'));
    const launchErrors: unknown[] = [];
    const launch = () =>
      setUpCapture({ db: store, home, modelPath: randomWeightModelPath(), vadModelPath: sileroVadModelPath(), threads: 2, onError: (m, e) => launchErrors.push([m, e]) });
    expect((await store.selectFrom('sessions').select('status').where('id', '=', last!.sessionId).executeTakeFirstOrThrow()).status).toBe('recording');
    // The next launch, as src/main/index.ts does it: recovery runs before the window shows.
    const first = await launch();
    try {
      // …and the recorder's notice channel tells the user.
      const handlers = createIpcHandlers({ db: store, home, capture: first });
      const answer = await dispatchIpc(handlers, 'capture:recoveredNotices', undefined);
      if (!answer.ok) throw new Error(answer.error.message);
      const notices = answer.value as RecoveryNotice[];
      expect(notices).toHaveLength(1);
      expect(notices[0]!.sessionId).toBe(last!.sessionId);
      expect(notices[0]!.message).toMatch(/Recovered an interrupted recording/);
      const session = (await getSession(store, last!.sessionId))!;
      expect(session.status).toBe('recovered');
      // At most a second lost: the writer makes audio durable at least once a second.
      expect(session.durationSec!).toBeGreaterThanOrEqual(last!.fedSec - 1);
      expect(session.tracks[0]!.durationSec).toBe(session.durationSec);
      // Nothing was transcribed live (the child had no model): recovery transcribed it all.
      expect(notices[0]!.transcribedTailSec).toBeCloseTo(session.durationSec!, 1);
      expect(launchErrors).toEqual([]);
      // A second launch finds nothing more to do.
      const second = await launch();
      expect(await second.recoveryNotices()).toEqual([]);
      await second.dispose();
    } finally {
      await first.dispose();
      await store.destroy();
    }
  });

  it('imports a stereo call split into You (left) and Them (right) as a session, and refuses to split a mono file', async () => {
    const them = speechWav('I would design the queue around idempotent consumers and replay the dead letters daily.', dir, 'them', { padSec: 0.5 });
    const stereo = path.join(dir, 'call-stereo.wav');
    // Left: the interviewer, then silence; right: silence, then the candidate.
    execFileSync('bash', ['-c', `sox -M "|sox ${speech} -p pad 0 7" "|sox ${them} -p pad 4 0" -r 44100 "${stereo}"`]);
    // Through the channel the Interviews page's "Import recording" calls.
    const handlers = createIpcHandlers({ db, home: dir, capture: { service: service(dir), transcriber: async () => transcriber, recoveryNotices: async () => [] } });
    const answer = await dispatchIpc(handlers, 'capture:importAudio', { path: stereo, splitStereo: true, title: 'Stereo call' });
    if (!answer.ok) throw new Error(answer.error.message);
    const { sessionId, trackCount, segmentCount } = answer.value as { sessionId: string; trackCount: number; segmentCount: number };
    expect(trackCount).toBe(2);
    const session = (await getSession(db, sessionId))!;
    expect(session).toMatchObject({ title: 'Stereo call', source: 'audio-file', kind: 'interview' });
    expect(session.durationSec).toBeCloseTo(durationOf(stereo), 1);
    expect(session.tracks.map((t) => [t.source, t.speakerLabel])).toEqual([
      ['mic', 'You'],
      ['system', 'Them'],
    ]);
    // The random-weight model's words and times are noise; who said it, and on which track, is not.
    expect(session.segments.length).toBe(segmentCount);
    expect(segmentCount).toBeGreaterThan(0);
    for (const s of session.segments) {
      const track = session.tracks.find((t) => t.id === s.trackId)!;
      expect(s.speaker).toBe(track.speakerLabel);
    }
    // The audio is a copy inside the data folder: the original may move or go.
    const copied = session.tracks[0]!.path!;
    expect(copied.startsWith(path.join(dir, 'recordings', 'imported') + path.sep)).toBe(true);
    expect(fs.readFileSync(copied).equals(fs.readFileSync(stereo))).toBe(true);
    const linked = await dispatchIpc(handlers, 'capture:importAudio', { path: speech, keepLink: true });
    if (!linked.ok) throw new Error(linked.error.message);
    expect((await getSession(db, (linked.value as { sessionId: string }).sessionId))!.tracks[0]!.path).toBe(speech);
    const mono = await dispatchIpc(handlers, 'capture:importAudio', { path: speech, splitStereo: true });
    expect(mono).toMatchObject({ ok: false, error: { code: 'audio-not-stereo' } });

    // A muted side stays an empty track (never a transcript of silence); both muted is an error.
    const oneSided = path.join(dir, 'call-one-sided.wav');
    execFileSync('bash', ['-c', `sox -M "${speech}" "|sox ${speech} -p vol 0" "${oneSided}"`]);
    const muted = await importRecording(oneSided, { transcriber, splitStereo: true });
    expect(muted.tracks[1]).toEqual({ source: 'system', speaker: 'Them', segments: [] });
    const silent = path.join(dir, 'call-silent.wav');
    execFileSync('sox', ['-n', '-r', '16000', '-c', '2', '-b', '16', silent, 'trim', '0', '3']);
    await expect(importRecording(silent, { transcriber, splitStereo: true })).rejects.toMatchObject({ code: 'audio-silent' });

    await expect(importRecording(speech, { transcriber, splitStereo: true })).rejects.toMatchObject({ code: 'audio-not-stereo' });
  });
});
