import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';
import { seedCalibration, type SeededCalibration } from '../support/seed-calibration.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const screenshots = path.join(repoRoot, 'test-results');

// Calibration in real Chromium over the real handlers and store: a requisition with six candidates
// and a panel of three shows the drift, the over-lenient interviewer, the weekly read (copied to the
// clipboard, its numbers one click away) and the charts; a loss is recorded; empty states hold.
describe.skipIf(!hasChromium)('calibration across a search in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let handlers: IpcHandlers;
  let page: Page;
  let seeded: SeededCalibration;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];

  beforeAll(async () => {
    ws = await createAppWorkspace('calibration');
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    handlers = createIpcHandlers({ db, home: ws.home });
    seeded = await seedCalibration(db, handlers);
    ({ page } = await openAppPage(ws, { handlers, hash: `#/requisitions/${seeded.requisitionId}`, pageErrors, handlerErrors, viewport: { width: 1280, height: 1000 } }));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  afterAll(async () => {
    await ws?.close();
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });

  it('opens from the requisition page and shows the drift and the rejection despite yes on every must-have', async () => {
    // The first-run model notice is not what this page is about.
    const notNow = page.getByRole('button', { name: 'Not now' });
    if (await notNow.isVisible()) await notNow.click();
    await page.getByRole('link', { name: 'Calibration across this search' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calibration: Account executive' }).waitFor();
    const drift = page.getByTestId('drift').first();
    expect(await drift.textContent()).toMatch(/^Three candidates were rejected on “People management”, which is not in the rubric — update the rubric or recalibrate the screen\?/);
    expect(await page.getByTestId('must-have-rejection').textContent()).toMatch(/^Ana Lopez was rejected although every must-have was rated yes or better/);
    expect(await page.getByTestId('without-evidence').textContent()).toContain('New logos versus account expansion');
  });

  it('shows Dana as lenient against the panel, with the ratings it rests on, and Lee and Sam in line', async () => {
    const dana = page.getByTestId('interviewer').filter({ hasText: 'Dana Kim' });
    expect(await dana.getAttribute('data-lean')).toBe('lenient');
    expect(await dana.textContent()).toMatch(/Lenient.*Dana Kim rates 0\.8 steps above the panel on the same candidates — lenient \(36 shared ratings on 6 candidates\)/);
    for (const name of ['Lee Park', 'Sam Ruiz']) expect(await page.getByTestId('interviewer').filter({ hasText: name }).getAttribute('data-lean')).toBe('in-line');
  });

  it('shows the weekly read, copies it for chat, and opens the numbers behind each sentence in one click', async () => {
    const expected = 'Three candidates were rejected this week on “People management”, which is not in the rubric. Two candidates advancing on “Closing and negotiation” both came from referrals.';
    expect(await page.getByTestId('weekly-read').textContent()).toBe(expected);
    await page.getByRole('button', { name: 'Copy the two sentences' }).click();
    await page.getByText('Copied — paste it into chat.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    const first = page.getByTestId('weekly-facts').nth(0);
    expect(await first.locator('dl').isVisible()).toBe(false);
    await first.getByText('Numbers behind sentence 1').click();
    await first.locator('dl').waitFor();
    expect(await first.locator('dl').textContent()).toContain('Ana Lopez, Ben Ode, Cy Park');
    await page.getByTestId('weekly-facts').nth(1).getByText('Numbers behind sentence 2').click();
    expect(await page.getByTestId('weekly-facts').nth(1).locator('dl').textContent()).toMatch(/Dee Moss.*source: Referral.*Eli Tan.*source: Referral/);
    await page.screenshot({ path: path.join(screenshots, 'calibration.png'), fullPage: false });
  });

  it('draws the three charts from the SVG the PDF prints, loaded as images', async () => {
    const charts = page.locator('figure.calibration-chart');
    expect(await charts.evaluateAll((els) => els.map((e) => e.getAttribute('data-chart')))).toEqual(['rating-distribution', 'decisions-by-week', 'interviewer-calibration']);
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('figure.calibration-chart img')].every((img) => img.complete && img.naturalWidth > 0));
    const svg = await page.locator('figure[data-chart="interviewer-calibration"] img').evaluate((img) => decodeURIComponent((img as HTMLImageElement).src.split(',', 2)[1]!));
    expect(svg).toContain('Dana Kim');
    expect(svg).toContain('lenient');
    await page.locator('section[aria-labelledby="charts-title"]').screenshot({ path: path.join(screenshots, 'calibration-charts.png') });
  });

  it('records a candidate who withdrew, with the moment that explains it, and lists them among the losses', async () => {
    const form = page.getByRole('form', { name: 'Mark a candidate lost' });
    await form.getByLabel('Candidate').selectOption({ label: 'Cy Park' });
    // Offered: the accepted evidence of Cy Park's own sessions, no one else's.
    const theirs = await db
      .selectFrom('moments')
      .innerJoin('sessions', 'sessions.id', 'moments.session_id')
      .innerJoin('candidates', 'candidates.id', 'sessions.candidate_id')
      .select('moments.id')
      .where('candidates.name', '=', 'Cy Park')
      .where('moments.status', '=', 'accepted')
      .where((eb) => eb.or([eb('moments.quote', 'is not', null), eb('moments.note', 'is not', null)]))
      .execute();
    expect(theirs.length).toBeGreaterThan(0);
    await expect.poll(() => form.locator('.lost-form__moment').count()).toBe(theirs.length);
    // Refused without a reason: nothing saved, the form says why.
    await form.getByRole('button', { name: 'Record the loss' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.getByRole('alert').textContent()).toMatch(/Say why Cy Park withdrew/);
    expect(await db.selectFrom('candidate_losses').select('id').execute()).toHaveLength(1);
    await form.getByLabel('Why').fill('Wanted a fully remote team');
    await form.locator('.lost-form__moment input').first().check();
    await form.getByRole('button', { name: 'Record the loss' }).click();
    const cy = page.getByTestId('lost').filter({ hasText: 'Cy Park' });
    await cy.waitFor();
    expect(await cy.textContent()).toMatch(/Cy Park withdrawn on .*: Wanted a fully remote team/);
    expect(await cy.locator('blockquote').count()).toBe(1);
    expect(await page.getByTestId('lost').count()).toBe(2);
  });

  it('shows the alignment audit on one page with its lever, and takes the pulse', async () => {
    await page.getByRole('link', { name: 'Alignment audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alignment audit' }).waitFor();
    expect(await page.getByTestId('lever').getAttribute('data-lever')).toBe('evidence');
    const pulse = page.getByRole('region', { name: 'Pulse for Account executive' });
    await pulse.getByLabel('Name').fill('Ana Reyes');
    await pulse.getByRole('radiogroup', { name: 'Did your counterpart understand what good looked like on this hire?' }).getByLabel('Yes').check();
    await pulse.getByRole('radiogroup', { name: 'Did the interviews test what the rubric said mattered?' }).getByLabel('No').check();
    await pulse.getByRole('button', { name: 'Save the answer' }).click();
    await pulse.getByText(/recruiter Ana Reyes: yes, no/).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'alignment-audit.png') });
  });

  it('shows a requisition with no candidates or decisions as empty states, never a chart of nothing', async () => {
    const id = (await handlers['requisitions:create']({ title: 'Solutions engineer' })).id;
    await handlers['candidates:create']({ name: 'Kim Lee', requisitionId: id, stage: 'Sourced' });
    await page.goto(page.url().replace(/#.*$/, `#/requisitions/${id}/calibration`));
    await page.getByRole('heading', { level: 1, name: 'Calibration: Solutions engineer' }).waitFor();
    await page.getByText('No debrief decisions yet: drift and the weekly read start with the first decision.').waitFor();
    expect(await page.getByTestId('weekly-read').textContent()).toBe('No debrief decisions were recorded this week. No one advanced this week.');
    expect(await page.locator('figure.calibration-chart').count()).toBe(0);
    expect(await page.getByTestId('not-interviewed').textContent()).toBe('Not interviewed yet, so not in these figures: Kim Lee.');
    expect(await page.locator('section[aria-labelledby="charts-title"]').textContent()).toContain('No submitted scorecards yet');
  });
});
