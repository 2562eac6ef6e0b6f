import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';
import { seedPanel, type SeededPanel } from '../support/seed-panel.js';

const schemaFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/ats/greenhouse-scorecard.schema.json');

// From reviewed evidence to a submitted scorecard in real Chromium over the real handlers and store,
// keyboard for the ratings; amend it; export it; then the candidate's debrief with a second
// interviewer shows a conflict, an off-rubric reason and a "feel" note.
describe.skipIf(!hasChromium)('scorecard and debrief in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let handlers: IpcHandlers;
  let page: Page;
  let panel: SeededPanel;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];
  const versions = async () => db.selectFrom('scorecard_versions').select(['version', 'amendment_reason']).orderBy('version').execute();
  const criterion = (title: string) => page.locator(`fieldset[data-criterion="${title}"]`);

  beforeAll(async () => {
    ws = await createAppWorkspace('scorecard');
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    handlers = createIpcHandlers({ db, home: ws.home });
    panel = await seedPanel(db, handlers);
    ({ page } = await openAppPage(ws, { handlers, hash: `#/interviews/${panel.sessions[0]!.id}`, pageErrors, handlerErrors, acceptDownloads: true }));
  });

  afterAll(() => ws?.close());

  it('goes from the reviewed session to its scorecard draft, filled from the accepted evidence', async () => {
    await page.getByRole('link', { name: 'Scorecard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Scorecard: Marcus, AE screen' }).waitFor();
    await criterion('Closing and negotiation').getByText(/Instead of discounting/).waitFor();
    expect(await criterion('Misrepresents the product to close deals').locator('.scorecard-proposal').textContent()).toMatch(/^Suggested: Strong no — A moment on this deal-breaker/);
    // Evidence plays from its time: each quote has its time as a button.
    expect(await criterion('Closing and negotiation').getByRole('button', { name: /^Play from \d\d:\d\d$/ }).count()).toBeGreaterThan(0);
  });

  it('rates with the keyboard, flags a "feel" take-away as it is typed, and submits', async () => {
    const titles = await page.locator('fieldset[data-criterion]').evaluateAll((els) => els.map((e) => e.getAttribute('data-criterion')!));
    for (const title of titles) {
      const group = criterion(title);
      if ((await group.locator('.scorecard-no-evidence').count()) > 0) continue;
      // Focus the group's first radio, arrow to the choice, Space to pick: no mouse.
      const pick = title === 'Misrepresents the product to close deals' ? 'Yes' : 'Strong yes';
      await group.getByRole('radio', { name: 'Strong no' }).focus();
      const steps = pick === 'Yes' ? 2 : 3;
      for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Space');
      expect(await group.getByRole('radio', { name: pick, exact: true }).isChecked()).toBe(true);
    }
    const takeaways = page.getByLabel('Key take-aways');
    await takeaways.focus();
    await page.keyboard.type('Gut feeling is he would struggle here.');
    const flag = page.getByTestId('feel-flag');
    await flag.waitFor();
    expect(await flag.textContent()).toMatch(/Lives in feel: “Gut[^”]*” with no moment behind it\. Tie it to “?Discovery and qualification/);
    expect(await flag.textContent()).toMatch(/Shaped: .*At \d\d:\d\d, on the “.+” question, the candidate said “.+” — must-have #\d from intake\./);
    await page.getByRole('radiogroup', { name: 'Overall recommendation' }).getByRole('radio', { name: 'Yes', exact: true }).check();
    await page.getByRole('button', { name: 'Submit scorecard' }).press('Enter');
    await page.getByText(/^Submitted .* \(version 1\) and locked\./).waitFor();
    expect(await versions()).toEqual([{ version: 1, amendment_reason: null }]);
    expect(await page.getByTestId('sheet').textContent()).toContain('Closing and negotiation');
  });

  it('amends: refused without a reason (nothing saved), then a second version with its reason in the history', async () => {
    await page.getByRole('button', { name: 'Amend' }).click();
    await page.getByRole('button', { name: 'Submit amendment' }).click();
    await page.getByRole('alert').filter({ hasText: 'Say why you are amending this scorecard' }).waitFor();
    expect(await versions()).toHaveLength(1);
    await page.getByLabel('Why are you amending it?').fill('Re-listened to the pricing answer.');
    await page.getByRole('button', { name: 'Submit amendment' }).click();
    await page.getByText(/\(version 2\) and locked\./).waitFor();
    expect(await page.getByRole('region', { name: 'History' }).locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^Version 2, .* by Dana Kim: amended — Re-listened to the pricing answer\.$/),
      expect.stringMatching(/^Version 1, .* by Dana Kim: submitted$/),
    ]);
    expect(await versions()).toEqual([
      { version: 1, amendment_reason: null },
      { version: 2, amendment_reason: 'Re-listened to the pricing answer.' },
    ]);
  });

  it('exports the scorecard as Greenhouse JSON that validates, and as a PDF that opens', async () => {
    const save = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      const file = path.join(ws.work, download.suggestedFilename());
      await download.saveAs(file);
      return file;
    };
    const json = JSON.parse(readFileSync(await save('Export Greenhouse JSON'), 'utf8'));
    const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.overall_recommendation).toBe('yes');
    const lever = JSON.parse(readFileSync(await save('Export Lever JSON'), 'utf8'));
    expect(lever.fields[0].value).toBe('3 - Hire');
    const ashby = JSON.parse(readFileSync(await save('Export Ashby JSON'), 'utf8'));
    expect(ashby.submittedValues.overall_recommendation).toEqual({ score: 3 });
    expect(readFileSync(await save('Export Markdown'), 'utf8')).toContain('## Closing and negotiation — Strong yes');
    const pdf = await save('Export PDF');
    let pdfText: string | null = null;
    try {
      pdfText = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    } catch {
      // pdftotext missing: the store test checks PDFs where poppler-utils is installed.
    }
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    if (pdfText !== null) expect(pdfText).toContain('Closing and negotiation');
  });

  it("opens the candidate's debrief with two interviewers: conflict, off-rubric reason and the feel note are flagged", async () => {
    const [, onsite] = panel.sessions;
    const draft = await handlers['scorecards:draft']({ sessionId: onsite!.id, interviewer: 'Lee Park' });
    await handlers['scorecards:submit']({
      sessionId: onsite!.id,
      interviewer: 'Lee Park',
      rubricVersionId: draft.rubricVersionId,
      recommendation: 'definitely_not',
      summary: 'Went to my university and plays in a band like me.',
      ratings: draft.ratings.map((r) => ({ criterionId: r.criterionId, rating: r.rating === 'no_evidence' ? 'no_evidence' : 'strong_no', momentIds: r.evidence.map((e) => e.id) })),
    });
    await page.getByRole('link', { name: 'Debrief for Marcus Reed' }).click();
    await page.getByRole('heading', { level: 1, name: 'Debrief: Marcus Reed' }).waitFor();
    const flags = page.getByTestId('debrief-flag');
    await flags.first().waitFor();
    const kinds = await flags.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['conflict', 'off-rubric', 'feel']));
    const conflict = flags.filter({ hasText: 'Conflict: Ratings on “Closing and negotiation”' });
    // The disagreement points at each side's evidence.
    expect(await conflict.locator('blockquote').count()).toBeGreaterThanOrEqual(2);
    const quotes = await conflict.locator('blockquote').allTextContents();
    expect(quotes.some((q) => /^Dana Kim, \d\d:\d\d: “.+” open$/.test(q))).toBe(true);
    expect(quotes.some((q) => /^Lee Park, \d\d:\d\d: “.+” open$/.test(q))).toBe(true);
    await flags.filter({ hasText: 'Off-rubric reason: Lee Park' }).waitFor();
    await flags.filter({ hasText: 'Feel: Dana Kim' }).waitFor();
    expect(await page.getByTestId('sheet').textContent()).toMatch(/Lee Park.*Definitely not/);
  });

  it('records a decision with reasons linked to evidence or a criterion, and shows the share linked to evidence', async () => {
    await page.getByRole('radiogroup', { name: 'Decision' }).getByRole('radio', { name: 'Hold' }).check();
    await page.getByLabel('Decided by').fill('Priya Shah');
    await page.getByLabel('Reason 1').fill('Strong on pricing discipline.');
    const first = page.getByLabel('Linked to').first();
    const evidence = await first.locator('option', { hasText: 'Evidence: Closing and negotiation' }).first().getAttribute('value');
    await first.selectOption(evidence!);
    await page.getByRole('button', { name: 'Add a reason' }).click();
    await page.getByLabel('Reason 2').fill('Panel split on closing.');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByTestId('latest-decision').filter({ hasText: /^hold by Priya Shah, .*: 50 % of reasons linked to captured evidence\.$/ }).waitFor();
    const stored = await db.selectFrom('debrief_reasons').select(['text', 'moment_id']).orderBy('position').execute();
    expect(stored.map((r) => [r.text, r.moment_id !== null])).toEqual([
      ['Strong on pricing discipline.', true],
      ['Panel split on closing.', false],
    ]);
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});
