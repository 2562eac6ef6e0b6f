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
const source = (id: string, position: number) =>
  run(`insert into criterion_sources (id, criterion_id, session_id, segment_id, position, quote, start_sec, end_sec, speaker, cue)
       values ('${id}', 'c1', 's1', 'g1', ${position}, 'They must know Postgres.', 61.5, 64.25, 'Hiring Manager', 'must')`);

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-m0004-'));
  db = connectDatabase(path.join(dir, 'store.sqlite'));
  const migrator = createMigrator(db);
  expect((await migrator.migrateTo('0003-interview-plans-and-tags')).error).toBeUndefined();
  await run(`insert into requisitions (id, title, created_at, updated_at) values ('r1', 'Backend engineer', '${ts}', '${ts}')`);
  await run(`insert into rubrics (id, requisition_id, created_at) values ('rb1', 'r1', '${ts}')`);
  await run(`insert into rubric_versions (id, rubric_id, version, created_at) values ('v1', 'rb1', 1, '${ts}')`);
  await run(`insert into criteria (id, rubric_version_id, position, kind, title) values ('c1', 'v1', 0, 'must-have', 'Deep Postgres')`);
  await run(`insert into sessions (id, kind, title, source, created_at, updated_at) values ('s1', 'intake', 'Intake', 'import', '${ts}', '${ts}')`);
  await run(`insert into transcript_segments (id, session_id, position, start_sec, end_sec, text) values ('g1', 's1', 0, 60, 65, 'They must know Postgres.')`);
  expect((await migrator.migrateTo('0004-criterion-sources')).error).toBeUndefined();
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0004-criterion-sources', () => {
  it('stores a quote with its times, speaker and cue, one per position', async () => {
    await source('x1', 0);
    expect(await db.selectFrom('criterion_sources').selectAll().execute()).toEqual([
      { id: 'x1', criterion_id: 'c1', session_id: 's1', segment_id: 'g1', position: 0, quote: 'They must know Postgres.', start_sec: 61.5, end_sec: 64.25, speaker: 'Hiring Manager', cue: 'must' },
    ]);
    await expect(source('x2', 0)).rejects.toThrow(/UNIQUE/);
    await expect(source('x3', -1)).rejects.toThrow(/CHECK/);
    await expect(run(`insert into criterion_sources (id, criterion_id, position, quote, start_sec, end_sec) values ('x4', 'c1', 1, 'q', 5, 4)`)).rejects.toThrow(/CHECK/);
    await expect(run(`insert into criterion_sources (id, criterion_id, position, quote, start_sec, end_sec) values ('x5', 'nope', 1, 'q', 1, 2)`)).rejects.toThrow(/FOREIGN KEY/);
  });

  it('keeps the quote when the intake session is deleted, and goes with its criterion', async () => {
    await source('x1', 0);
    await run(`delete from sessions where id = 's1'`);
    expect(await db.selectFrom('criterion_sources').select(['quote', 'session_id', 'segment_id']).execute()).toEqual([
      { quote: 'They must know Postgres.', session_id: null, segment_id: null },
    ]);
    await run(`delete from rubric_versions where id = 'v1'`);
    expect(await db.selectFrom('criterion_sources').selectAll().execute()).toEqual([]);
  });

  it('down removes the table and keeps the rest', async () => {
    await source('x1', 0);
    expect((await createMigrator(db).migrateTo('0003-interview-plans-and-tags')).error).toBeUndefined();
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where name like 'criterion_sources%'`.execute(db);
    expect(rows).toEqual([]);
    const { rows: criteria } = await sql<{ id: string }>`select id from criteria`.execute(db);
    expect(criteria).toEqual([{ id: 'c1' }]);
  });
});
