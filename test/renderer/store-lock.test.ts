import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { createStoreKey, readKeyEnvelope, storeKeyPath } from '../../src/core/privacy/store-key.js';
import { plainSealer } from '../../src/core/secrets/secret-sealer.js';
import { createSessionWithTranscript, isPlainStore, openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers } from '../../src/backend/ipc-handlers.js';
import type { DebriefApi } from '../../src/shared/ipc/contract.js';
import { gatedHandlers, StoreGate } from '../../src/main/store-gate.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';

const PASSPHRASE = 'correct horse battery staple';

/** The app's start over a data folder whose key only a passphrase opens (no OS key store here). */
async function openLockedApp(ws: AppWorkspace, pageErrors: string[], handlerErrors: unknown[]) {
  const opened: Database[] = [];
  const gate = await StoreGate.start({
    home: ws.home,
    sealer: plainSealer,
    open: async (key) => {
      const db = await openDatabase(databasePath(ws.home), { key });
      opened.push(db);
      ws.onClose(() => db.destroy());
      return db;
    },
  });
  const handlers = gatedHandlers(gate, (db) => createIpcHandlers({ db, home: ws.home }));
  const { page } = await openAppPage(ws, { handlers, hash: '#/interviews', pageErrors, handlerErrors });
  return { page, gate, opened };
}

