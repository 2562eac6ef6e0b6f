import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { listMoments, openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';
import { fixtureTags, interviewFixture, seedSignedRubric, type SeededRubric } from '../support/seed-rubric.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const screenshots = path.join(repoRoot, 'test-results');
const fixture = 'account-executive-01';

// Reviewing an imported interview in real Chromium over the real handlers and SQLite store: attach
// the signed rubric, see the interviewer's tags on the timeline, map moments offline, accept one,
// reject one, retarget and move a tag, then reload and find it all as it was left.
describe.skipIf(!hasChromium)('transcript review of tags and mapped moments in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let handlers: IpcHandlers;
  let page: Page;
  let rubric: SeededRubric;
  let sessionId: string;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];
  let accepted: { id: string; quote: string };
  let rejected: { id: string; quote: string };

  const stored = () => listMoments(db, sessionId);
  const group = (name: RegExp) => page.getByRole('region', { name });

  beforeAll(async () => {
    ws = await createAppWorkspace('review');
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    rubric = await seedSignedRubric(db, 'account-executive');
    handlers = createIpcHandlers({ db, home: ws.home });
    sessionId = (await handlers['sessions:importTranscript']({ path: interviewFixture(fixture), title: 'Marcus, AE screen' })).sessionId;
    ({ page } = await openAppPage(ws, { handlers, hash: `#/interviews/${sessionId}`, pageErrors, handlerErrors }));
  });

  afterAll(() => ws?.close());

  it('attaches the signed rubric to the imported interview', async () => {
    await page.getByRole('heading', { level: 1, name: 'Marcus, AE screen' }).waitFor();
    const picker = page.getByLabel('Rubric for this session');
    await picker.waitFor();
    expect(await picker.locator(`option[value="${rubric.versionId}"]`).textContent()).toMatch(/^Account executive v1 \(signed by Priya Shah, /);
    await picker.selectOption(rubric.versionId);
    await page.getByRole('button', { name: 'Use this rubric' }).click();
    await page.getByText('against Account executive v1, signed off by Priya Shah').waitFor();
    expect((await db.selectFrom('sessions').select('rubric_version_id').where('id', '=', sessionId).executeTakeFirstOrThrow()).rubric_version_id).toBe(rubric.versionId);
    // The interviewer is preselected from the speaker labels.
    expect(await page.getByRole('checkbox', { name: 'Interviewer' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Candidate' }).isChecked()).toBe(false);
  });

  it('shows the tags made during the call on the timeline and beside the words', async () => {
    // The hotkey tags the interviewer pressed during this call (the fixture's tags file).
    for (const t of fixtureTags(fixture)) await handlers['moments:tag']({ sessionId, atSec: t.time, criterionId: rubric.criteria.get(t.criterionId)!, author: 'Dana' });
    await page.reload();
    await group(/^Your tags and flags \(3\)$/).waitFor();
    expect(await page.locator('[data-testid="timeline-marker"][data-kind="tag"]').count()).toBe(3);
    expect(await page.locator('[data-testid="segment-moment"][data-kind="tag"]').first().textContent()).toBe('Tag: Discovery and qualification');
    // A marker brings its moment's card into focus.
    await page.getByRole('button', { name: 'Discovery and qualification, tag at 00:52' }).click();
    await page.locator('.moment-card--selected').filter({ hasText: 'Discovery and qualification' }).waitFor();
  });

  it('maps moments offline and shows each proposal with quote, time span, confidence and criterion', async () => {
    await page.getByRole('button', { name: 'Map moments' }).click();
    const status = page.getByTestId('mapping-status');
    await status.filter({ hasText: /\d+ moments to review/ }).waitFor();
    const proposals = (await stored()).filter((m) => m.origin === 'auto');
    expect(proposals.length).toBeGreaterThan(3);
    expect(await status.textContent()).toBe(`${proposals.length} moments to review.`);

    const review = group(/^To review \(\d+\)$/);
    const cards = review.getByTestId('moment');
    expect(await cards.count()).toBe(proposals.length);
    const first = proposals[0]!;
    const card = cards.first();
    const title = rubric.titles[[...rubric.criteria.values()].indexOf(first.criterionId!)]!;
    expect(await card.locator('.criterion-tag').textContent()).toContain(title);
    expect(await card.locator('.moment-card__quote').textContent()).toBe(`“${first.quote}”`);
    expect(await card.locator('.moment-card__time').textContent()).toMatch(/^\d\d:\d\d–\d\d:\d\d$/);
    expect(await card.locator('.confidence__text').textContent()).toBe(`${Math.round(first.confidence! * 100)}% confident`);
    expect(await card.locator('.moment-card__why').textContent()).toMatch(/^Why: /);
    expect(await card.locator('.polarity').textContent()).toBe(first.polarity === 'contradicts' ? 'Against the candidate' : 'For the candidate');
    expect(await page.locator('[data-testid="timeline-marker"][data-kind="proposed"]').count()).toBe(proposals.length);
    await page.screenshot({ path: path.join(screenshots, 'transcript-review-mapped.png'), fullPage: true });
  });

  it('accepts one proposal as evidence and rejects another, in the store', async () => {
    // Two proposals whose quotes no other moment shares, so each card is found by its quote.
    const auto = (await stored()).filter((m) => m.origin === 'auto');
    const [a, b] = auto.filter((m) => m.status === 'proposed' && auto.filter((o) => o.quote === m.quote).length === 1);
    accepted = { id: a!.id, quote: a!.quote! };
    rejected = { id: b!.id, quote: b!.quote! };
    const review = group(/^To review/);
    await review.getByTestId('moment').filter({ hasText: accepted.quote }).getByRole('button', { name: 'Accept' }).click();
    const evidence = group(/^Evidence \(1\)$/);
    await evidence.waitFor();
    expect(await evidence.locator('.evidence-badge').textContent()).toBe('Evidence');
    expect(await evidence.locator('.moment-card__quote').textContent()).toBe(`“${accepted.quote}”`);

    await review.getByTestId('moment').filter({ hasText: rejected.quote }).getByRole('button', { name: 'Reject' }).click();
    await page.getByText('Rejected (1)').waitFor();
    const byId = new Map((await stored()).map((m) => [m.id, m]));
    expect(byId.get(accepted.id)?.status).toBe('accepted');
    expect(byId.get(rejected.id)?.status).toBe('rejected');
    expect(await page.locator('[data-testid="segment-moment"][data-kind="evidence"]').count()).toBe(1);
  });

  it('retargets a tag to another criterion and moves it, by nudge and by typed time', async () => {
    const tag = (await stored()).find((m) => m.origin === 'manual' && m.start === 52.1)!;
    const card = group(/^Your tags and flags/).getByRole('listitem', { name: 'Discovery and qualification at 00:52' });
    await card.getByLabel('Criterion').selectOption({ label: `2. ${rubric.titles[1]}` });
    const closing = rubric.criteria.get('ae-closing')!;
    await expect.poll(async () => (await stored()).find((m) => m.id === tag.id)?.criterionId).toBe(closing);

    const moved = group(/^Your tags and flags/).getByRole('listitem', { name: new RegExp(`^${rubric.titles[1]} at `) });
    await moved.getByRole('button', { name: 'Move 5 s later' }).click();
    await expect.poll(async () => (await stored()).find((m) => m.id === tag.id)?.start).toBeCloseTo(57.1, 5);
    const time = moved.getByLabel('Time of this tag (mm:ss)');
    await time.fill('1:05');
    await time.press('Enter');
    await expect.poll(async () => (await stored()).find((m) => m.id === tag.id)?.start).toBe(65);
    expect((await stored()).find((m) => m.id === tag.id)).toMatchObject({ criterionId: closing, end: 65, rubricVersionId: rubric.versionId, origin: 'manual' });
    await page.screenshot({ path: path.join(screenshots, 'transcript-review.png'), fullPage: true });
  });

  it('shows the same state after a reload, and mapping again keeps every decision', async () => {
    const before = await stored();
    await page.reload();
    await group(/^Evidence \(1\)$/).getByTestId('moment').filter({ hasText: accepted.quote }).waitFor();
    await page.getByText('Rejected (1)').click();
    await page.locator('.moments-review__rejected').getByTestId('moment').filter({ hasText: rejected.quote }).getByRole('button', { name: 'Restore for review' }).waitFor();
    const tags = group(/^Your tags and flags \(3\)$/);
    expect(await tags.getByLabel('Time of this tag (mm:ss)').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toContain('01:05');

    await page.getByRole('button', { name: 'Map moments' }).click();
    await page.getByTestId('mapping-status').filter({ hasText: 'to review' }).waitFor();
    const after = await stored();
    expect(after).toHaveLength(before.length);
    expect(after.find((m) => m.id === accepted.id)?.status).toBe('accepted');
    expect(after.find((m) => m.id === rejected.id)?.status).toBe('rejected');
    expect(after.filter((m) => m.origin === 'manual').map((m) => [m.id, m.start, m.criterionId])).toEqual(
      before.filter((m) => m.origin === 'manual').map((m) => [m.id, m.start, m.criterionId]),
    );
    expect(await group(/^To review/).getByTestId('moment').count()).toBe(after.filter((m) => m.status === 'proposed').length);
  });

  it('ran without page errors or unexpected handler failures', () => {
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});
