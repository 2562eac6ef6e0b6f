import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { createSessionWithTranscript, getSession, listMoments, openDatabase, setSessionRubric, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { loadInterviewFixture } from '../mapping/interview-fixtures.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';
import { seedSignedRubric, type SeededRubric } from '../support/seed-rubric.js';

// A mic-only interview (one speaker label for both voices) reviewed in real Chromium over the real
// handlers and SQLite store: Map moments splits the speakers itself; the reviewer renames a speaker,
// gives lines and the rest of a turn to the other speaker, makes selected words evidence, and watches
// the count of moments to review and the criteria without evidence change as they decide.
describe.skipIf(!hasChromium)('reviewing a one-speaker interview in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let handlers: IpcHandlers;
  let page: Page;
  let rubric: SeededRubric;
  let sessionId: string;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];

  const segments = async () => (await getSession(db, sessionId))!.segments;
  const speakerOf = (id: string) => page.locator(`li:has([data-segment-id="${id}"]) .speaker`);

  /** Selects words `from`–`to` of a transcript line as a person dragging over them would. */
  async function selectWords(segmentId: string, from: number, to: number) {
    await page.evaluate(
      ({ segmentId, from, to }) => {
        const line = document.querySelector(`[data-segment-id="${segmentId}"]`)!;
        const range = document.createRange();
        range.setStart(line.querySelector(`[data-word="${from}"]`)!.firstChild!, 0);
        const last = line.querySelector(`[data-word="${to}"]`)!.firstChild!;
        range.setEnd(last, last.textContent!.length);
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
        line.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      },
      { segmentId, from, to },
    );
  }

  beforeAll(async () => {
    ws = await createAppWorkspace('single-track');
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    rubric = await seedSignedRubric(db, 'backend-engineer');
    const fixture = await loadInterviewFixture('backend-engineer-01');
    sessionId = await createSessionWithTranscript(db, {
      title: 'In-room interview',
      kind: 'interview',
      source: 'recording',
      durationSec: fixture.transcript.durationSec,
      tracks: [],
      segments: fixture.transcript.segments.map((s) => ({ ...s, speaker: 'Dana' })),
    });
    await setSessionRubric(db, sessionId, rubric.versionId);
    handlers = createIpcHandlers({ db, home: ws.home });
    ({ page } = await openAppPage(ws, { handlers, hash: `#/interviews/${sessionId}`, pageErrors, handlerErrors }));
  });

  afterAll(() => ws?.close());

  it('maps a one-speaker transcript by splitting it into interviewer and candidate first', async () => {
    await page.getByText(/This transcript has one speaker: mapping first splits/).waitFor();
    await page.getByRole('button', { name: 'Map moments' }).click();
    const status = page.getByTestId('mapping-status');
    await status.filter({ hasText: /\d+ moments to review\. Speakers split into Dana and Candidate/ }).waitFor();
    const stored = await segments();
    expect(new Set(stored.map((s) => s.speaker))).toEqual(new Set(['Dana', 'Candidate']));
    await expect.poll(() => page.locator('.segment .speaker', { hasText: 'Candidate' }).count()).toBe(stored.filter((s) => s.speaker === 'Candidate').length);
    // Now two speakers: the usual choice of interviewer, preselected.
    expect(await page.getByRole('checkbox', { name: 'Dana' }).isChecked()).toBe(true);
  });

  it('renames a speaker and gives lines, and the rest of a turn from a word, to another speaker', async () => {
    await page.getByRole('button', { name: 'Rename Candidate' }).click();
    await page.getByLabel('New name for Candidate').fill('Sam Lee');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Rename Sam Lee' }).waitFor();
    expect((await segments()).filter((s) => s.speaker === 'Candidate')).toEqual([]);

    const [a, b] = (await segments()).filter((s) => s.speaker === 'Sam Lee');
    await page.getByRole('checkbox', { name: `Select line at ${await page.locator(`li:has([data-segment-id="${a!.id}"]) .segment__time`).textContent()}` }).check();
    await page.locator(`li:has([data-segment-id="${b!.id}"]) .segment__pick`).check();
    await page.getByLabel('Give to speaker').selectOption('Dana');
    await page.getByRole('button', { name: 'Give these 2 lines to Dana' }).click();
    await expect.poll(async () => (await segments()).filter((s) => [a!.id, b!.id].includes(s.id)).map((s) => s.speaker)).toEqual(['Dana', 'Dana']);
    await speakerOf(a!.id).filter({ hasText: 'Dana' }).waitFor();

    // From the third word of a Sam Lee line on, Dana speaks.
    const line = (await segments()).find((s) => s.speaker === 'Sam Lee' && s.text.split(' ').length > 5)!;
    await selectWords(line.id, 2, 3);
    await page.getByLabel('Give to speaker').selectOption('Dana');
    const word = line.text.split(' ')[2]!;
    await page.getByRole('button', { name: `Give the rest of this turn from “${word}” to Dana` }).click();
    await expect.poll(async () => (await segments()).find((s) => s.id === line.id)?.text).toBe(line.text.split(' ').slice(0, 2).join(' '));
    const tail = (await segments()).find((s) => s.text === line.text.split(' ').slice(2).join(' '))!;
    expect(tail.speaker).toBe('Dana');
    await speakerOf(tail.id).filter({ hasText: 'Dana' }).waitFor();
  });

  it('keeps the count to review and the criteria without evidence current, and makes selected words evidence', async () => {
    const status = page.getByTestId('mapping-status');
    const missing = page.getByTestId('missing-evidence');
    const waiting = async () => (await listMoments(db, sessionId)).filter((m) => m.status === 'proposed').length;
    const before = await waiting();
    expect(await status.textContent()).toMatch(new RegExp(`^${before} moments to review\\.`));
    expect(await missing.textContent()).toMatch(/^No evidence yet for: /);
    expect((await missing.textContent())!.split(': ')[1]!.split(', ')).toHaveLength(rubric.titles.length);

    const review = page.getByRole('region', { name: /^To review/ });
    const firstCard = review.getByTestId('moment').first();
    const criterion = (await firstCard.locator('.criterion-tag').textContent())!;
    await firstCard.getByRole('button', { name: 'Accept' }).click();
    await status.filter({ hasText: new RegExp(`^${before - 1} moments? to review`) }).waitFor();
    const accepted = rubric.titles.find((t) => criterion.includes(t))!;
    await expect.poll(() => missing.textContent()).not.toContain(accepted);
    await review.getByTestId('moment').first().getByRole('button', { name: 'Reject' }).click();
    await status.filter({ hasText: new RegExp(`^${before - 2} moments? to review`) }).waitFor();
    expect(await page.locator('[data-testid="timeline-marker"][data-kind="rejected"]').count()).toBe(1);

    // Select words of a line → criterion → evidence.
    const still = (await missing.textContent())!.replace('No evidence yet for: ', '').split(', ');
    const title = still[0]!;
    const criterionId = rubric.criteria.get([...rubric.criteria.keys()][rubric.titles.indexOf(title)]!)!;
    const line = (await segments()).find((s) => s.speaker === 'Sam Lee' && s.text.split(' ').length > 6)!;
    await selectWords(line.id, 0, 4);
    await page.getByLabel('Evidence for criterion').selectOption({ label: title });
    await page.getByRole('button', { name: 'Make evidence' }).click();
    await expect.poll(async () => (await listMoments(db, sessionId)).find((m) => m.origin === 'manual')).toMatchObject({
      status: 'accepted',
      criterionId,
      quote: line.text.split(' ').slice(0, 5).join(' '),
    });
    await expect.poll(() => missing.textContent()).not.toContain(title);
  });

  it('shows the timeline legend and gives tags a second apart their own rows', async () => {
    const ids = [...rubric.criteria.values()];
    // A must-have, a trade-off and the deal-breaker, tagged a second apart.
    for (const [atSec, i] of [[30, 0], [31, 3], [32, 5]] as const) await handlers['moments:tag']({ sessionId, atSec, criterionId: ids[i]! });
    await page.reload();
    const legend = page.getByRole('list', { name: 'Legend' });
    await legend.waitFor();
    expect(await legend.getByRole('listitem').allTextContents()).toEqual(['Must-have', 'Trade-off', 'Deal-breaker', 'Tag (upper lane)', 'Flag', 'To review (outline)', 'Evidence (filled)', 'Rejected (dimmed)']);
    const burst = page.locator('[data-testid="timeline-marker"][data-kind="tag"]').filter({ has: page.locator('xpath=self::*[contains(@aria-label, "at 00:3")]') });
    await expect.poll(() => burst.count()).toBe(3);
    const boxes = await Promise.all((await burst.all()).map((t) => t.boundingBox()));
    for (const [i, x] of boxes.entries()) for (const y of boxes.slice(i + 1)) expect(overlaps(x!, y!)).toBe(false);
    // Colour by kind: the deal-breaker's tag is not the must-have's colour.
    const colour = (kind: string) => burst.and(page.locator(`[data-criterion-kind="${kind}"]`)).evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await colour('deal-breaker')).not.toBe(await colour('must-have'));
    // The rejected proposal is on the timeline, dimmed.
    expect(Number(await page.locator('[data-testid="timeline-marker"][data-kind="rejected"]').evaluate((e) => getComputedStyle(e).opacity))).toBeLessThan(0.5);
  });

  it('splits a one-speaker transcript from the speakers bar, without mapping', async () => {
    const fixture = await loadInterviewFixture('data-analyst-01');
    const other = await createSessionWithTranscript(db, {
      title: 'Another in-room interview',
      kind: 'interview',
      source: 'recording',
      durationSec: fixture.transcript.durationSec,
      tracks: [],
      segments: fixture.transcript.segments.map((s) => ({ ...s, speaker: null })),
    });
    await page.goto(page.url().replace(/#.*$/, `#/interviews/${other}`));
    await page.getByRole('heading', { level: 1, name: 'Another in-room interview' }).waitFor();
    await page.getByRole('button', { name: 'Split interviewer and candidate' }).click();
    await page.getByRole('button', { name: 'Rename Candidate' }).waitFor();
    const split = (await getSession(db, other))!.segments;
    expect(new Set(split.map((s) => s.speaker))).toEqual(new Set(['Interviewer', 'Candidate']));
    expect(await page.locator('.segment .speaker').allTextContents()).toEqual(split.map((s) => s.speaker));
  });

  it('ran without page errors or unexpected handler failures', () => {
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});

function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
