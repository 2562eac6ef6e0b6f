import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { listConflicts } from '../../src/db/sync/conflicts.js';
import { syncSharedFolder } from '../../src/db/sync/shared-folder.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';
import { openLaptop, type Laptop } from '../sync/support/sync-stores.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const screenshots = path.join(repoRoot, 'test-results');

// Settings → Team sync in real Chromium over the real handlers: folder mode chosen in the page, its
// status (last synced, changes waiting, the error in words), and the conflict chooser when another
// laptop (a second real store on the same folder) moved the same candidate.
describe.skipIf(!hasChromium)('team sync settings in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let handlers: IpcHandlers;
  let page: Page;
  let other: Laptop;
  let folder: string;
  let candidateId: string;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];
  const panel = () => page.locator('section', { has: page.getByRole('heading', { name: 'Team sync' }) });
  const otherSync = () => syncSharedFolder(other.db, { folder, home: other.home });

  beforeAll(async () => {
    ws = await createAppWorkspace('sync-settings');
    folder = path.join(ws.work, 'shared');
    mkdirSync(folder);
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    other = await openLaptop(ws.work, 'other-laptop');
    ws.onClose(() => other.db.destroy());
    handlers = createIpcHandlers({ db, home: ws.home });
    const { id: requisitionId } = await handlers['requisitions:create']({ title: 'Account executive' });
    candidateId = (await handlers['candidates:create']({ name: 'Marcus Reed', requisitionId, stage: 'Phone screen' })).id;
    ({ page } = await openAppPage(ws, { handlers, hash: '#/settings', pageErrors, handlerErrors }));
  });
  afterAll(async () => {
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
    await ws?.close();
  });

  it('chooses a shared folder, says who can read it, and syncs what was waiting', async () => {
    await panel().getByTestId('sync-target').waitFor();
    expect(await panel().getByTestId('sync-target').textContent()).toBe('Nobody (sync is off)');
    expect(await panel().getByTestId('sync-waiting').textContent()).toBe('2');
    await panel().getByLabel('A shared folder (no server)').check();
    await panel().getByLabel('Shared folder path').fill('shared');
    await panel().getByRole('button', { name: 'Save sync settings' }).click();
    expect(await panel().getByRole('alert').textContent()).toMatch(/"shared" is not a full path: choose the shared folder\./);
    await panel().getByLabel('Shared folder path').fill(folder);
    await panel().getByRole('button', { name: 'Save sync settings' }).click();
    await panel().getByTestId('sync-access-note').waitFor();
    expect(await panel().getByTestId('sync-access-note').textContent()).toMatch(/access control is the folder’s own permissions\. Audio and transcripts never go there\./);
    expect(await panel().getByTestId('sync-last').textContent()).toBe('never');
    await panel().getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => panel().getByTestId('sync-waiting').textContent(), { timeout: 30_000 }).toBe('0');
    expect(await panel().getByTestId('sync-last').textContent()).not.toBe('never');
    await otherSync();
    expect((await other.handlers['candidates:list']({})).map((c) => c.name)).toEqual(['Marcus Reed']);
  });

  it('shows both versions of a candidate moved on two laptops at once, and keeps the one chosen everywhere', async () => {
    await other.handlers['candidates:update']({ id: candidateId, stage: 'Onsite' });
    await otherSync();
    await handlers['candidates:update']({ id: candidateId, stage: 'Offer' });
    await panel().getByRole('button', { name: 'Sync now' }).click();
    const chooser = page.getByTestId('sync-conflicts');
    await chooser.waitFor({ timeout: 30_000 });
    const conflict = chooser.getByRole('article', { name: 'Conflict: Candidate Marcus Reed' });
    const sides = conflict.getByRole('region');
    expect(await sides.count()).toBe(2);
    const onsite = conflict.locator('section', { hasText: 'Onsite' });
    expect(await conflict.getByRole('region', { name: 'Version from this laptop' }).textContent()).toMatch(/^From this laptop, .*stageOffer/);
    expect(await conflict.locator('section', { hasText: 'Offer' }).count()).toBe(1);
    await page.screenshot({ path: path.join(screenshots, 'sync-conflict-chooser.png') });
    await onsite.getByRole('button', { name: 'Keep this version' }).click();
    await chooser.waitFor({ state: 'detached', timeout: 30_000 });
    expect((await handlers['candidates:list']({})).find((c) => c.id === candidateId)!.stage).toBe('Onsite');
    await panel().getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => panel().getByTestId('sync-waiting').textContent(), { timeout: 30_000 }).toBe('0');
    await otherSync();
    expect((await other.handlers['candidates:list']({})).find((c) => c.id === candidateId)!.stage).toBe('Onsite');
    expect(await listConflicts(other.db)).toEqual([]);
  });

  it('says in words when the folder is gone, keeps the edit waiting, and never blocks work', async () => {
    renameSync(folder, `${folder}-unplugged`);
    await handlers['requisitions:create']({ title: 'Sales engineer' });
    await panel().getByRole('button', { name: 'Sync now' }).click();
    const error = panel().getByTestId('sync-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toMatch(/is not there \(is the network drive connected\?\)\. Your work is kept here and syncs once the folder is back\./);
    expect(await panel().getByTestId('sync-waiting').textContent()).toBe('1');
    renameSync(`${folder}-unplugged`, folder);
    await panel().getByRole('button', { name: 'Sync now' }).click();
    await error.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await panel().getByTestId('sync-waiting').textContent()).toBe('0');
  });
});
