import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { getSession, openDatabase, type Database } from '../../src/db/index.js';
import { setUpCapture } from '../../src/backend/capture-setup.js';
import { createIpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';
import { mediaRoute, testMediaUrl } from '../support/media-route.js';
import { speechWav } from '../support/speech.js';
import { sileroVadModelPath, weightlessModelPath } from '../support/test-models.js';

// "Import recording…" on the Interviews page with a WebM cut short (a crashed browser recorder): the
// app transcribes what is there, says the file ended early before opening the session. Real Chromium,
// real handlers, real engine and store.
describe.skipIf(!hasChromium)('importing a recording cut short, in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let page: Page;
  let cut: string;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];

  beforeAll(async () => {
    ws = await createAppWorkspace('import-recording');
    const voice = speechWav('I led the migration of our billing system and we shipped it without downtime. Then we cut the error rate in half.', ws.work, 'voice', { padSec: 1 });
    const whole = path.join(ws.work, 'call.webm');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', voice, '-c:a', 'libopus', '-b:a', '48k', whole]);
    const bytes = fs.readFileSync(whole);
    cut = path.join(ws.work, 'crashed-call.webm');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));

    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    const capture = await setUpCapture({ db, home: ws.home, modelPath: weightlessModelPath(), vadModelPath: sileroVadModelPath(), threads: 2, onError: (m, e) => handlerErrors.push([m, e]) });
    ws.onClose(() => capture.dispose());
    // The session page plays the stored audio: served the way the app's media scheme would.
    const handlers = createIpcHandlers({ db, home: ws.home, capture, mediaUrl: testMediaUrl, chooseFile: async () => cut });
    ({ page } = await openAppPage(ws, { handlers, capture, route: mediaRoute(db), hash: '#/interviews', pageErrors, handlerErrors }));
  });

  afterAll(() => ws?.close());

  it('says the file ended early and what was transcribed, then opens the stored session', async () => {
    await page.getByRole('button', { name: 'Import recording…' }).click();
    const form = page.getByRole('form', { name: 'Import recording' });
    await form.getByRole('button', { name: 'Choose file…' }).click();
    await form.getByTestId('chosen-file').filter({ hasText: 'crashed-call.webm' }).waitFor();
    await form.getByRole('button', { name: 'Import' }).click();
    const note = page.getByRole('status').filter({ hasText: 'crashed-call.webm ended early' });
    await note.waitFor({ timeout: 120_000 });
    const lines = await note.locator('p').allTextContents();
    expect(lines).toEqual([expect.stringMatching(/^crashed-call\.webm ended early \(.+\); transcribed the \d+\.\d s that are there\.$/)]);
    await note.getByRole('button', { name: 'Open the session' }).click();
    await page.waitForFunction(() => window.location.hash.startsWith('#/interviews/'));
    const sessionId = decodeURIComponent((await page.evaluate(() => window.location.hash)).split('/')[2]!.split('?')[0]!);
    const session = (await getSession(db, sessionId))!;
    expect(session).toMatchObject({ title: 'crashed-call.webm', source: 'audio-file' });
    await page.getByRole('heading', { level: 1, name: 'crashed-call.webm' }).waitFor();
    // The seconds the note names are the stored session's.
    expect(lines[0]).toContain(`transcribed the ${session.durationSec!.toFixed(1)} s`);
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});
