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

async function matches(expression: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select s.id from transcript_segments_fts f join transcript_segments s on s.rowid = f.rowid
    where transcript_segments_fts match ${expression} order by s.id`.execute(db);
  return rows.map((r) => r.id);
}

async function schemaObjects(): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select type || ' ' || name as name from sqlite_master where name like 'transcript_segments_fts%' order by name`.execute(db);
  return rows.map((r) => r.name);
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-m0002-'));
  db = connectDatabase(path.join(dir, 'store.sqlite'));
  const migrator = createMigrator(db);
  expect((await migrator.migrateTo('0001-initial')).error).toBeUndefined();
  await run(`insert into sessions (id, kind, title, source, created_at, updated_at)
             values ('s1', 'interview', 'Call', 'recording', '${ts}', '${ts}')`);
  // A segment written before the index exists must be indexed by the migration.
  await run(`insert into transcript_segments (id, session_id, position, start_sec, end_sec, text)
             values ('g0', 's1', 0, 0, 1, 'We hired three engineers last year')`);
  expect((await migrator.migrateTo('0002-sqlite-segment-search')).error).toBeUndefined();
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0002-sqlite-segment-search', () => {
  it('creates the FTS5 table and its three triggers', async () => {
    const objects = await schemaObjects();
    expect(objects).toEqual(
      expect.arrayContaining([
        'table transcript_segments_fts',
        'trigger transcript_segments_fts_delete',
        'trigger transcript_segments_fts_insert',
        'trigger transcript_segments_fts_update',
      ]),
    );
    const { rows } = await sql<{ sql: string }>`
      select sql from sqlite_master where name = 'transcript_segments_fts'`.execute(db);
    expect(rows[0]!.sql).toMatch(/content = 'transcript_segments'/);
    expect(rows[0]!.sql).toMatch(/porter unicode61 remove_diacritics 2/);
  });

  it('indexes rows that existed before it ran, with porter stemming', async () => {
    expect(await matches('"hiring"')).toEqual(['g0']);
    expect(await matches('"engineer"')).toEqual(['g0']);
  });

  it('folds diacritics', async () => {
    await run(`insert into transcript_segments (id, session_id, position, start_sec, end_sec, text)
               values ('g1', 's1', 1, 1, 2, 'Meet me at the café in Zürich')`);
    expect(await matches('"cafe"')).toEqual(['g1']);
    expect(await matches('"zurich"')).toEqual(['g1']);
  });

  it('keeps the index in step with inserts, text updates and deletes', async () => {
    await run(`insert into transcript_segments (id, session_id, position, start_sec, end_sec, text)
               values ('g1', 's1', 1, 1, 2, 'Kubernetes on bare metal')`);
    expect(await matches('"kubernetes"')).toEqual(['g1']);

    await run(`update transcript_segments set text = 'Terraform everywhere' where id = 'g1'`);
    expect(await matches('"kubernetes"')).toEqual([]);
    expect(await matches('"terraform"')).toEqual(['g1']);

    // A retiming leaves the index alone and still finds the row.
    await run(`update transcript_segments set start_sec = 1.5 where id = 'g1'`);
    expect(await matches('"terraform"')).toEqual(['g1']);

    await run(`delete from transcript_segments where id = 'g1'`);
    expect(await matches('"terraform"')).toEqual([]);
  });

  it('drops index entries when a session delete cascades to its segments', async () => {
    await run(`delete from sessions where id = 's1'`);
    expect(await matches('"hired"')).toEqual([]);
    // The index is consistent with its (now empty) content table.
    await run(`insert into transcript_segments_fts (transcript_segments_fts) values ('integrity-check')`);
  });

  it('down removes the index and triggers, leaving the segments', async () => {
    const { error } = await createMigrator(db).migrateTo('0001-initial');
    expect(error).toBeUndefined();
    expect(await schemaObjects()).toEqual([]);
    const { rows } = await sql<{ n: number }>`select count(*) as n from transcript_segments`.execute(db);
    expect(rows[0]!.n).toBe(1);
    // Writes to segments still work without the triggers' target table.
    await run(`insert into transcript_segments (id, session_id, position, start_sec, end_sec, text)
               values ('g9', 's1', 9, 9, 10, 'after down')`);
  });
});
