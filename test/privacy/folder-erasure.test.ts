import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderErasureText } from '../../src/backend/sync/server-erasure.js';
import { syncSharedFolder } from '../../src/db/sync/shared-folder.js';
import { setSyncSetting } from '../../src/db/sync/sync-settings.js';
import { seedSyncedPanel } from '../support/seed-synced-panel.js';
import { tempDir } from '../support/speech.js';
import { openLaptop, type Laptop } from '../sync/support/sync-stores.js';
import { findBytes } from './support/seed-candidate.js';

// Shared-folder mode has no server to delete anything: the erasure travels as a change in this
// laptop's next segment, every laptop erases its copy as it reads it, and each rewrites its own
// segments without the candidate, so once all have synced the folder holds nothing of them.
describe('erasing a candidate in shared-folder sync', () => {
  const root = tempDir('debrief-folder-erasure-');
  const laptops: Laptop[] = [];
  afterAll(async () => {
    for (const l of laptops) await l.db.destroy();
    await rm(root, { recursive: true, force: true });
  });

  it('says what happens, erases on the other laptop, and leaves no segment naming them', async () => {
    const folder = path.join(root, 'shared');
    mkdirSync(folder);
    const recruiter = await openLaptop(root, 'recruiter');
    const other = await openLaptop(root, 'other');
    laptops.push(recruiter, other);
    for (const l of laptops) await setSyncSetting(l.db, { mode: 'folder', folder });
    const sync = (l: Laptop) => syncSharedFolder(l.db, { folder, home: l.home });
    const panel = await seedSyncedPanel(recruiter.handlers);
    await sync(recruiter);
    await sync(other);
    // The other laptop now holds the candidate, and so does the folder.
    await other.handlers['candidates:update']({ id: panel.candidateId, stage: 'Onsite' });
    await sync(other);
    const needles = [{ label: 'name', bytes: Buffer.from('marcus reed') }];
    expect(findBytes(folder, needles).length).toBeGreaterThanOrEqual(2);

    const receipt = await recruiter.handlers['privacy:eraseCandidate']({ candidateId: panel.candidateId });
    expect(receipt.server).toBe(folderErasureText(folder));
    await sync(recruiter);
    // The recruiter's own segments are clean at once; the other laptop's wait for it.
    expect(findBytes(path.join(folder, (await recruiter.db.selectFrom('sync_device').select('device_id').executeTakeFirstOrThrow()).device_id), needles)).toEqual([]);
    const report = await sync(other);
    expect(report.merge.erased).toBe(1);
    expect(await other.db.selectFrom('candidates').select('id').execute()).toEqual([]);
    expect(findBytes(folder, needles)).toEqual([]);
    expect(findBytes(other.home, needles)).toEqual([]);
  }, 180_000);
});
