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
const moment = (id: string, polarity: string) =>
  run(`insert into moments (id, session_id, start_sec, end_sec, origin, created_at, polarity) values ('${id}', 's1', 1, 2, 'auto', '${ts}', ${polarity})`);

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-m0007-'));
  db = connectDatabase(path.join(dir, 'store.sqlite'));
  const migrator = createMigrator(db);
  expect((await migrator.migrateTo('0004-criterion-sources')).error).toBeUndefined();
  await run(`insert into sessions (id, kind, title, source, created_at, updated_at) values ('s1', 'interview', 'Interview', 'import', '${ts}', '${ts}')`);
  await run(`insert into moments (id, session_id, start_sec, end_sec, origin, created_at) values ('old', 's1', 1, 2, 'manual', '${ts}')`);
  expect((await migrator.migrateTo('0007-moment-polarity')).error).toBeUndefined();
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0007-moment-polarity', () => {
  it('adds a nullable polarity that keeps earlier moments and accepts only supports or contradicts', async () => {
    await moment('a', "'supports'");
    await moment('b', "'contradicts'");
    await expect(moment('c', "'maybe'")).rejects.toThrow(/CHECK/);
    const rows = await db.selectFrom('moments').select(['id', 'polarity']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'a', polarity: 'supports' },
      { id: 'b', polarity: 'contradicts' },
      { id: 'old', polarity: null },
    ]);
  });

  it('down drops the column and keeps the moments', async () => {
    await moment('a', "'supports'");
    expect((await createMigrator(db).migrateTo('0004-criterion-sources')).error).toBeUndefined();
    const rows = await sql<{ id: string }>`select * from moments order by id`.execute(db);
    expect(rows.rows.map((r) => Object.keys(r).includes('polarity'))).toEqual([false, false]);
  });
});
