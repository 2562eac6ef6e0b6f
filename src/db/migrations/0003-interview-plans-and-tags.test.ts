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
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-m0003-'));
  db = connectDatabase(path.join(dir, 'store.sqlite'));
  const migrator = createMigrator(db);
  expect((await migrator.migrateTo('0002-sqlite-segment-search')).error).toBeUndefined();
  // Rows written before 0003 must survive it and get the new columns' defaults.
  await run(`insert into requisitions (id, title, created_at, updated_at) values ('r1', 'Backend engineer', '${ts}', '${ts}')`);
  await run(`insert into rubrics (id, requisition_id, created_at) values ('rb1', 'r1', '${ts}')`);
  await run(`insert into rubric_versions (id, rubric_id, version, created_at) values ('v1', 'rb1', 1, '${ts}')`);
  await run(`insert into criteria (id, rubric_version_id, position, kind, title) values ('c1', 'v1', 0, 'must-have', 'Go in production')`);
  await run(`insert into sessions (id, kind, title, source, created_at, updated_at) values ('s1', 'interview', 'Call', 'recording', '${ts}', '${ts}')`);
  await run(`insert into moments (id, session_id, start_sec, end_sec, criterion_id, origin, created_at) values ('m1', 's1', 1, 2, 'c1', 'manual', '${ts}')`);
  expect((await migrator.migrateTo('0003-interview-plans-and-tags')).error).toBeUndefined();
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0003-interview-plans-and-tags', () => {
  it('keeps existing moments, unflagged, and adds the new columns', async () => {
    const moment = await db.selectFrom('moments').selectAll().where('id', '=', 'm1').executeTakeFirstOrThrow();
    expect(moment).toMatchObject({ flagged: 0, reason: null, criterion_id: 'c1' });
    const version = await db.selectFrom('rubric_versions').selectAll().executeTakeFirstOrThrow();
    expect(version.parent_version).toBeNull();
    const session = await db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(session.interviewer).toBeNull();
  });

  it('stores a flag with no criterion and refuses a flagged value other than 0 or 1', async () => {
    await run(`insert into moments (id, session_id, start_sec, end_sec, origin, flagged, created_at) values ('m2', 's1', 5, 5, 'manual', 1, '${ts}')`);
    await expect(run(`insert into moments (id, session_id, start_sec, end_sec, origin, flagged, created_at) values ('m3', 's1', 5, 5, 'manual', 2, '${ts}')`)).rejects.toThrow(/CHECK/);
  });

  it('links questions to criteria, unique per version, cascading with the version', async () => {
    await run(`insert into interview_questions (id, rubric_version_id, key, stage, stage_position, position, text) values ('q1', 'v1', 'go-prod', 'Technical', 0, 0, 'Tell me about Go in production')`);
    await run(`insert into interview_question_criteria (question_id, criterion_id) values ('q1', 'c1')`);
    await expect(
      run(`insert into interview_questions (id, rubric_version_id, key, stage, stage_position, position, text) values ('q2', 'v1', 'go-prod', 'Technical', 0, 1, 'dup')`),
    ).rejects.toThrow(/UNIQUE/);
    await run(`delete from rubric_versions where id = 'v1'`);
    expect(await db.selectFrom('interview_questions').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('interview_question_criteria').selectAll().execute()).toEqual([]);
  });

  it('down removes what it added and keeps the rest', async () => {
    expect((await createMigrator(db).migrateTo('0002-sqlite-segment-search')).error).toBeUndefined();
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where name like 'interview_question%'`.execute(db);
    expect(rows).toEqual([]);
    const { rows: moments } = await sql<{ id: string }>`select id from moments`.execute(db);
    expect(moments).toEqual([{ id: 'm1' }]);
  });
});
