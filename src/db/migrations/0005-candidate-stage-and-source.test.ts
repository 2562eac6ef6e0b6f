import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMigrator } from '../migrate.js';
import { connectDatabase, type Database } from '../open-database.js';

let dir: string;
let db: Database;
const ts = '2025-01-01T00:00:00.000Z';
const run = (query: string) => sql.raw(query).execute(db);

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-m0005-'));
  db = connectDatabase(path.join(dir, 'store.sqlite'));
  expect((await createMigrator(db).migrateTo('0004-criterion-sources')).error).toBeUndefined();
  await run(`insert into candidates (id, name, created_at, updated_at) values ('c1', 'Dana Reyes', '${ts}', '${ts}')`);
  expect((await createMigrator(db).migrateTo('0005-candidate-stage-and-source')).error).toBeUndefined();
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0005-candidate-stage-and-source', () => {
  it('adds empty stage and source to existing candidates, and stores them for new ones', async () => {
    await run(`insert into candidates (id, name, stage, source, created_at, updated_at) values ('c2', 'Sam', 'Onsite', 'Referral', '${ts}', '${ts}')`);
    expect(await db.selectFrom('candidates').select(['id', 'stage', 'source']).orderBy('id').execute()).toEqual([
      { id: 'c1', stage: null, source: null },
      { id: 'c2', stage: 'Onsite', source: 'Referral' },
    ]);
  });

  it('down drops the columns and keeps the candidates', async () => {
    expect((await createMigrator(db).migrateTo('0004-criterion-sources')).error).toBeUndefined();
    const { rows } = await sql<{ name: string }>`select name from pragma_table_info('candidates')`.execute(db);
    expect(rows.map((r) => r.name)).toEqual(['id', 'name', 'email', 'requisition_id', 'created_at', 'updated_at']);
    expect(await db.selectFrom('candidates').select('name').execute()).toEqual([{ name: 'Dana Reyes' }]);
  });
});
