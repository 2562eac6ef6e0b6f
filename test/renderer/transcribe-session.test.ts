import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { createSessionWithTranscript, getSession, openDatabase, type Database } from '../../src/db/index.js';
import { setUpCapture } from '../../src/backend/capture-setup.js';
import { createIpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';
import { mediaRoute, testMediaUrl } from '../support/media-route.js';
import { speechWav } from '../support/speech.js';
import { randomWeightModelPath, sileroVadModelPath } from '../support/test-models.js';

// "Transcribe" on a session that has audio but no transcript, in the built renderer in Chromium over
// the real handlers, store and whisper.cpp (random-weight model: real compute, meaningless words).
describe.skipIf(!hasChromium)('transcribing a session from its page in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let page: Page;
  let origin: string;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];

  beforeAll(async () => {
    ws = await createAppWorkspace('transcribe-session');
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    const capture = await setUpCapture({
      db,
      home: ws.home,
      modelPath: randomWeightModelPath(),
      vadModelPath: sileroVadModelPath(),
      threads: 2,
      onError: (message, error) => handlerErrors.push([message, error]),
    });
    ws.onClose(() => capture.dispose());
    const handlers = createIpcHandlers({ db, home: ws.home, capture, mediaUrl: testMediaUrl });
    ({ page, origin } = await openAppPage(ws, { handlers, capture, route: mediaRoute(db), hash: '#/interviews', pageErrors, handlerErrors }));
  });

  afterAll(() => ws?.close());

  it('transcribes a session with audio and no transcript, showing progress, then the transcript', async () => {
    // Audio in the data folder with no transcript yet (as when live transcription had no model).
    const recordings = path.join(ws.home, 'recordings', 'untranscribed');
    fs.mkdirSync(recordings, { recursive: true });
    const audio = speechWav('We moved billing to an event queue and cut failures in half.', recordings, 'mic', { padSec: 1 });
    const sessionId = await createSessionWithTranscript(db, {
      title: 'Untranscribed call',
      kind: 'interview',
      source: 'recording',
      durationSec: 6,
      tracks: [{ source: 'mic', speakerLabel: 'Dana', path: audio, sampleRate: 16000, channels: 1, durationSec: 6 }],
      segments: [],
    });

    await page.goto(`${origin}/#/interviews/${sessionId}`);
    await page.getByRole('heading', { level: 1, name: 'Untranscribed call' }).waitFor();
    const controls = page.getByTestId('transcribe-controls');
    await controls.getByRole('button', { name: 'Transcribe', exact: true }).click();
    // Progress is shown while it runs (the start's own answer is queued or running), then the stored transcript replaces the empty one.
    await controls.getByRole('status', { name: 'Transcription progress' }).waitFor();
    expect(await controls.getByRole('button', { name: 'Cancel' }).count()).toBe(1);
    await controls.getByRole('status').filter({ hasText: /Transcribed: \d+ segments\./ }).waitFor({ timeout: 120_000 });
    const stored = (await getSession(db, sessionId))!;
    expect(stored.segments.length).toBeGreaterThan(0);
    expect(await controls.getByRole('status').textContent()).toBe(`Transcribed: ${stored.segments.length} segments.`);
    await expect.poll(() => page.locator('.segment').count()).toBe(stored.segments.length);
    expect(new Set(stored.segments.map((s) => s.speaker))).toEqual(new Set(['Dana']));
    // Now it has one: the button offers to do it again.
    expect(await controls.getByRole('button', { name: 'Transcribe again' }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });

  it('transcribes from the Interviews list a row that has audio and no transcript; a transcript-only row offers nothing', async () => {
    const recordings = path.join(ws.home, 'recordings', 'from-list');
    fs.mkdirSync(recordings, { recursive: true });
    const audio = speechWav('The queue made retries safe.', recordings, 'mic', { padSec: 1 });
    const sessionId = await createSessionWithTranscript(db, {
      title: 'Listed call',
      kind: 'interview',
      source: 'recording',
      durationSec: 4,
      tracks: [{ source: 'mic', speakerLabel: 'Dana', path: audio, sampleRate: 16000, channels: 1, durationSec: 4 }],
      segments: [],
    });
    await createSessionWithTranscript(db, { title: 'Empty import', kind: 'interview', source: 'import', durationSec: 0, tracks: [], segments: [] });
    await page.goto(`${origin}/#/interviews`);
    const row = page.getByRole('row', { name: /Listed call/ });
    await row.getByRole('button', { name: 'Transcribe' }).click();
    // Done: the list is reloaded and the row has moved on from "No transcript".
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 120_000 }).toBe('ready');
    expect((await getSession(db, sessionId))!.segments.length).toBeGreaterThan(0);
    const empty = page.getByRole('row', { name: /Empty import/ });
    expect(await empty.getAttribute('data-status')).toBe('no-transcript');
    expect(await empty.getByRole('button', { name: 'Transcribe' }).count()).toBe(0);
  });

  it('says in plain words why a session whose audio is gone cannot be transcribed, changing nothing', async () => {
    const gone = path.join(ws.home, 'recordings', 'gone.wav');
    const sessionId = await createSessionWithTranscript(db, {
      title: 'Moved file',
      kind: 'interview',
      source: 'recording',
      durationSec: 3,
      tracks: [{ source: 'mic', speakerLabel: 'Dana', path: gone, sampleRate: 16000, channels: 1, durationSec: 3 }],
      segments: [{ start: 0, end: 3, speaker: 'Dana', text: 'Hello there.', words: [] }],
    });
    await page.goto(`${origin}/#/interviews/${sessionId}`);
    const controls = page.getByTestId('transcribe-controls');
    await controls.getByRole('button', { name: 'Transcribe again' }).click();
    const alert = controls.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('The audio file of this session is missing (it may have been moved or deleted), so it cannot be transcribed.');
    expect((await getSession(db, sessionId))!.segments.map((s) => s.text)).toEqual(['Hello there.']);
  });
});
