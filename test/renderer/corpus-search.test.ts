import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { pcm16WavHeader } from '../../src/core/capture/wav-header.js';
import {
  addEvidence,
  createCandidate,
  createRequisition,
  createSessionWithTranscript,
  fileSession,
  openDatabase,
  setSessionInterviewer,
  setSessionRubric,
  type Database,
} from '../../src/db/index.js';
import { createIpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';
import { mediaRoute, testMediaUrl } from '../support/media-route.js';
import { seedSignedRubric, type SeededRubric } from '../support/seed-rubric.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const screenshots = path.join(repoRoot, 'test-results');

// Corpus search in real Chromium over the real handlers and SQLite store: a filtered search finds
// the one line it should among three interviews that say the word, and opening it lands on that
// line with the interview's audio cued there.
describe.skipIf(!hasChromium)('corpus search in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let page: Page;
  let rubric: SeededRubric;
  let requisitionId: string;
  let anaSession: string;
  let anaLineId: string;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];

  beforeAll(async () => {
    ws = await createAppWorkspace('corpus-search');
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    rubric = await seedSignedRubric(db, 'account-executive');
    requisitionId = (await db.selectFrom('rubrics').innerJoin('rubric_versions', 'rubric_versions.rubric_id', 'rubrics.id').select('rubrics.requisition_id').where('rubric_versions.id', '=', rubric.versionId).executeTakeFirstOrThrow()).requisition_id;
    const other = await createRequisition(db, { title: 'Support Engineer' });
    const ana = await createCandidate(db, { name: 'Ana Costa', requisitionId });
    const ben = await createCandidate(db, { name: 'Ben Okafor', requisitionId: other });

    // Ana's onsite: 24 s of tone on one mic track, four lines; hers at 12 s says the word.
    anaSession = await audioInterview(path.join(ws.home, 'ana.wav'), 'Ana, onsite', [
      ['Dana', 'How did you scale the billing database?'],
      ['Ana', 'First we tuned the queries and added an index.'],
      ['Ana', 'Then we sharded postgres by tenant, which took a quarter.'],
      ['Dana', 'And postgres upgrades after that?'],
    ]);
    anaLineId = (await db.selectFrom('transcript_segments').select('id').where('session_id', '=', anaSession).where('start_sec', '=', 12).executeTakeFirstOrThrow()).id;
    await fileSession(db, anaSession, { candidateId: ana.id, stage: 'Onsite' });
    await setSessionInterviewer(db, anaSession, 'Dana');
    const benSession = await audioInterview(path.join(ws.home, 'ben.wav'), 'Ben, screen', [
      ['Lee', 'Which databases have you run?'],
      ['Ben', 'Mostly postgres, some redis.'],
    ]);
    await fileSession(db, benSession, { candidateId: ben.id, stage: 'Phone screen' });
    await setSessionInterviewer(db, benSession, 'Lee');

    // Evidence tagged on Ana's first line, for the criterion filter.
    await setSessionRubric(db, anaSession, rubric.versionId);
    await addEvidence(db, { sessionId: anaSession, start: 6, end: 11.5, quote: 'tuned the queries and added an index', criterionId: [...rubric.criteria.values()][0]! });

    const handlers = createIpcHandlers({ db, home: ws.home, mediaUrl: testMediaUrl });
    ({ page } = await openAppPage(ws, { handlers, route: mediaRoute(db), hash: '#/search', pageErrors, handlerErrors }));
  });

  afterAll(() => ws?.close());

  it("a search filtered to one requisition and the candidate's lines finds only Ana's line, grouped under her interview", async () => {
    await page.getByRole('searchbox').fill('postgres');
    await page.getByLabel('Requisition').selectOption({ label: 'Account executive' });
    await page.getByLabel('Speaker').selectOption('candidate');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('status').filter({ hasText: '1 match in 1 interview' }).waitFor();
    const groups = page.locator('.search-group');
    expect(await groups.count()).toBe(1);
    expect(await groups.first().getAttribute('data-session-id')).toBe(anaSession);
    expect(await groups.first().locator('.search-group__meta').textContent()).toContain('Ana Costa · Account executive · Onsite');
    const hit = groups.first().locator('.search-hit');
    expect(await hit.locator('mark').allTextContents()).toEqual(['postgres']);
    expect(await hit.locator('.search-hit__time').textContent()).toBe('00:12');
    expect(await hit.locator('.search-hit__speaker').textContent()).toBe('Ana');
    // The filters are in the URL, so back and reload keep them.
    expect(new URL(page.url()).hash).toMatch(/speaker=candidate/);
    await page.screenshot({ path: path.join(screenshots, 'corpus-search.png'), fullPage: true });
  });

  it('opens the moment: the transcript at that line, focused, with the audio cued there', async () => {
    await page.locator('.search-hit').first().click();
    await page.getByRole('heading', { level: 1, name: 'Ana, onsite' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`segment-${anaLineId}`);
    await expect.poll(() => page.locator('audio').evaluate((el: HTMLAudioElement) => el.currentTime), { timeout: 30_000 }).toBeCloseTo(12, 1);
    expect(await page.locator('audio').evaluate((el: HTMLAudioElement) => el.paused)).toBe(true);
  });

  it('keeps the filtered results on the way back, and a criterion filter opens the tagged evidence at its time', async () => {
    await page.goBack();
    await page.getByRole('status').filter({ hasText: '1 match in 1 interview' }).waitFor();
    await page.getByRole('searchbox').fill('index');
    await page.getByLabel('Speaker').selectOption('');
    await page.getByLabel('Criterion').selectOption(rubric.titles[0]!);
    await page.getByRole('button', { name: 'Search' }).click();
    const evidence = page.locator('.search-hit').filter({ hasText: 'Evidence' });
    await evidence.waitFor();
    expect(await page.locator('.search-hit').count()).toBe(1);
    await evidence.click();
    await page.getByRole('heading', { level: 1, name: 'Ana, onsite' }).waitFor();
    const line = await db.selectFrom('transcript_segments').select('id').where('session_id', '=', anaSession).where('start_sec', '=', 6).executeTakeFirstOrThrow();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`segment-${line.id}`);
    await expect.poll(() => page.locator('audio').evaluate((el: HTMLAudioElement) => el.currentTime), { timeout: 30_000 }).toBeCloseTo(6, 1);
  });

  it('shows why nothing can match when the filters contradict each other, and a plain empty state otherwise', async () => {
    await page.goto(new URL('#/search?q=postgres&from=2030-02-01&to=2030-01-01', page.url()).href);
    await page.getByRole('status').filter({ hasText: 'The dates run backwards: 2030-01-01 comes before 2030-02-01' }).waitFor();
    await page.goto(new URL('#/search?q=zeppelin', page.url()).href);
    await page.getByRole('status').filter({ hasText: 'Nothing found' }).waitFor();
    await page.goto(new URL('#/search?q=%22unclosed', page.url()).href);
    await page.getByText(/unbalanced quote/).waitFor();
    expect(await page.getByText(/fts5|syntax error/i).count()).toBe(0);
  });

  it('ran without page errors or unexpected handler failures', () => {
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });

  /** Lines of 6 s each over a tone of the same length on one mic track. */
  async function audioInterview(wavPath: string, title: string, lines: [string, string][]): Promise<string> {
    const sampleRate = 16_000;
    const seconds = lines.length * 6;
    const data = Buffer.alloc(sampleRate * seconds * 2);
    for (let i = 0; i < sampleRate * seconds; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 6000), i * 2);
    writeFileSync(wavPath, Buffer.concat([pcm16WavHeader({ sampleRate, channels: 1 }, data.length), data]));
    return createSessionWithTranscript(db, {
      title,
      kind: 'interview',
      source: 'recording',
      startedAt: title.startsWith('Ana') ? '2025-03-10T10:00:00.000Z' : '2025-03-03T10:00:00.000Z',
      durationSec: seconds,
      tracks: [{ source: 'mic', path: wavPath, sampleRate, durationSec: seconds }],
      segments: lines.map(([speaker, text], i) => ({ start: i * 6, end: i * 6 + 5.5, speaker, text, words: [], trackIndex: 0 })),
    });
  }
});
