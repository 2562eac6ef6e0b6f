import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syncSharedFolder } from '../../src/db/sync/shared-folder.js';
import { scheduleSync } from '../../src/backend/sync-schedule.js';
import { tempDir } from '../support/speech.js';
import { openLaptop } from './support/sync-stores.js';

// The background schedule the backend starts: nothing while sync is off, then rounds on its own.
describe('background sync schedule', () => {
  const root = tempDir('debrief-sync-schedule-');
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('syncs edits on its own once a folder is chosen, and stops when told', async () => {
    const folder = path.join(root, 'shared');
    mkdirSync(folder);
    const a = await openLaptop(root, 'a');
    const b = await openLaptop(root, 'b');
    const errors: unknown[] = [];
    const stop = scheduleSync(a.handlers, (e) => errors.push(e), 20);
    try {
      await a.handlers['candidates:create']({ name: 'Dana Reyes' });
      // Off: rounds pass without touching the folder.
      await expect.poll(async () => (await a.handlers['sync:status'](undefined)).waiting).toBe(1);
      await a.handlers['sync:useFolder']({ folder });
      await expect.poll(async () => (await a.handlers['sync:status'](undefined)).waiting, { timeout: 60_000 }).toBe(0);
      await syncSharedFolder(b.db, { folder, home: b.home });
      expect((await b.handlers['candidates:list']({})).map((c) => c.name)).toEqual(['Dana Reyes']);
      expect(errors).toEqual([]);
    } finally {
      stop();
      await a.db.destroy();
      await b.db.destroy();
    }
  }, 120_000);
});
