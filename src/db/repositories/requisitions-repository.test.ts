import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRubric } from '../../core/rubric/rubric-versioning.js';
import { openDatabase, type Database } from '../open-database.js';
import { createRequisition, getRequisition, listRequisitions, updateRequisition } from './requisitions-repository.js';
import { getRubricVersion, insertRubricVersion, signOffVersion } from './rubrics-repository.js';

let dir: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-requisitions-'));
  db = await openDatabase(path.join(dir, 'store.sqlite'));
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('requisitions repository', () => {
  it('creates requisitions with trimmed fields, empty optional fields stored as null, newest first', async () => {
    const first = await createRequisition(db, { title: '  Data Analyst ', hiringManager: '  ', recruiter: 'Sam' });
    const second = await createRequisition(db, { title: 'Product Designer', role: 'Design', status: 'draft' });
    expect((await listRequisitions(db)).map((r) => r.id)).toEqual([second, first]);
    expect(await getRequisition(db, first)).toMatchObject({ title: 'Data Analyst', hiringManager: null, recruiter: 'Sam', role: null, status: 'open', latestVersion: null });
    expect(await getRequisition(db, second)).toMatchObject({ status: 'draft', role: 'Design' });
  });

  it('refuses an empty title and names an unknown requisition', async () => {
    await expect(createRequisition(db, { title: '   ' })).rejects.toMatchObject({ code: 'invalid-requisition' });
    await expect(getRequisition(db, 'missing')).rejects.toMatchObject({ code: 'requisition-not-found' });
    await expect(updateRequisition(db, 'missing', { status: 'closed' })).rejects.toMatchObject({ code: 'requisition-not-found' });
  });

  it('reports the latest rubric version with its sign-off', async () => {
    const id = await createRequisition(db, { title: 'Backend Engineer' });
    const v1 = createRubric({ requisitionTitle: 'Backend Engineer', criteria: [{ id: crypto.randomUUID(), kind: 'must-have', title: 'Go' }], now: new Date('2025-01-01T00:00:00Z') });
    const v1Id = await insertRubricVersion(db, id, v1);
    await signOffVersion(db, v1Id, 'Dana', '2025-01-02T00:00:00.000Z');
    const v2Id = await insertRubricVersion(db, id, { ...v1, version: 2, parentVersion: 1 });
    expect((await getRequisition(db, id)).latestVersion).toEqual({ id: v2Id, version: 2, signedOffBy: null, signedOffAt: null });
    await updateRequisition(db, id, { title: 'Staff Backend Engineer', status: 'on-hold' });
    // Versions show the requisition's current title.
    expect((await getRubricVersion(db, v1Id)).rubric.requisitionTitle).toBe('Staff Backend Engineer');
    expect(await getRequisition(db, id)).toMatchObject({ title: 'Staff Backend Engineer', status: 'on-hold' });
  });
});
