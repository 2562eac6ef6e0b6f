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
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-m0014-'));
  db = connectDatabase(path.join(dir, 'store.sqlite'));
  const migrator = createMigrator(db);
  expect((await migrator.migrateTo('0013-corpus-search')).error).toBeUndefined();
  await sql.raw(`insert into sessions (id, kind, title, status, source, created_at, updated_at) values ('s1', 'interview', 'Screen', 'complete', 'import', '${ts}', '${ts}')`).execute(db);
  expect((await migrator.migrateTo('0014-interview-list-paging')).error).toBeUndefined();
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const plan = async (query: string) =>
  (await sql.raw<{ detail: string }>(`explain query plan ${query}`).execute(db)).rows.map((r) => r.detail).join('\n');

describe('migration 0014-interview-list-paging', () => {
  it('lets a page of the list, filtered or not, read its rows in list order off an index, without sorting', async () => {
    const page = `select id from sessions where (created_at, id) < ('${ts}', 'zz') order by created_at desc, id desc limit 101`;
    expect(await plan(page)).toMatch(/sessions_list_idx/);
    expect(await plan(page)).not.toMatch(/TEMP B-TREE/);
    const requisition = `select id from sessions where requisition_id = 'r1' order by created_at desc, id desc limit 101`;
    expect(await plan(requisition)).toMatch(/sessions_requisition_list_idx/);
    expect(await plan(requisition)).not.toMatch(/TEMP B-TREE/);
    const status = `select id from sessions where status = 'failed' order by created_at desc, id desc limit 101`;
    expect(await plan(status)).toMatch(/sessions_status_list_idx/);
    expect((await sql<{ n: number }>`select count(*) as n from sessions`.execute(db)).rows[0]!.n).toBe(1);
  });

  it('rolls back to 0013 and forward again', async () => {
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('0013-corpus-search')).error).toBeUndefined();
    expect(await plan(`select id from sessions order by created_at desc, id desc`)).not.toMatch(/sessions_list_idx/);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
