import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers } from '../../src/backend/ipc-handlers.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../llm/fake-openai-server.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const intakeTranscript = path.join(repoRoot, 'test/fixtures/intake/senior-backend-engineer.vtt');
const screenshots = path.join(repoRoot, 'test-results');

/** A rubric file whose second criterion has a kind that does not exist (line 10). */
const malformedYaml = `rubricId: 2ce269d2-882f-4296-8603-ca140daf9959
version: 1
requisitionTitle: Broken
createdAt: "2025-03-04T16:30:00.000Z"
criteria:
  - id: cd91eebd-a477-46bf-af8a-117d47634db7
    kind: must-have
    title: Fine
  - id: 5ba7d68f-b77c-4909-a0a6-6d10c1c7a315
    kind: nice-to-have
    title: Not a kind
`;

// The rubric editor in the built renderer, in Debian's Chromium, over the real IPC handlers and a
// real SQLite store; the language model is a fake OpenAI-compatible server on loopback.
describe.skipIf(!hasChromium)('rubric editor and sign-off in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let llm: FakeOpenAiServer;
  let page: Page;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];

  /** What the OS "Open" dialog answers next (null: the user cancelled). */
  let dialogAnswer: string | null = null;
  const group = (kind: 'must-have' | 'trade-off' | 'deal-breaker') => page.getByTestId(`group-${kind}`);
  const titles = (kind: 'must-have' | 'trade-off' | 'deal-breaker') =>
    group(kind).getByLabel('Title', { exact: true }).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  const banner = () => page.getByTestId('shape-guidance');
  const badge = () => page.getByTestId('version-bar').getByTestId('sign-off-badge');
  const versionSelect = () => page.getByTestId('version-bar').getByLabel('Version');

  async function addCriterion(kind: 'must-have' | 'trade-off' | 'deal-breaker', title: string, good = ''): Promise<Locator> {
    const label = { 'must-have': 'Add must-have', 'trade-off': 'Add trade-off', 'deal-breaker': 'Add deal-breaker' }[kind];
    const cards = group(kind).getByTestId('criterion');
    const before = await cards.count();
    await page.getByRole('button', { name: label, exact: true }).click();
    const card = cards.nth(before);
    await card.getByLabel('Title', { exact: true }).fill(title);
    if (good) await card.getByLabel('Good looks like', { exact: true }).fill(good);
    return card;
  }

  /** The whole scrolling main column, not just the window. */
  async function screenshot(name: string) {
    const height = await page.evaluate(() => document.getElementById('main-content')!.scrollHeight);
    await page.setViewportSize({ width: 1280, height: Math.min(height + 40, 8000) });
    await page.screenshot({ path: path.join(screenshots, name) });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  beforeAll(async () => {
    ws = await createAppWorkspace('rubric-editor');
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    llm = await startFakeOpenAiServer();
    ws.onClose(() => llm.close());
    const handlers = createIpcHandlers({ db, home: ws.home, chooseFile: async () => dialogAnswer });
    ({ page } = await openAppPage(ws, { handlers, acceptDownloads: true, hash: '#/requisitions', pageErrors, handlerErrors }));
  });

  afterAll(() => ws?.close());

  it('creates a requisition and builds a rubric: 3/2/1 guidance, vague-language warnings, reordering, an interview plan', async () => {
    await page.getByText('No requisitions yet.').waitFor();
    await page.getByRole('button', { name: 'New requisition' }).click();
    const form = page.getByRole('form', { name: 'New requisition' });
    await form.getByLabel('Title').fill('Senior Backend Engineer');
    await form.getByLabel('Hiring manager').fill('Dana Whitfield');
    await form.getByRole('button', { name: 'Create requisition' }).click();
    await page.getByRole('heading', { level: 1, name: 'Senior Backend Engineer' }).waitFor();
    expect(page.url()).toMatch(/#\/requisitions\/[0-9a-f-]{36}$/);
    expect(await page.getByText('Hiring manager: Dana Whitfield').count()).toBe(1);

    // The empty rubric is far from the convention; the banner says what to ask.
    await banner().getByText('This rubric has 0 must-haves; the intake convention is 3 must-haves.', { exact: false }).waitFor();
    expect(await banner().textContent()).toContain('Must-haves: 0 of 3');

    const vague = await addCriterion('must-have', 'Strong communicator');
    const warning = vague.getByTestId('vague-warning');
    await warning.waitFor();
    const warningText = await warning.textContent();
    expect(warningText).toContain('Vague: “Strong communicator”.');
    expect(warningText).toContain('What would show it?');
    expect(warningText).toContain('What would you see or hear in the interview that shows "Strong communicator"?');
    await banner().getByText('Must-haves: 1 of 3').waitFor();
    // Saying what good looks like answers the warning.
    await warning.getByRole('button', { name: 'Say what good looks like' }).click();
    expect(await vague.getByLabel('Good looks like', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Explains a design trade-off to a non-engineer in two minutes, then answers follow-ups.');
    await warning.waitFor({ state: 'detached' });

    await addCriterion('must-have', 'Owned production services', 'Describes an incident they were paged for and what they changed afterwards.');
    await addCriterion('must-have', 'Deep Postgres knowledge', 'Explains adding an index to a two-billion-row table without locking it.');
    await addCriterion('trade-off', 'Payments background', 'Has worked on ledgers, settlement or reconciliation.');
    await addCriterion('trade-off', 'Kafka experience', 'Has run a Kafka consumer group in production.');
    const extra = await addCriterion('trade-off', 'Go experience');
    await banner().getByText('This rubric has 3 trade-offs; the intake convention is 2 trade-offs.', { exact: false }).waitFor();
    await extra.getByRole('button', { name: 'Remove "Go experience"' }).click();
    await addCriterion('deal-breaker', 'Blames others for incidents', '');
    await group('deal-breaker').getByLabel('Bad looks like', { exact: true }).fill('Blames another team in every postmortem story.');
    await banner().getByText('Matches the intake convention: 3 must-haves, 2 trade-offs, 1 deal-breaker.').waitFor();

    await group('must-have').getByRole('button', { name: 'Move "Deep Postgres knowledge" up' }).click();
    expect(await titles('must-have')).toEqual(['Strong communicator', 'Deep Postgres knowledge', 'Owned production services']);
    await group('trade-off').getByTestId('criterion').first().getByLabel('Signals').fill('ledger, reconciliation, settlement');

    await page.getByRole('button', { name: 'Add stage' }).click();
    expect(await page.getByLabel('Stage 1 name').inputValue()).toBe('Phone screen');
    await page.getByRole('button', { name: 'Add question' }).click();
    const question = page.getByTestId('plan-question').first();
    await question.getByLabel('Question 1', { exact: true }).fill('Tell me about the last time you were paged.');
    await question.getByLabel('Owned production services').check();
    await question.getByLabel('Blames others for incidents').check();
    const owned = group('must-have').getByTestId('criterion').nth(2);
    expect(await owned.locator('.criterion-card__questions').textContent()).toBe('Probed by: “Tell me about the last time you were paged.” (Phone screen)');

    await page.getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save as version 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 1.' }).waitFor();
    expect(page.url()).toMatch(/\?version=1$/);
    expect(await badge().textContent()).toBe('Not signed off');
    await screenshot('rubric-editor.png');

    // Everything came from the store: a reload shows the same rubric.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Senior Backend Engineer' }).waitFor();
    await group('must-have').getByTestId('criterion').nth(2).waitFor();
    expect(await titles('must-have')).toEqual(['Strong communicator', 'Deep Postgres knowledge', 'Owned production services']);
    expect(await titles('trade-off')).toEqual(['Payments background', 'Kafka experience']);
    expect(await group('trade-off').getByTestId('criterion').first().getByLabel('Signals').inputValue()).toBe('ledger, reconciliation, settlement');
    expect(await page.getByTestId('plan-question').first().getByLabel('Owned production services').isChecked()).toBe(true);
    expect(await page.getByTestId('plan-question').first().getByLabel('Deep Postgres knowledge').isChecked()).toBe(false);
  });

  it('signs off (badge shows who and when); an edit becomes version 2 while version 1 stays signed', async () => {
    const signOff = page.getByRole('form', { name: 'Hiring manager sign-off' });
    expect(await signOff.getByLabel('Signed off by').inputValue()).toBe('Dana Whitfield');
    await signOff.getByRole('button', { name: 'Sign off version 1' }).click();
    await badge().getByText('Signed off by Dana Whitfield on', { exact: false }).waitFor();
    const signedAt = await badge().locator('time').getAttribute('dateTime');
    expect(Date.now() - Date.parse(signedAt!)).toBeLessThan(60_000);
    expect(await signOff.count()).toBe(0);
    expect(await page.getByTestId('frozen-note').textContent()).toBe('Version 1 is signed off. Saving your changes creates version 2; version 1 stays as signed.');

    const postgres = group('must-have').getByTestId('criterion').nth(1);
    await postgres.getByLabel('Title', { exact: true }).fill('Deep Postgres knowledge at scale');
    expect(await versionSelect().isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 2.' }).waitFor();
    expect(page.url()).toMatch(/\?version=2$/);
    expect(await badge().textContent()).toBe('Not signed off');
    expect(await versionSelect().inputValue()).toBe('2');
    expect(await page.locator('.version-bar__meta').textContent()).toContain('from version 1');

    await versionSelect().selectOption('1');
    await badge().getByText('Signed off by Dana Whitfield', { exact: false }).waitFor();
    expect(await titles('must-have')).toEqual(['Strong communicator', 'Deep Postgres knowledge', 'Owned production services']);
    expect(await group('must-have').getByLabel('Title', { exact: true }).first().isDisabled()).toBe(true);
    await page.getByText('Version 1 is an earlier version and is read-only.', { exact: false }).waitFor();

    await page.getByRole('link', { name: '← Requisitions' }).click();
    const row = page.getByRole('row', { name: /Senior Backend Engineer/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('v2 Not signed off');
    await row.getByRole('link', { name: 'Senior Backend Engineer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Senior Backend Engineer' }).waitFor();
    await badge().getByText('Not signed off').waitFor();
    expect(await titles('must-have')).toEqual(['Strong communicator', 'Deep Postgres knowledge at scale', 'Owned production services']);
  });

  it('rejects a malformed YAML file naming the field and line; exports a version and imports it back', async () => {
    const fileInput = page.getByLabel('Rubric file to import');
    await fileInput.setInputFiles({ name: 'broken.yaml', mimeType: 'application/yaml', buffer: Buffer.from(malformedYaml) });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('rubric-malformed');
    expect(await alert.textContent()).toContain('broken.yaml, line 10: criteria[1].kind:');
    expect(await versionSelect().locator('option').count()).toBe(2);

    await page.getByLabel('Format', { exact: true }).selectOption('yaml');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export version 2' }).click()]);
    expect(download.suggestedFilename()).toBe('senior-backend-engineer-v2.yaml');
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(exported).toContain('title: Deep Postgres knowledge at scale');
    expect(exported).toContain('text: Tell me about the last time you were paged.');

    await fileInput.setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/yaml', buffer: Buffer.from(exported) });
    await page.getByRole('status').filter({ hasText: 'Imported as version 3.' }).waitFor();
    expect(await versionSelect().inputValue()).toBe('3');
    expect(await badge().textContent()).toBe('Not signed off');
    expect(await titles('must-have')).toEqual(['Strong communicator', 'Deep Postgres knowledge at scale', 'Owned production services']);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('drafts criteria from an imported intake transcript, each with quotes linking into the transcript', async () => {
    const before = await page.getByTestId('criterion').count();
    await page.getByRole('button', { name: 'Draft from intake call…' }).click();
    const panel = page.getByRole('region', { name: 'Draft from intake call' });
    await panel.getByText('No intake calls yet', { exact: false }).waitFor();
    // The OS dialog's answer, injected: the page only ever holds a token for it.
    dialogAnswer = intakeTranscript;
    await panel.getByRole('button', { name: 'Choose intake transcript…' }).click();
    await panel.getByLabel('Intake call').waitFor();
    expect(await panel.getByLabel('Intake call').locator('option').first().textContent()).toContain('senior-backend-engineer.vtt');
    expect(await panel.getByText('set one up in Settings', { exact: false }).count()).toBe(1);

    await panel.getByRole('button', { name: 'Draft criteria' }).click();
    const drafted = panel.getByTestId('drafted-criterion');
    await drafted.first().waitFor();
    const count = await drafted.count();
    expect(count).toBeGreaterThanOrEqual(4);
    expect(await panel.getByRole('status').textContent()).toBe(`${count} criteria drafted on this computer from requirement language in the call.`);
    const texts = await drafted.allTextContents();
    expect(texts.some((t) => /must-have/i.test(t) && /postgres/i.test(t))).toBe(true);
    for (let i = 0; i < count; i++) {
      const links = drafted.nth(i).getByTestId('quote-time');
      expect(await links.count(), texts[i]).toBeGreaterThan(0);
      expect(await links.first().getAttribute('href')).toMatch(/^#\/interviews\/[0-9a-f-]{36}\?segment=[0-9a-f-]{36}$/);
      expect(await links.first().textContent()).toMatch(/^\d\d:\d\d$/);
    }
    await screenshot('rubric-intake-draft.png');

    // Leave one out, add the rest: they join the editor with their quotes.
    const skipped = drafted.last();
    const skippedTitle = await skipped.locator('strong').textContent();
    await skipped.getByRole('checkbox').uncheck();
    await panel.getByRole('button', { name: `Add ${count - 1} criteria to the rubric` }).click();
    await page.getByRole('status').filter({ hasText: `Added ${count - 1} drafted criteria: review them, then save.` }).waitFor();
    expect(await page.getByTestId('criterion').count()).toBe(before + count - 1);
    const withQuote = page.getByTestId('criterion').filter({ hasText: 'From the intake call' });
    expect(await withQuote.count()).toBe(count - 1);
    expect(await page.getByTestId('criterion').filter({ has: page.locator(`input[value="${skippedTitle}"]`) }).count()).toBe(0);

    // Version 3 is an unused draft: saved in place. The quotes stay on screen after saving.
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved version 3.' }).waitFor();
    expect(await withQuote.count()).toBe(count - 1);

    const link = withQuote.first().getByTestId('quote-time').first();
    const quote = (await withQuote.first().locator('.intake-quote').first().textContent())!;
    const href = await link.getAttribute('href');
    await link.click();
    const target = page.locator('.segment--target');
    await target.waitFor();
    const firstWords = quote.replace(/^“/, '').split(/\s+/).slice(0, 3).join(' ');
    expect(await target.textContent()).toContain(firstWords);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Senior Backend Engineer' }).waitFor();

    // The quotes are stored with the version: a reload still shows them, with the same link.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Senior Backend Engineer' }).waitFor();
    await withQuote.first().waitFor();
    expect(await withQuote.count()).toBe(count - 1);
    expect(await withQuote.first().locator('.intake-quote').first().textContent()).toBe(quote);
    expect(await withQuote.first().getByTestId('quote-time').first().getAttribute('href')).toBe(href);
    expect(await page.getByText('Unsaved changes').count()).toBe(0);

    // Signed and then succeeded by version 4, version 3 is read-only and still shows where its criteria came from.
    await page.getByRole('form', { name: 'Hiring manager sign-off' }).getByRole('button', { name: 'Sign off version 3' }).click();
    await badge().getByText('Signed off by Dana Whitfield', { exact: false }).waitFor();
    await group('must-have').getByLabel('Title', { exact: true }).first().fill('Strong communicator, in writing too');
    await page.getByRole('button', { name: 'Save as version 4' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 4.' }).waitFor();
    expect(await withQuote.count()).toBe(count - 1);
    await versionSelect().selectOption('3');
    await page.getByText('Version 3 is an earlier version and is read-only.', { exact: false }).waitFor();
    expect(await withQuote.count()).toBe(count - 1);
    expect(await withQuote.first().getByTestId('quote-time').first().getAttribute('href')).toBe(href);
    await versionSelect().selectOption('4');
    await badge().getByText('Not signed off').waitFor();
  });

  it('improves the draft with the model set up in Settings, and says why when it falls back', async () => {
    const detailUrl = page.url();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
    const settings = page.getByRole('form', { name: 'Language model for rubric drafts (optional)' });
    await settings.getByLabel('Base URL').fill(llm.baseURL);
    await settings.getByLabel('Model').fill('llama3.1:8b');
    await settings.getByLabel('Give up after (seconds)').fill('5');
    await settings.getByRole('button', { name: 'Save model' }).click();
    await settings.getByTestId('llm-status').getByText('Using a model on this computer: llama3.1:8b.').waitFor();

    llm.respond = () => ({
      kind: 'answer',
      content: JSON.stringify({
        requisitionTitle: 'Senior Backend Engineer, Payments Platform',
        criteria: [
          { kind: 'must-have', title: 'Postgres at billion-row scale', description: '', goodLooksLike: 'Explains an online index build.', badLooksLike: 'Only used an ORM.', signals: ['Postgres'], quotes: ['We need somebody who really knows Postgres.'] },
          { kind: 'must-have', title: 'Mentors mid-level engineers', description: '', goodLooksLike: 'Names someone they mentored.', badLooksLike: '', signals: ['mentor'], quotes: ['So this person needs to mentor.'] },
        ],
      }),
    });
    await page.goto(detailUrl);
    await page.getByRole('heading', { level: 1, name: 'Senior Backend Engineer' }).waitFor();
    await page.getByRole('button', { name: 'Draft from intake call…' }).click();
    const panel = page.getByRole('region', { name: 'Draft from intake call' });
    await panel.getByLabel('Improve the draft with llama3.1:8b (on this computer)').check();
    await panel.getByRole('button', { name: 'Draft criteria' }).click();
    await panel.getByRole('status').getByText('2 criteria drafted and improved by llama3.1:8b.').waitFor();
    expect(await panel.getByTestId('drafted-criterion').locator('strong').allTextContents()).toEqual(['Postgres at billion-row scale', 'Mentors mid-level engineers']);
    expect(await panel.getByTestId('drafted-criterion').first().textContent()).toContain('We need somebody who really knows Postgres.');
    expect(llm.requests).toHaveLength(1);

    llm.respond = () => ({ kind: 'answer', content: 'Sure! Here is a rubric: hire someone good.' });
    await panel.getByRole('button', { name: 'Draft criteria' }).click();
    const status = panel.getByRole('status');
    await status.getByText('The language model was not used', { exact: false }).waitFor();
    expect(await status.textContent()).toContain('drafted on this computer');
    expect(await status.textContent()).toContain('the answer is not JSON');
    expect(await panel.getByTestId('drafted-criterion').count()).toBeGreaterThanOrEqual(4);
    expect(llm.requests).toHaveLength(2);
    await panel.getByRole('button', { name: 'Close' }).click();
  });

  it('ran without page errors, CSP violations or unexpected handler failures', () => {
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});
