import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';
import { seedBrief, type SeededBrief } from '../support/seed-brief.js';

// The candidate brief in real Chromium over the real handlers and store: from the debrief to the brief,
// motivations quoted with their session and time (opening the moment), then the prep for a stage.
describe.skipIf(!hasChromium)('candidate brief in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let handlers: IpcHandlers;
  let page: Page;
  let seeded: SeededBrief;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];

  beforeAll(async () => {
    ws = await createAppWorkspace('brief');
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    handlers = createIpcHandlers({ db, home: ws.home });
    seeded = await seedBrief(db, handlers);
    ({ page } = await openAppPage(ws, { handlers, hash: `#/candidates/${seeded.candidateId}/debrief`, pageErrors, handlerErrors, acceptDownloads: true }));
  });

  afterAll(() => ws?.close());

  it('shows motivations with quotes, each with its session and time, and opens the moment', async () => {
    await page.getByRole('link', { name: 'Candidate brief and prep' }).click();
    await page.getByRole('heading', { level: 1, name: 'Candidate brief: Ana Silva' }).waitFor();
    const motivations = page.getByRole('region', { name: 'Motivations' });
    await motivations.getByRole('heading', { name: 'Motivations (2)' }).waitFor();
    expect(await motivations.getByTestId('brief-quote').allTextContents()).toEqual([
      expect.stringMatching(/^“I want to be closer to the product, right now I'm three layers away from any customer\.” — Ana, recruiter screen, \d\d:\d\d$/),
      expect.stringMatching(/^“Honestly the reason I'm leaving is I want to own a service end to end instead of just tickets\.” — Ana, onsite, \d\d:\d\d$/),
    ]);
    expect(await page.getByRole('region', { name: 'Competing processes' }).getByTestId('brief-quote').textContent()).toContain('final rounds with another company');
    expect(await page.getByRole('region', { name: 'Constraints' }).getByTestId('brief-quote').count()).toBe(2);
    // The interviewer's question is not among the candidate's.
    expect(await page.getByRole('region', { name: 'Questions they asked' }).getByTestId('brief-quote').allTextContents()).toEqual([expect.stringMatching(/^“How big is the team I'd be joining\?”/)]);

    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export brief (Markdown)' }).click()]);
    const briefFile = path.join(ws.work, saved.suggestedFilename());
    await saved.saveAs(briefFile);
    expect(readFileSync(briefFile, 'utf8')).toMatch(/## Competing processes\n\n- “To be transparent, I'm in final rounds with another company\.” — Ana, onsite, \d\d:\d\d\n/);

    const link = motivations.getByRole('link', { name: /^Ana, recruiter screen, / });
    const first = (await handlers['brief:candidate']({ candidateId: seeded.candidateId })).sections.motivation[0]!;
    await link.click();
    await page.waitForFunction((segmentId) => window.location.hash.endsWith(`segment=${encodeURIComponent(segmentId)}`), first.segmentId);
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/interviews/${seeded.sessions.anaScreen}?segment=${first.segmentId}`);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Candidate brief: Ana Silva' }).waitFor();
  });

  it("preps the onsite from earlier candidates' questions, grouped and counted, and exports the one-page brief", async () => {
    const prep = page.getByRole('region', { name: 'Prep' });
    await prep.getByLabel('Stage').selectOption('Onsite');
    await prep.getByLabel('Interviewer').selectOption('Lee Park');
    const questions = prep.getByTestId('prep-question');
    await questions.first().filter({ hasText: 'Why are you leaving your current company?' }).waitFor();
    expect(await questions.first().textContent()).toMatch(/asked 2 times in 2 interviews — Ben, onsite, \d\d:\d\d/);
    expect(await questions.count()).toBe(4);
    const [download] = await Promise.all([page.waitForEvent('download'), prep.getByRole('button', { name: 'Export prep brief (Markdown)' }).click()]);
    const file = path.join(ws.work, download.suggestedFilename());
    await download.saveAs(file);
    const md = readFileSync(file, 'utf8');
    expect(md).toContain('# Preparing for your Onsite with Lee Park');
    expect(md).toContain('1. Why are you leaving your current company? _(asked in 2 interviews)_');
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });

  it('a candidate with no interviews gets a clear empty brief, not a list of nothing', async () => {
    const { id } = await handlers['candidates:create']({ name: 'Noor Haddad' });
    await page.evaluate((hash) => (window.location.hash = hash), `#/candidates/${id}/brief`);
    await page.getByRole('heading', { level: 1, name: 'Candidate brief: Noor Haddad' }).waitFor();
    await page.getByText(/^No interview with Noor Haddad can be read yet/).waitFor();
    expect(await page.getByRole('region', { name: 'Motivations' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});
