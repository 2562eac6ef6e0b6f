import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { readWavHeader } from '../../src/core/audio/wav.js';
import { loadEngine } from '../../src/core/transcribe/engine/load-engine.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { setUpCapture } from '../../src/backend/capture-setup.js';
import { createIpcHandlers } from '../../src/backend/ipc-handlers.js';
import type { OutputOf } from '../../src/shared/ipc/contract.js';
import { formatTimestamp } from '../../src/renderer/src/ui/format.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { fakeMicrophoneArgs, hasChromium } from '../support/chromium.js';
import { mediaRoute, testMediaUrl } from '../support/media-route.js';
import { durationOf, readPcm16k, speechWav } from '../support/speech.js';
import { randomWeightModelPath, sileroVadModelPath } from '../support/test-models.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const screenshots = path.join(repoRoot, 'test-results');

// The recorder in real Chromium, its microphone Chromium's fake device playing espeak-ng speech,
// PCM going through the same capture code as the app into the crash-safe writer, and live
// transcription by the real engine (the random-weight model: real compute, meaningless words).
describe.skipIf(!hasChromium)('recorder in Chromium with a fake microphone', () => {
  let ws: AppWorkspace;
  let db: Database;
  let page: Page;
  let capture: Awaited<ReturnType<typeof setUpCapture>>;
  let speechFile: string;
  let crashed: string;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];
  /** What the recorder's own clock said when the renderer stopped it (the handler's answer). */
  let stopped: OutputOf<'capture:stop'> | undefined;
  const recorderClock = (sessionId: string) => capture.service.status(sessionId).elapsedSec;

  beforeAll(async () => {
    ws = await createAppWorkspace('recorder');
    const { work, home } = ws;
    // About 4 s of speech with a second of silence on each side; Chromium loops the file.
    speechFile = speechWav(
      'Tell me about the last system you designed. We moved billing to an event queue and cut failures in half.',
      work,
      'fake-mic',
      { rate: 48000, padSec: 1 },
    );

    // A recording a crash left open: the launch below recovers it and the app says so.
    crashed = await crashedRecording(home, speechFile);
    db = await openDatabase(databasePath(home));
    ws.onClose(() => db.destroy());
    capture = await setUpCapture({
      db,
      home,
      modelPath: randomWeightModelPath(),
      vadModelPath: sileroVadModelPath(),
      threads: 2,
      onError: (message, error) => handlerErrors.push([message, error]),
    });
    ws.onClose(() => capture.dispose());
    const handlers = createIpcHandlers({ db, home, capture, mediaUrl: testMediaUrl });
    const stop = handlers['capture:stop'];
    handlers['capture:stop'] = async (input) => (stopped = await stop(input));
    ({ page } = await openAppPage(ws, {
      handlers,
      capture,
      route: mediaRoute(db),
      chromiumArgs: [...fakeMicrophoneArgs, `--use-file-for-fake-audio-capture=${speechFile}`],
      hash: '#/interviews',
      pageErrors,
      handlerErrors,
    }));
  });

  afterAll(() => ws?.close());

  it('tells the user at launch about a recording recovered after a crash', async () => {
    const notice = page.getByTestId('recovered-notices');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Recovered an interrupted recording');
    expect(await notice.getByRole('link', { name: 'Open the session' }).getAttribute('href')).toBe(`#/interviews/${crashed}`);
    const row = await db.selectFrom('sessions').select(['status', 'duration_sec']).where('id', '=', crashed).executeTakeFirstOrThrow();
    expect(row.status).toBe('recovered');
    expect(row.duration_sec).toBeGreaterThan(1);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
  });

  it('will not start before the consent notice is acknowledged, and says system audio is unavailable here', async () => {
    await page.getByRole('link', { name: 'New recording' }).click();
    await page.getByRole('heading', { level: 1, name: 'New recording' }).waitFor();
    await page.getByText('This conversation is recorded').waitFor();
    const start = page.getByRole('button', { name: 'Start recording' });
    expect(await start.isDisabled()).toBe(true);
    // Chromium's fake devices include no PulseAudio monitor, and Linux has no loopback capture.
    expect(await page.getByTestId('system-audio-unavailable').textContent()).toContain('recording the microphone only');
  });

  it('records the fake microphone, shows live segments, and stores a track of the recorded length', async () => {
    await page.getByLabel('Title').fill('Fake-mic interview');
    await page.getByLabel('Your name (microphone)').fill('Dana');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Start recording' }).click();
    await page.getByTestId('recorder-state').filter({ hasText: 'Recording' }).waitFor();
    const startedAt = Date.now();
    const recordingId = capture.service.activeSessions()[0]!;

    // The level meter moves with the speech.
    await expect.poll(async () => Number(await page.getByRole('meter', { name: 'Microphone level' }).getAttribute('aria-valuenow')), { timeout: 10_000 }).toBeGreaterThan(-40);
    // Live transcription: a VAD-cut utterance is transcribed and shown, with its speaker, while recording goes on.
    const firstLive = page.locator('[data-testid="live-segments"] li.live-transcript__segment').first();
    await firstLive.waitFor({ timeout: 180_000 });
    expect(await firstLive.locator('.live-transcript__speaker').textContent()).toBe('Dana');
    expect(await page.getByTestId('recorder-state').textContent()).toBe('Recording');
    await page.screenshot({ path: path.join(screenshots, 'recorder-live.png') });

    // Pause: the clock stops, nothing is recorded until Resume, and the page shows the recorder's own clock.
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByTestId('recorder-state').filter({ hasText: 'Paused' }).waitFor();
    // Audio captured before the pause may still be on its way (seconds of it on a loaded machine): wait until the clock settles.
    let lastRead = -1;
    await expect
      .poll(() => {
        const settled = recorderClock(recordingId) === lastRead;
        lastRead = recorderClock(recordingId);
        return settled;
      }, { timeout: 60_000, interval: 1000 })
      .toBe(true);
    const clockWhilePaused = recorderClock(recordingId);
    await expect.poll(() => page.getByTestId('recorder-elapsed').textContent()).toBe(formatTimestamp(clockWhilePaused));
    await page.waitForTimeout(1500);
    expect(recorderClock(recordingId)).toBe(clockWhilePaused);
    expect(await page.getByTestId('recorder-elapsed').textContent()).toBe(formatTimestamp(clockWhilePaused));
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByTestId('recorder-state').filter({ hasText: 'Recording' }).waitFor();

    // "You" is renamed to the interviewer's full name: shown segments and stored ones follow.
    await page.getByLabel('Name for you').fill('Dana Whitfield');
    await page.getByLabel('Name for you').press('Tab');
    await expect.poll(() => firstLive.locator('.live-transcript__speaker').textContent()).toBe('Dana Whitfield');

    // Leaving the recorder keeps recording, says so everywhere, and leads back to the same recording.
    await page.getByRole('link', { name: '← Interviews' }).click();
    const banner = page.getByTestId('recording-banner');
    await banner.filter({ hasText: 'Recording' }).waitFor();
    await banner.getByRole('link', { name: 'Back to the recorder' }).click();
    await page.getByTestId('recorder-state').filter({ hasText: 'Recording' }).waitFor();
    await expect.poll(() => firstLive.locator('.live-transcript__speaker').textContent()).toBe('Dana Whitfield');
    expect(await banner.count()).toBe(0);

    // Record until the recorder's clock (audio received, pause excluded) has 10 s, then stop.
    await expect.poll(() => recorderClock(recordingId), { timeout: 120_000, interval: 250 }).toBeGreaterThanOrEqual(10);
    const clockAtStop = recorderClock(recordingId);
    await page.getByRole('button', { name: 'Stop' }).click();
    // Stop waits for the live transcriber's backlog: long on a loaded machine, so only the limits are generous.
    await page.waitForURL(/#\/interviews\/[0-9a-f-]{36}$/, { timeout: 300_000 });
    const sessionId = page.url().split('/').pop()!;
    expect(sessionId).toBe(recordingId);

    const session = await db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
    expect(session).toMatchObject({ title: 'Fake-mic interview', kind: 'interview', source: 'recording', status: 'complete', interviewer: 'Dana' });
    expect(session.consent_text).toContain('This conversation is recorded');
    expect(Date.parse(session.consent_acknowledged_at!)).toBeLessThanOrEqual(startedAt);

    const tracks = await db.selectFrom('tracks').selectAll().where('session_id', '=', sessionId).execute();
    expect(tracks).toHaveLength(1);
    const track = tracks[0]!;
    expect(track).toMatchObject({ source: 'mic', speaker_label: 'Dana Whitfield', channels: 1 });
    // On disk, a valid WAV holding the audio the recorder counted as received (no wall clock involved): at least what
    // its clock showed at Stop; audio still on its way when Stop was pressed is kept too.
    const header = readWavHeader(fs.readFileSync(track.path!).subarray(0, 4096), track.path!);
    expect(header.sampleRate).toBe(track.sample_rate);
    const fileSec = durationOf(track.path!);
    expect(stopped?.sessionId).toBe(sessionId);
    expect(clockAtStop).toBeGreaterThanOrEqual(10);
    expect(fileSec).toBeGreaterThanOrEqual(clockAtStop - 0.01);
    expect(Math.abs(track.duration_sec! - fileSec)).toBeLessThan(0.01);

    // The recording holds the speech (not silence), and the engine's segments lie on it.
    const recorded = readPcm16k(track.path!);
    const speech = await loadEngine('native').detectSpeech(recorded, { modelPath: sileroVadModelPath() });
    expect(speech.length).toBeGreaterThan(0);
    const segments = await db.selectFrom('transcript_segments').selectAll().where('session_id', '=', sessionId).orderBy('start_sec').execute();
    expect(segments.length).toBeGreaterThan(0);
    for (const s of segments) {
      expect(s.track_id).toBe(track.id);
      expect(s.speaker).toBe('Dana Whitfield');
      expect(s.end_sec).toBeLessThanOrEqual(fileSec + 0.01);
      const mid = (s.start_sec + s.end_sec) / 2;
      expect(speech.some((sp) => mid >= sp.start - 1 && mid <= sp.end + 1), `segment ${s.start_sec}-${s.end_sec} lies on speech`).toBe(true);
    }
    // Together they cover much of what was said. (The random-weight model's words are noise, and the
    // hallucination guards may drop a chunk's output, so not every utterance need have a segment.)
    const covered = speech.reduce((sum, sp) => sum + segments.reduce((n, s) => n + Math.max(0, Math.min(s.end_sec, sp.end) - Math.max(s.start_sec, sp.start)), 0), 0);
    const spoken = speech.reduce((sum, sp) => sum + sp.end - sp.start, 0);
    expect(covered / spoken).toBeGreaterThan(0.4);

    // The session page shows the recording with a playable track.
    await page.getByRole('heading', { level: 1, name: 'Fake-mic interview' }).waitFor();
    expect(await page.getByTestId('segment').count()).toBe(segments.length);
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
    // …and its audio plays from the recorded file.
    await page.getByRole('button', { name: /^Play from/ }).first().waitFor();
  }, 600_000);
});

/**
 * Records into `home` through the app's capture service in a child process (no model) and kills it
 * with SIGKILL after two seconds of audio, as a crash would; returns the session's id.
 */
async function crashedRecording(home: string, wav: string): Promise<string> {
  const migrated = await openDatabase(databasePath(home));
  await migrated.destroy();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/capture/fixtures/record-session-child.ts'), home, wav], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const sessionId = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (data: Buffer) => {
      for (const line of data.toString().split('\n').filter(Boolean)) {
        const progress = JSON.parse(line) as { sessionId: string; fedSec: number };
        if (progress.fedSec >= 2) {
          child.kill('SIGKILL');
          resolve(progress.sessionId);
        }
      }
    });
    child.once('exit', (code, signal) => signal !== 'SIGKILL' && reject(new Error(`recording child exited with ${code}`)));
  });
  await exited;
  return sessionId;
}
