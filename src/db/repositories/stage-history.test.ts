import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../open-database.js';
import { createCandidate, updateCandidate } from './candidates-repository.js';
import { listStageChanges } from './stage-history.js';

let dir: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-stage-history-'));
  db = await openDatabase(path.join(dir, 'store.sqlite'));
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('stage history', () => {
  it('records the stage a candidate is added in and each change after, but not a repeat of the same stage', async () => {
    const c = await createCandidate(db, { name: 'Dana', stage: 'Phone screen' });
    await updateCandidate(db, c.id, { stage: 'Phone screen' });
    await updateCandidate(db, c.id, { stage: ' Onsite ' });
    await updateCandidate(db, c.id, { email: 'dana@example.com' });
    await updateCandidate(db, c.id, { stage: '' });
    expect((await listStageChanges(db, [c.id])).map((x) => [x.fromStage, x.toStage])).toEqual([
      [null, 'Phone screen'],
      ['Phone screen', 'Onsite'],
      ['Onsite', null],
    ]);
  });

  it('records nothing for a candidate added without a stage, or for an update refused', async () => {
    const c = await createCandidate(db, { name: 'Lee' });
    await expect(updateCandidate(db, c.id, { name: ' ', stage: 'Onsite' })).rejects.toThrow(/needs a name/);
    expect(await listStageChanges(db, [c.id])).toEqual([]);
    expect(await listStageChanges(db, [])).toEqual([]);
  });
});
