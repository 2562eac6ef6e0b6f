import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { createRequisition, createSessionWithTranscript, fileSession, openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';

// The Interviews page pages the store: 130 sessions (a third under one requisition, a tenth without a
// transcript, many sharing a timestamp) in the built renderer in Chromium over the real handlers and SQLite.
describe.skipIf(!hasChromium)('the Interviews page, paged', () => {
  let ws: AppWorkspace;
  let db: Database;
  let page: Page;
  let backend: string;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];
  const total = 130;
  const titles = () => page.getByTestId('session-list').locator('tbody th[scope="row"] a').allTextContents();

  beforeAll(async () => {
    ws = await createAppWorkspace('interviews-paging');
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    backend = await createRequisition(db, { title: 'Backend engineer' });
    for (let i = 0; i < total; i++) {
      const id = await createSessionWithTranscript(db, {
        title: `Screen ${String(i).padStart(3, '0')}`,
        kind: 'interview',
        source: 'import',
        durationSec: 4,
        tracks: [],
        segments: i % 10 === 0 ? [] : [{ start: 0, end: 4, speaker: 'Dana', text: 'Tell me about a system you designed.', words: [] }],
      });
      if (i % 3 === 0) await fileSession(db, id, { requisitionId: backend });
      // Ten sessions to a timestamp: paging must order ties by id, not lose them.
      await db.updateTable('sessions').set({ created_at: new Date(Date.UTC(2025, 4, 1 + Math.floor(i / 10))).toISOString() }).where('id', '=', id).execute();
    }
    const handlers = createIpcHandlers({ db, home: ws.home });
    ({ page } = await openAppPage(ws, { handlers, hash: '#/interviews', pageErrors, handlerErrors }));
  });

  afterAll(() => ws?.close());

  it('shows the first 100, then the rest on "Show more", each once, newest first', async () => {
    await page.getByTestId('session-list-shown').filter({ hasText: `Showing 100 of ${total}` }).waitFor();
    const first = await titles();
    expect(first).toHaveLength(100);
    await page.getByRole('button', { name: 'Show more' }).click();
    await page.getByTestId('session-list-shown').filter({ hasText: `Showing ${total} of ${total}` }).waitFor();
    const all = await titles();
    expect(all.slice(0, 100)).toEqual(first);
    expect(new Set(all).size).toBe(total);
    // What the store holds, in the store's order: newest day first, ties by id.
    const stored = await db.selectFrom('sessions').select('title').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    expect(all).toEqual(stored.map((s) => s.title));
    expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });

  it('filters in the store, with counts beside each choice, and pages the filtered list', async () => {
    const inBackend = Math.ceil(total / 3);
    const noTranscript = total / 10;
    expect(await page.getByLabel('Requisition').locator('option').allTextContents()).toEqual(['All', `Backend engineer (${inBackend})`]);
    expect(await page.getByLabel('Status').locator('option', { hasText: 'No transcript' }).textContent()).toBe(`No transcript (${noTranscript})`);

    await page.getByLabel('Requisition').selectOption({ label: `Backend engineer (${inBackend})` });
    await page.getByTestId('session-list-shown').filter({ hasText: `Showing ${inBackend} of ${inBackend}` }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Backend engineer' }).count()).toBe(inBackend);
    // Within the requisition, the status counts are the requisition's.
    const backendNoTranscript = Array.from({ length: total }, (_, i) => i).filter((i) => i % 3 === 0 && i % 10 === 0).length;
    expect(await page.getByLabel('Status').locator('option', { hasText: 'No transcript' }).textContent()).toBe(`No transcript (${backendNoTranscript})`);

    await page.getByLabel('Status').selectOption('no-transcript');
    await page.getByTestId('session-list-shown').filter({ hasText: `Showing ${backendNoTranscript} of ${backendNoTranscript}` }).waitFor();
    const rows = page.getByTestId('session-list').locator('tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')))).toEqual(Array(backendNoTranscript).fill('no-transcript'));

    // Back to everything: the first page again, not what was shown before.
    await page.getByLabel('Requisition').selectOption('');
    await page.getByLabel('Status').selectOption('');
    await page.getByTestId('session-list-shown').filter({ hasText: `Showing 100 of ${total}` }).waitFor();
    expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});