// The passphrase prompt in real Chromium over the real store gate, key file and encrypted store.
describe.skipIf(!hasChromium)('the store lock in Chromium', () => {
  describe('a store locked with a passphrase', () => {
    let ws: AppWorkspace;
    let page: Page;
    let gate: StoreGate<Database>;
    let opened: Database[];
    const pageErrors: string[] = [];
    const handlerErrors: unknown[] = [];
    const title = 'Interview with Ottoline Brackenbury';

    beforeAll(async () => {
      ws = await createAppWorkspace('store-lock');
      const key = await createStoreKey(storeKeyPath(ws.home), { sealer: plainSealer, passphrase: PASSPHRASE });
      const db = await openDatabase(databasePath(ws.home), { key });
      await createSessionWithTranscript(db, {
        title,
        kind: 'interview',
        source: 'import',
        durationSec: 10,
        tracks: [],
        segments: [{ start: 0, end: 4, speaker: 'Them', text: 'I rebuilt the ledger twice.', words: [] }],
      });
      await db.destroy();
      ({ page, gate, opened } = await openLockedApp(ws, pageErrors, handlerErrors));
    });
    afterAll(() => ws?.close());

    it('asks for the passphrase before showing anything, and nothing else answers meanwhile', async () => {
      await page.getByRole('heading', { level: 1, name: 'Unlock your data' }).waitFor();
      expect(await page.getByText('Enter your passphrase to unlock your data.').count()).toBe(1);
      expect(await page.getByText(title).count()).toBe(0);
      const listed = await page.evaluate(() => (window as unknown as { debrief: DebriefApi }).debrief.sessionsList());
      expect(listed).toEqual({ ok: false, error: { code: 'store-locked', message: 'Debrief is locked: enter your passphrase first.' } });
      expect(opened).toHaveLength(0);
      expect(isPlainStore(databasePath(ws.home))).toBe(false);
    });

    it('says a wrong passphrase is wrong, clears it, and stays locked with the data untouched', async () => {
      const before = fs.readFileSync(storeKeyPath(ws.home));
      const field = page.getByLabel('Passphrase');
      await field.fill('correct horse battery stapler');
      await page.getByRole('button', { name: 'Unlock' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toBe('Not unlocked.That passphrase is not the one this data was locked with. Nothing was changed; try again.');
      expect(await field.inputValue()).toBe('');
      expect(gate.status()).toMatchObject({ state: 'locked', mode: 'enter' });
      expect(opened).toHaveLength(0);
      expect(fs.readFileSync(storeKeyPath(ws.home)).equals(before)).toBe(true);
    });

    it('opens the app with the right passphrase', async () => {
      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByText(title).waitFor();
      expect(gate.status()).toEqual({ state: 'open' });
      expect(opened).toHaveLength(1);
    });

    it('had no page or handler errors', () => {
      expect(pageErrors).toEqual([]);
      expect(handlerErrors).toEqual([]);
    });
  });

  describe('a first start with no OS key store', () => {
    let ws: AppWorkspace;
    let page: Page;
    let opened: Database[];
    const pageErrors: string[] = [];
    const handlerErrors: unknown[] = [];

    beforeAll(async () => {
      ws = await createAppWorkspace('store-choose');
      ({ page, opened } = await openLockedApp(ws, pageErrors, handlerErrors));
    });
    afterAll(() => ws?.close());

    it('asks to choose a passphrase: too short and mismatched ones are refused, and no key is made', async () => {
      await page.getByRole('heading', { level: 1, name: 'Choose a passphrase for your data' }).waitFor();
      expect(await page.getByText(/^This computer has no OS key store to keep the encryption key\./).count()).toBe(1);
      await page.getByLabel('Passphrase', { exact: true }).fill('short');
      await page.getByLabel('Repeat the passphrase').fill('short');
      await page.getByRole('button', { name: 'Set passphrase and open' }).click();
      await page.getByRole('alert').filter({ hasText: 'at least 8 characters' }).waitFor();
      expect(readKeyEnvelope(storeKeyPath(ws.home))).toBeUndefined();

      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByLabel('Repeat the passphrase').fill(`${PASSPHRASE}!`);
      await page.getByRole('button', { name: 'Set passphrase and open' }).click();
      await page.getByRole('alert').filter({ hasText: 'The two passphrases differ' }).waitFor();
      expect(readKeyEnvelope(storeKeyPath(ws.home))).toBeUndefined();
      expect(opened).toHaveLength(0);
    });

    it('sets it, opens an encrypted store, and the key file holds only the wrapped key', async () => {
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Set passphrase and open' }).click();
      await page.getByRole('heading', { level: 1, name: 'Interviews' }).waitFor();
      expect(opened).toHaveLength(1);
      const envelope = readKeyEnvelope(storeKeyPath(ws.home))!;
      expect(envelope.sealed).toBeUndefined();
      expect(envelope.passphrase).toBeDefined();
      expect(fs.existsSync(databasePath(ws.home))).toBe(true);
      expect(isPlainStore(databasePath(ws.home))).toBe(false);
      expect(fs.readFileSync(databasePath(ws.home)).includes(Buffer.from('SQLite format 3'))).toBe(false);
    });

    it('had no page or handler errors', () => {
      expect(pageErrors).toEqual([]);
      expect(handlerErrors).toEqual([]);
    });
  });

  describe('a key only the OS key store could open, where none is reachable', () => {
    let ws: AppWorkspace;
    let page: Page;
    const pageErrors: string[] = [];
    const handlerErrors: unknown[] = [];

    beforeAll(async () => {
      ws = await createAppWorkspace('store-refused');
      fs.writeFileSync(storeKeyPath(ws.home), JSON.stringify({ version: 1, sealed: 'c2VhbGVkIGJ5IGFub3RoZXIga2V5IHN0b3Jl' }));
      ({ page } = await openLockedApp(ws, pageErrors, handlerErrors));
    });
    afterAll(() => ws?.close());

    it('says why it cannot unlock, offers no passphrase field, and leaves the key file as it was', async () => {
      await page.getByRole('heading', { level: 1, name: 'Debrief cannot unlock your data' }).waitFor();
      expect(await page.getByRole('alert').textContent()).toMatch(/^Your data is locked with the Debrief app's OS key store, which this program cannot reach\./);
      expect(await page.getByLabel('Passphrase').count()).toBe(0);
      expect(JSON.parse(fs.readFileSync(storeKeyPath(ws.home), 'utf8'))).toEqual({ version: 1, sealed: 'c2VhbGVkIGJ5IGFub3RoZXIga2V5IHN0b3Jl' });
      expect(pageErrors).toEqual([]);
      expect(handlerErrors).toEqual([]);
    });
  });
});
