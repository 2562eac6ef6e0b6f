import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { pcm16WavHeader } from '../../src/core/capture/wav-header.js';
import { createSessionWithTranscript, openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';
import { mediaRoute, testMediaUrl } from '../support/media-route.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = path.join(repoRoot, 'test/fixtures/transcripts/app-shell-interview.vtt');
const screenshots = path.join(repoRoot, 'test-results');

// The built renderer in a real Chromium, its `window.debrief` bridged to the real IPC
// handlers over a real SQLite store: everything of the desktop app except Electron itself.
describe.skipIf(!hasChromium)('app shell in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let origin: string;
  let page: Page;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];
  const rangeRequests: string[] = [];
  let audioSessionId: string;
  /** What the OS "Open" dialog answers next (null: the user cancelled). */
  let dialogAnswer: string | null = null;

  beforeAll(async () => {
    ws = await createAppWorkspace('app-shell');
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    // Inside the data folder, where recordings live: the media route serves nothing from elsewhere.
    audioSessionId = await createAudioSession(db, path.join(ws.home, 'tone.wav'));
    const handlers = createIpcHandlers({ db, home: ws.home, mediaUrl: testMediaUrl, chooseFile: async () => dialogAnswer });
    ({ page, origin } = await openAppPage(ws, {
      handlers,
      route: mediaRoute(db, rangeRequests),
      chromiumArgs: ['--autoplay-policy=no-user-gesture-required'],
      viewport: { width: 1280, height: 820 },
      hash: '#/interviews',
      pageErrors,
      handlerErrors,
    }));
  });

  afterAll(() => ws?.close());

  it('shows the sidebar and an Interviews list with the stored sessions', async () => {
    const nav = page.getByRole('navigation', { name: 'Sections' });
    for (const name of ['Requisitions', 'Interviews', 'Search', 'Settings']) {
      await nav.getByRole('link', { name }).waitFor();
    }
    expect(await nav.getByRole('link', { name: 'Interviews' }).getAttribute('aria-current')).toBe('page');
    const row = page.getByRole('row', { name: /Tone check/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Priya Shah');
  });

  it('imports a transcript chosen in the OS dialog, reporting a file gone since inline first', async () => {
    await page.getByRole('button', { name: 'Import transcript…' }).click();
    const choose = page.getByRole('button', { name: 'Choose file…' });

    // The dialog's answer is injected; the page only ever sees the file's name and a token.
    dialogAnswer = null;
    await choose.click();
    expect(await page.getByTestId('chosen-file').textContent()).toBe('None chosen');
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    dialogAnswer = path.join(ws.work, 'missing.vtt');
    await choose.click();
    await page.getByTestId('chosen-file').filter({ hasText: 'missing.vtt' }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`Transcript file not found: ${path.join(ws.work, 'missing.vtt')}`);
    expect(await alert.getAttribute('data-code')).toBe('transcript-not-found');

    dialogAnswer = fixture;
    await choose.click();
    await page.getByTestId('chosen-file').filter({ hasText: 'app-shell-interview.vtt' }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'app-shell-interview.vtt' }).waitFor();
    expect(page.url()).toMatch(/#\/interviews\/[0-9a-f-]{36}$/);

    const segments = page.getByTestId('segment');
    expect(await segments.count()).toBe(7);
    const second = segments.nth(1);
    expect(await second.locator('.segment__time').textContent()).toBe('00:06');
    expect(await second.locator('.speaker').textContent()).toBe('Sam Okafor');
    expect(await segments.nth(0).locator('.speaker').textContent()).toBe('Dana Whitfield');
    // An imported transcript has no audio: times are labels, not play buttons.
    expect(await page.getByRole('button', { name: /^Play from/ }).count()).toBe(0);

    await page.getByRole('link', { name: '← Interviews' }).click();
    const row = page.getByRole('row', { name: /app-shell-interview\.vtt/ });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('Dana Whitfield, Sam Okafor');
    // Imported with a transcript and no moments yet: ready to review.
    expect(await row.getAttribute('data-status')).toBe('ready');
    expect(text).toContain('Ready to review');
    await page.screenshot({ path: path.join(screenshots, 'app-shell-interviews.png') });
  });

  it('finds a word, shows the hit in context and opens the session at that segment', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Search' }).click();
    const box = page.getByRole('searchbox', { name: 'Search transcripts' });
    await box.fill('idempotency');
    await box.press('Enter');

    // Hits come grouped under their session's title.
    const hit = page.getByTestId('search-results').locator('.search-hit');
    await hit.first().waitFor();
    expect(await hit.count()).toBe(1);
    expect(await page.getByTestId('search-results').locator('.search-group__title').textContent()).toBe('app-shell-interview.vtt');
    expect(await hit.locator('.search-hit__speaker').textContent()).toBe('Sam Okafor');
    expect(await hit.locator('.search-hit__time').textContent()).toBe('00:22');
    expect(await hit.locator('mark').textContent()).toBe('idempotency');
    await page.screenshot({ path: path.join(screenshots, 'app-shell-search.png') });

    await hit.click();
    const target = page.locator('.segment--target');
    await target.waitFor();
    expect(await target.textContent()).toContain('We added idempotency keys');
    expect(await target.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await target.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'app-shell.png') });

    // Back returns to the same results: the query lives in the URL.
    await page.goBack();
    await hit.first().waitFor();
    expect(await box.inputValue()).toBe('idempotency');
  });

  it('shows why a query cannot run, in place of results', async () => {
    const box = page.getByRole('searchbox', { name: 'Search transcripts' });
    await box.fill('-salary');
    await box.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('only excludes words');
    expect(await alert.getAttribute('data-code')).toBe('bad-search-query');
    expect(await page.getByTestId('search-results').count()).toBe(0);
  });

  it('plays the track audio from a clicked timestamp', async () => {
    await page.goto(`${origin}/#/interviews/${audioSessionId}`);
    const play = page.getByRole('button', { name: 'Play from 00:03' });
    const audio = page.locator('audio');
    // Every position the element reports while playing: without the seek it would start at 0 and pass 3 s anyway.
    await audio.evaluate((el: HTMLAudioElement) => {
      const positions: number[] = [];
      (window as unknown as { playedPositions: number[] }).playedPositions = positions;
      el.addEventListener('timeupdate', () => !el.paused && positions.push(el.currentTime));
    });
    await play.click();
    await page.waitForFunction(() => {
      const el = document.querySelector('audio');
      return el !== null && !el.paused && el.currentTime > 3.1;
    });
    const positions = await page.evaluate(() => (window as unknown as { playedPositions: number[] }).playedPositions);
    expect(positions.length).toBeGreaterThan(0);
    expect(Math.min(...positions)).toBeGreaterThanOrEqual(3);
    // Seeking fetched the file by byte ranges, which the media protocol must answer with 206.
    expect(rangeRequests.length).toBeGreaterThan(0);
    await page.locator('.segment--playing').waitFor();
    expect(await page.locator('.segment--playing .segment__text').textContent()).toBe('Second half of the tone.');
    await page.screenshot({ path: path.join(screenshots, 'app-shell-audio.png') });
  });

  it('shows the data folder in Settings', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
    const folder = page.getByTestId('data-folder');
    await folder.waitFor();
    expect(await folder.textContent()).toBe(ws.home);
  });

  it('renames a session, and deletes it after a confirmation naming what goes', async () => {
    const { id } = await db.selectFrom('sessions').select('id').where('title', '=', 'app-shell-interview.vtt').executeTakeFirstOrThrow();
    await page.goto(`${origin}/#/interviews/${id}`);
    await page.getByTestId('session-actions').getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('New title').fill('Sam Okafor — Technical — 1 Dec 2026');
    await page.getByRole('button', { name: 'Save title' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sam Okafor — Technical — 1 Dec 2026' }).waitFor();

    await page.getByRole('button', { name: 'Delete…' }).click();
    const confirmation = page.getByRole('alertdialog', { name: 'Delete this session?' });
    expect(await confirmation.textContent()).toContain('Delete “Sam Okafor — Technical — 1 Dec 2026”? This removes 7 transcript segments, 0 moments from this computer.');
    await confirmation.getByRole('button', { name: 'Delete for good' }).click();
    await page.waitForURL(/#\/interviews$/);
    await page.getByTestId('session-list').waitFor();
    expect(await page.getByRole('row', { name: /Sam Okafor — Technical/ }).count()).toBe(0);
    expect(await db.selectFrom('sessions').select('id').where('id', '=', id).execute()).toEqual([]);
  });

  it('says what an import skipped before opening the session', async () => {
    const partial = path.join(ws.work, 'partial-export.vtt');
    writeFileSync(partial, 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000 align:start position:0%\n<v Dana Whitfield>Kept.\n\n00:00:60.000 --> 00:01:02.000\n<v Dana Whitfield>Bad timing.\n');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Interviews' }).click();
    await page.getByRole('button', { name: 'Import transcript…' }).click();
    dialogAnswer = partial;
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await page.getByTestId('chosen-file').filter({ hasText: 'partial-export.vtt' }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const summary = page.getByRole('status').filter({ hasText: 'Imported 1 cue' });
    await summary.waitFor();
    expect(await summary.locator('p').textContent()).toBe('Imported 1 cue; skipped 1 cue with a bad timing (line 6).');
    await page.getByRole('button', { name: 'Open the session' }).click();
    await page.getByRole('heading', { level: 1, name: 'partial-export.vtt' }).waitFor();
    expect(await page.getByTestId('segment').count()).toBe(1);
  });

  it('ran without page errors, CSP violations or unexpected handler failures', () => {
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});

/** A 6-second 440 Hz tone as a mic track, with two transcript segments. */
async function createAudioSession(db: Database, wavPath: string): Promise<string> {
  const sampleRate = 16_000;
  const seconds = 6;
  const data = Buffer.alloc(sampleRate * seconds * 2);
  for (let i = 0; i < sampleRate * seconds; i++) {
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 8000), i * 2);
  }
  writeFileSync(wavPath, Buffer.concat([pcm16WavHeader({ sampleRate, channels: 1 }, data.length), data]));
  return createSessionWithTranscript(db, {
    title: 'Tone check',
    kind: 'interview',
    source: 'recording',
    durationSec: seconds,
    tracks: [{ source: 'mic', path: wavPath, sampleRate, durationSec: seconds }],
    segments: [
      { start: 0, end: 3, speaker: 'Priya Shah', text: 'First half of the tone.', words: [], trackIndex: 0 },
      { start: 3, end: 6, speaker: 'Priya Shah', text: 'Second half of the tone.', words: [], trackIndex: 0 },
    ],
  });
}
