import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';

// Finishing a rubric in the built renderer, in Debian's Chromium, over the real handlers and SQLite
// store: an empty version cannot be saved, sign-off sits at the top and says what is still missing,
// the compact view lists one line per criterion and opens one to edit, and unsaved edits ask first.
describe.skipIf(!hasChromium)('finishing a rubric in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let handlers: IpcHandlers;
  let page: Page;
  let requisitionId: string;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];
  const dialogs: string[] = [];
  /** How the next in-app "leave?" question is answered. */
  let leave = false;

  async function addCriterion(kind: 'must-have' | 'deal-breaker', title: string, good = '') {
    const cards = page.getByTestId(`group-${kind}`).getByTestId('criterion');
    const before = await cards.count();
    await page.getByRole('button', { name: kind === 'must-have' ? 'Add must-have' : 'Add deal-breaker', exact: true }).click();
    const card = cards.nth(before);
    await card.getByLabel('Title', { exact: true }).fill(title);
    if (good) await card.getByLabel('Good looks like', { exact: true }).fill(good);
  }

  beforeAll(async () => {
    ws = await createAppWorkspace('rubric-review');
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    handlers = createIpcHandlers({ db, home: ws.home });
    requisitionId = (await handlers['requisitions:create']({ title: 'Platform Engineer', hiringManager: 'Priya Shah' })).id;
    ({ page } = await openAppPage(ws, { handlers, hash: `#/requisitions/${requisitionId}`, pageErrors, handlerErrors }));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void (leave ? dialog.accept() : dialog.dismiss());
    });
  });

  afterAll(() => ws?.close());

  it('cannot save an empty version', async () => {
    await page.getByRole('heading', { level: 1, name: 'Platform Engineer' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save as version 1' }).isDisabled()).toBe(true);
    await page.getByText('Add at least one criterion: an empty version cannot be saved.').waitFor();
  });

  it('shows sign-off above the criteria, with what is still missing before signing', async () => {
    await addCriterion('must-have', 'Culture fit');
    await addCriterion('must-have', 'Knows Postgres', 'Has tuned slow queries on a production database.');
    await addCriterion('must-have', 'Owns on-call');
    await addCriterion('deal-breaker', 'Blames others for incidents', 'Talks about their own part in an outage.');
    await page.getByRole('button', { name: 'Save as version 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 1.' }).waitFor();

    const signOff = page.getByRole('form', { name: 'Hiring manager sign-off' });
    const missing = signOff.getByRole('list', { name: 'Still missing before sign-off' });
    await missing.getByText('“Culture fit” is vague').waitFor();
    const items = await missing.getByRole('listitem').allTextContents();
    expect(items.slice(0, 2)).toEqual(['“Culture fit” is vague', '2 criteria lack “good looks like”']);
    expect(items.length).toBeGreaterThan(2); // the 3/2/1 advice: no trade-offs yet
    const signOffTop = (await signOff.boundingBox())!.y;
    const criteriaTop = (await page.getByTestId('group-must-have').boundingBox())!.y;
    expect(signOffTop).toBeLessThan(criteriaTop);
    expect(await signOff.getByRole('button', { name: 'Sign off version 1' }).isEnabled()).toBe(true);
  });

  it('lists one line per criterion in the compact view and opens one to edit', async () => {
    await page.getByRole('button', { name: 'Compact view' }).click();
    const lines = page.getByTestId('criterion-line');
    expect(await lines.count()).toBe(4);
    expect(await page.getByTestId('criterion').count()).toBe(0);
    expect(await lines.locator('.criterion-line__open').allTextContents()).toEqual([
      'Must-haveCulture fit0 quotesvague',
      'Must-haveKnows Postgres0 quotes',
      'Must-haveOwns on-call0 quotes',
      'Deal-breakerBlames others for incidents0 quotes',
    ]);
    await lines.filter({ hasText: 'Culture fit' }).getByRole('button', { name: /Culture fit/ }).click();
    const card = page.getByTestId('criterion');
    expect(await card.count()).toBe(1);
    await card.getByLabel('Title', { exact: true }).fill('Explains trade-offs to non-engineers');
    await lines.first().locator('.criterion-line__title').filter({ hasText: 'Explains trade-offs to non-engineers' }).waitFor();
    await page.getByText('Unsaved changes').waitFor();
  });

  it('asks before leaving with unsaved edits, and stays when told to', async () => {
    leave = false;
    await page.getByRole('link', { name: '← Requisitions' }).click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toBe('Your rubric has unsaved changes. Leave without saving them?');
    expect(await page.getByTestId('criterion').getByLabel('Title', { exact: true }).inputValue()).toBe('Explains trade-offs to non-engineers');
    expect(page.url()).toContain(`#/requisitions/${requisitionId}`);

    leave = true;
    await page.getByRole('link', { name: '← Requisitions' }).click();
    await page.getByRole('row', { name: /Platform Engineer/ }).waitFor();
    expect(dialogs).toHaveLength(2);
    // Nothing unsaved was stored.
    const stored = await handlers['requisitions:get']({ id: requisitionId });
    expect(stored.versions[0]!.criteria.map((c) => c.title)).toContain('Culture fit');
  });

  it('ran without page errors or unexpected handler failures', () => {
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});
