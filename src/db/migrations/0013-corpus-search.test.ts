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
const segment = (id: string, speaker: string | null, start: number, text: string) =>
  run(`insert into transcript_segments (id, session_id, position, speaker, start_sec, end_sec, text) values ('${id}', 's1', ${start}, ${speaker === null ? 'null' : `'${speaker}'`}, ${start}, ${start + 1}, '${text}')`);

const speakers = async () =>
  (await sql<{ speaker: string; first_start: number; segment_count: number }>`
    select speaker, first_start, segment_count from session_speakers where session_id = 's1' order by first_start, speaker`.execute(db)).rows;
const documents = async (query: string) =>
  (await sql<{ kind: string; ref_id: string }>`
    select d.kind, d.ref_id from search_documents_fts f join search_documents d on d.id = f.rowid where search_documents_fts match ${query}
    union all
    select d.kind, d.ref_id from candidate_names_fts f join search_documents d on d.id = f.rowid where candidate_names_fts match ${query}
    order by 1, 2`.execute(db)).rows.map((r) => `${r.kind}:${r.ref_id}`);
const momentCounts = async () => (await sql<{ total: number; proposed: number }>`select total, proposed from session_moment_counts where session_id = 's1'`.execute(db)).rows;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-m0013-'));
  db = connectDatabase(path.join(dir, 'store.sqlite'));
  const migrator = createMigrator(db);
  expect((await migrator.migrateTo('0010-privacy')).error).toBeUndefined();
  // Rows written before the migration: it must backfill both tables.
  await run(`insert into requisitions (id, title, created_at, updated_at) values ('r1', 'Backend engineer', '${ts}', '${ts}')`);
  await run(`insert into rubrics (id, requisition_id, created_at) values ('rb1', 'r1', '${ts}')`);
  await run(`insert into rubric_versions (id, rubric_id, version, created_at) values ('v1', 'rb1', 1, '${ts}')`);
  await run(`insert into criteria (id, rubric_version_id, position, kind, title) values ('c1', 'v1', 0, 'must-have', 'Deep Postgres')`);
  await run(`insert into candidates (id, name, created_at, updated_at) values ('k1', 'Marcus Reed', '${ts}', '${ts}')`);
  await run(`insert into sessions (id, kind, title, source, candidate_id, created_at, updated_at) values ('s1', 'interview', 'Walrus screen', 'import', 'k1', '${ts}', '${ts}')`);
  await segment('g1', 'Dana', 0, 'hello');
  await segment('g2', 'Marcus', 3, 'hi there');
  await segment('g3', 'Marcus', 5, 'more');
  await segment('g4', null, 8, 'noise');
  await run(`insert into moments (id, session_id, start_sec, end_sec, criterion_id, origin, quote, note, created_at) values ('m1', 's1', 3, 5, 'c1', 'manual', 'sharded postgres', 'strong answer', '${ts}')`);
  expect((await migrator.migrateTo('0013-corpus-search')).error).toBeUndefined();
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0013-corpus-search', () => {
  it('backfills per-speaker counts and the searchable titles, names and evidence', async () => {
    expect(await speakers()).toEqual([
      { speaker: 'Dana', first_start: 0, segment_count: 1 },
      { speaker: 'Marcus', first_start: 3, segment_count: 2 },
      { speaker: '', first_start: 8, segment_count: 1 },
    ]);
    expect(await documents('walrus')).toEqual(['session-title:s1']);
    expect(await documents('reed')).toEqual(['candidate-name:k1']);
    expect(await documents('sharded AND strong')).toEqual(['moment:m1']);
    expect(await momentCounts()).toEqual([{ total: 1, proposed: 1 }]); // status defaults to proposed
  });

  it('keeps the speaker counts through inserts, renames, retimings and deletes', async () => {
    await segment('g5', 'Dana', 1, 'later');
    await run(`update transcript_segments set speaker = 'Marcus R' where id = 'g2'`);
    expect(await speakers()).toEqual([
      { speaker: 'Dana', first_start: 0, segment_count: 2 },
      { speaker: 'Marcus R', first_start: 3, segment_count: 1 },
      { speaker: 'Marcus', first_start: 5, segment_count: 1 },
      { speaker: '', first_start: 8, segment_count: 1 },
    ]);
    await run(`delete from transcript_segments where id = 'g1'`);
    await run(`update transcript_segments set start_sec = 9, end_sec = 10 where id = 'g3'`);
    expect(await speakers()).toEqual([
      { speaker: 'Dana', first_start: 1, segment_count: 1 },
      { speaker: 'Marcus R', first_start: 3, segment_count: 1 },
      { speaker: '', first_start: 8, segment_count: 1 },
      { speaker: 'Marcus', first_start: 9, segment_count: 1 },
    ]);
    await run(`delete from sessions where id = 's1'`);
    expect(await speakers()).toEqual([]);
    expect(await documents('walrus OR sharded')).toEqual([]);
  });

  it('re-indexes a renamed title, an edited or rejected moment and a submitted scorecard note', async () => {
    await run(`update sessions set title = 'Narwhal screen' where id = 's1'`);
    expect(await documents('walrus')).toEqual([]);
    expect(await documents('narwhal')).toEqual(['session-title:s1']);
    await run(`update moments set quote = 'replicated mysql' where id = 'm1'`);
    expect(await documents('sharded')).toEqual([]);
    expect(await documents('replicated')).toEqual(['moment:m1']);
    await run(`update moments set status = 'rejected' where id = 'm1'`);
    expect(await documents('replicated')).toEqual([]);
    expect(await momentCounts()).toEqual([{ total: 1, proposed: 0 }]);
    await run(`insert into moments (id, session_id, start_sec, end_sec, origin, status, created_at) values ('m2', 's1', 1, 2, 'auto', 'proposed', '${ts}')`);
    expect(await momentCounts()).toEqual([{ total: 2, proposed: 1 }]);
    await run(`update moments set status = 'accepted' where id = 'm2'`);
    expect(await momentCounts()).toEqual([{ total: 2, proposed: 0 }]);
    await run(`delete from moments where id = 'm1'`);
    expect(await momentCounts()).toEqual([{ total: 1, proposed: 0 }]);

    await run(`insert into scorecards (id, session_id, interviewer, rubric_version_id, created_at, updated_at) values ('sc1', 's1', 'Dana', 'v1', '${ts}', '${ts}')`);
    await run(`insert into scorecard_versions (id, scorecard_id, version, rubric_version_id, overall_recommendation, submitted_by, submitted_at) values ('x1', 'sc1', 1, 'v1', 'yes', 'Dana', '${ts}')`);
    await run(`insert into scorecard_version_ratings (id, scorecard_version_id, criterion_id, position, rating, note) values ('sr1', 'x1', 'c1', 0, 'yes', 'Explained vacuum tuning')`);
    const note = await sql<{ session_id: string; criterion_id: string }>`select session_id, criterion_id from search_documents where kind = 'scorecard-note'`.execute(db);
    expect(note.rows).toEqual([{ session_id: 's1', criterion_id: 'c1' }]);
    expect(await documents('vacuum')).toEqual(['scorecard-note:sr1']);
    await run(`delete from candidates where id = 'k1'`);
    expect(await documents('reed')).toEqual([]);
  });

  it('down drops the derived tables and triggers and keeps every source row', async () => {
    expect((await createMigrator(db).migrateTo('0010-privacy')).error).toBeUndefined();
    const left = await sql<{ name: string }>`select name from sqlite_master where name like 'session_speakers%' or name like 'search_documents%' or name like 'candidate_names%' or name like 'session_moment%'`.execute(db);
    expect(left.rows).toEqual([]);
    const kept = await sql<{ n: number }>`select (select count(*) from transcript_segments) + (select count(*) from moments) + (select count(*) from sessions) as n`.execute(db);
    expect(Number(kept.rows[0]!.n)).toBe(6);
    await segment('g9', 'Dana', 12, 'after down'); // no trigger left behind pointing at a dropped table
  });
});
