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
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-m0011-'));
  db = connectDatabase(path.join(dir, 'store.sqlite'));
  const migrator = createMigrator(db);
  expect((await migrator.migrateTo('0010-privacy')).error).toBeUndefined();
  await run(`insert into sync_outbox (id, entity, entity_id, op, created_at) values ('old', 'candidate', 'c1', 'upsert', '${ts}')`);
  expect((await migrator.migrateTo('0011-sync-ledger')).error).toBeUndefined();
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0011-sync-ledger', () => {
  it('keeps earlier outbox entries (base version 0) and adds the ledger, with its checks', async () => {
    expect(await db.selectFrom('sync_outbox').select(['id', 'hlc', 'base_version', 'candidate_id']).execute()).toEqual([{ id: 'old', hlc: null, base_version: 0, candidate_id: null }]);
    await run(`insert into sync_device (id, device_id, created_at) values (1, 'd1', '${ts}')`);
    await expect(run(`insert into sync_device (id, device_id, created_at) values (2, 'd2', '${ts}')`)).rejects.toThrow(/CHECK/);
    const change = (id: string, status: string) =>
      run(`insert into sync_changes (id, hlc, entity, entity_id, op, base_version, origin, status, received_at) values ('${id}', 'h', 'candidate', 'c1', 'upsert', 0, 'remote', '${status}', '${ts}')`);
    await change('a', 'pending');
    await expect(change('a', 'applied')).rejects.toThrow(/UNIQUE/);
    await expect(change('b', 'maybe')).rejects.toThrow(/CHECK/);
    await run(`insert into sync_rows (entity, entity_id, version, hlc, change_id) values ('candidate', 'c1', 1, 'h', 'a')`);
    await expect(run(`insert into sync_rows (entity, entity_id, version, hlc, change_id) values ('candidate', 'c1', 2, 'h', 'b')`)).rejects.toThrow(/UNIQUE/);
  });

  it('down drops the ledger and the new outbox columns, keeping the outbox', async () => {
    expect((await createMigrator(db).migrateTo('0010-privacy')).error).toBeUndefined();
    const rows = await sql<Record<string, unknown>>`select * from sync_outbox`.execute(db);
    expect(rows.rows.map((r) => [r['id'], 'hlc' in r])).toEqual([['old', false]]);
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables.filter((t) => t.startsWith('sync_'))).toEqual(['sync_outbox']);
  });
});
