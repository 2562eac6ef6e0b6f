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

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-m0015-'));
  db = connectDatabase(path.join(dir, 'store.sqlite'));
  const migrator = createMigrator(db);
  expect((await migrator.migrateTo('0014-interview-list-paging')).error).toBeUndefined();
  await sql.raw(`insert into requisitions (id, title, status, created_at, updated_at) values ('r1', 'AE', 'open', '${ts}', '${ts}')`).execute(db);
  expect((await migrator.migrateTo('0015-sync-people')).error).toBeUndefined();
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0015-sync-people', () => {
  it('adds the names of server people by user id, one per id, and keeps what was stored', async () => {
    await sql.raw(`insert into sync_people (user_id, display_name, updated_at) values ('u_1', 'Hank Manager', '${ts}')`).execute(db);
    await expect(sql.raw(`insert into sync_people (user_id, display_name, updated_at) values ('u_1', 'Other', '${ts}')`).execute(db)).rejects.toThrow(/UNIQUE|PRIMARY/);
    await expect(sql.raw(`insert into sync_people (user_id, updated_at) values ('u_2', '${ts}')`).execute(db)).rejects.toThrow(/NOT NULL/);
    expect((await sql<{ n: number }>`select count(*) as n from requisitions`.execute(db)).rows[0]!.n).toBe(1);
  });

  it('comes down again', async () => {
    expect((await createMigrator(db).migrateTo('0014-interview-list-paging')).error).toBeUndefined();
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where name = 'sync_people'`.execute(db);
    expect(rows).toEqual([]);
  });
});
