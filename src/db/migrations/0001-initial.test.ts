import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NO_MIGRATIONS, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMigrator } from '../migrate.js';
import { connectDatabase, type Database } from '../open-database.js';
import { initialTables } from './0001-initial.js';

let dir: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-m0001-'));
  db = connectDatabase(path.join(dir, 'store.sqlite'));
  const { error } = await createMigrator(db).migrateTo('0001-initial');
  expect(error).toBeUndefined();
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function userTables(): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
    order by name`.execute(db);
  return rows.map((r) => r.name);
}

async function columns(table: string): Promise<Record<string, { type: string; notnull: number; pk: number }>> {
  const { rows } = await sql<{ name: string; type: string; notnull: number; pk: number }>`
    select name, type, "notnull", pk from pragma_table_info(${table})`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, { type: r.type.toLowerCase(), notnull: r.notnull, pk: r.pk }]));
}

async function foreignKeys(table: string): Promise<string[]> {
  const { rows } = await sql<{ from: string; table: string; on_delete: string }>`
    select "from", "table", on_delete from pragma_foreign_key_list(${table}) order by "from"`.execute(db);
  return rows.map((r) => `${r.from}->${r.table} ${r.on_delete}`);
}

const run = (query: string) => sql.raw(query).execute(db);
const ts = '2025-01-01T00:00:00.000Z';

async function seedSession(id = 's1'): Promise<void> {
  await run(`insert into sessions (id, kind, title, source, created_at, updated_at)
             values ('${id}', 'interview', 'Call', 'recording', '${ts}', '${ts}')`);
}

describe('migration 0001-initial', () => {
  it('creates every table of the data model', async () => {
    expect(await userTables()).toEqual([...initialTables].sort());
  });

  it('gives each table its columns, with text uuid primary keys', async () => {
    const expected: Record<string, string[]> = {
      requisitions: ['id', 'title', 'role', 'hiring_manager', 'recruiter', 'status', 'created_at', 'updated_at'],
      rubrics: ['id', 'requisition_id', 'title', 'created_at'],
      rubric_versions: ['id', 'rubric_id', 'version', 'created_at', 'signed_off_by', 'signed_off_at', 'notes'],
      criteria: ['id', 'rubric_version_id', 'position', 'kind', 'title', 'description', 'good_looks_like',
        'bad_looks_like', 'signals', 'scale_min', 'scale_max'],
      candidates: ['id', 'name', 'email', 'requisition_id', 'created_at', 'updated_at'],
      sessions: ['id', 'kind', 'title', 'requisition_id', 'candidate_id', 'rubric_version_id', 'stage', 'started_at',
        'ended_at', 'duration_sec', 'status', 'source', 'consent_text', 'consent_acknowledged_at', 'created_at',
        'updated_at'],
      tracks: ['id', 'session_id', 'position', 'source', 'speaker_label', 'path', 'sample_rate', 'channels',
        'duration_sec'],
      transcript_segments: ['id', 'session_id', 'track_id', 'position', 'speaker', 'start_sec', 'end_sec', 'text',
        'words'],
      moments: ['id', 'session_id', 'start_sec', 'end_sec', 'criterion_id', 'rubric_version_id', 'author', 'origin',
        'note', 'quote', 'confidence', 'status', 'created_at'],
      scorecards: ['id', 'session_id', 'interviewer', 'rubric_version_id', 'overall_recommendation', 'submitted_at',
        'created_at', 'updated_at'],
      scorecard_ratings: ['id', 'scorecard_id', 'criterion_id', 'rating', 'notes'],
      rating_evidence: ['rating_id', 'moment_id'],
      sync_outbox: ['id', 'entity', 'entity_id', 'op', 'payload', 'created_at', 'sent_at', 'attempts', 'last_error'],
      settings: ['key', 'value', 'updated_at'],
    };
    for (const [table, names] of Object.entries(expected)) {
      const cols = await columns(table);
      expect(Object.keys(cols), table).toEqual(names);
      if (table === 'rating_evidence') {
        expect(cols.rating_id).toMatchObject({ notnull: 1, pk: 1 });
        expect(cols.moment_id).toMatchObject({ notnull: 1, pk: 2 });
      } else {
        const pk = table === 'settings' ? 'key' : 'id';
        expect(cols[pk], `${table}.${pk}`).toMatchObject({ type: 'text', notnull: 1, pk: 1 });
      }
    }
    expect((await columns('transcript_segments')).start_sec).toMatchObject({ type: 'double precision', notnull: 1 });
    expect((await columns('sessions')).requisition_id!.notnull).toBe(0);
  });

  it('declares foreign keys: cascade for children, set null for optional links, restrict for scored history', async () => {
    expect(await foreignKeys('rubrics')).toEqual(['requisition_id->requisitions CASCADE']);
    expect(await foreignKeys('rubric_versions')).toEqual(['rubric_id->rubrics CASCADE']);
    expect(await foreignKeys('criteria')).toEqual(['rubric_version_id->rubric_versions CASCADE']);
    expect(await foreignKeys('candidates')).toEqual(['requisition_id->requisitions SET NULL']);
    expect(await foreignKeys('sessions')).toEqual([
      'candidate_id->candidates SET NULL',
      'requisition_id->requisitions SET NULL',
      'rubric_version_id->rubric_versions SET NULL',
    ]);
    expect(await foreignKeys('tracks')).toEqual(['session_id->sessions CASCADE']);
    expect(await foreignKeys('transcript_segments')).toEqual([
      'session_id->sessions CASCADE',
      'track_id->tracks SET NULL',
    ]);
    expect(await foreignKeys('moments')).toEqual([
      'criterion_id->criteria SET NULL',
      'rubric_version_id->rubric_versions SET NULL',
      'session_id->sessions CASCADE',
    ]);
    expect(await foreignKeys('scorecards')).toEqual([
      'rubric_version_id->rubric_versions NO ACTION',
      'session_id->sessions CASCADE',
    ]);
    expect(await foreignKeys('scorecard_ratings')).toEqual([
      'criterion_id->criteria NO ACTION',
      'scorecard_id->scorecards CASCADE',
    ]);
    expect(await foreignKeys('rating_evidence')).toEqual([
      'moment_id->moments CASCADE',
      'rating_id->scorecard_ratings CASCADE',
    ]);
  });

  it('applies column defaults', async () => {
    await run(`insert into requisitions (id, title, created_at, updated_at) values ('r1', 'Eng', '${ts}', '${ts}')`);
    await run(`insert into rubrics (id, requisition_id, created_at) values ('rb1', 'r1', '${ts}')`);
    await run(`insert into rubric_versions (id, rubric_id, version, created_at) values ('v1', 'rb1', 1, '${ts}')`);
    await run(`insert into criteria (id, rubric_version_id, position, kind, title) values ('c1', 'v1', 0, 'must-have', 'Go')`);
    await seedSession();
    await run(`insert into sync_outbox (id, entity, entity_id, op, created_at) values ('o1', 'sessions', 's1', 'upsert', '${ts}')`);
    const { rows } = await sql<Record<string, unknown>>`
      select (select status from requisitions) as req_status,
             (select signals from criteria) as signals,
             (select scale_min || '-' || scale_max from criteria) as scale,
             (select status from sessions) as session_status,
             (select attempts from sync_outbox) as attempts`.execute(db);
    expect(rows[0]).toEqual({ req_status: 'open', signals: '[]', scale: '1-4', session_status: 'complete', attempts: 0 });
  });

  it('rejects values outside the CHECK-constrained enums and ranges', async () => {
    await seedSession();
    const bad = [
      `insert into sessions (id, kind, title, source, created_at, updated_at) values ('x', 'chat', 't', 'recording', '${ts}', '${ts}')`,
      `insert into sessions (id, kind, title, source, created_at, updated_at) values ('x', 'intake', 't', 'fax', '${ts}', '${ts}')`,
      `insert into sessions (id, kind, title, source, status, created_at, updated_at) values ('x', 'intake', 't', 'import', 'lost', '${ts}', '${ts}')`,
      `insert into sessions (id, kind, title, source, duration_sec, created_at, updated_at) values ('x', 'intake', 't', 'import', -1, '${ts}', '${ts}')`,
      `insert into tracks (id, session_id, position, source) values ('t', 's1', 0, 'phone')`,
      `insert into tracks (id, session_id, position, source, sample_rate) values ('t', 's1', 0, 'mic', 0)`,
      `insert into transcript_segments (id, session_id, position, start_sec, end_sec, text) values ('g', 's1', 0, 5, 4, 'x')`,
      `insert into transcript_segments (id, session_id, position, start_sec, end_sec, text) values ('g', 's1', 0, -1, 4, 'x')`,
      `insert into moments (id, session_id, start_sec, end_sec, origin, created_at) values ('m', 's1', 0, 1, 'magic', '${ts}')`,
      `insert into moments (id, session_id, start_sec, end_sec, origin, status, created_at) values ('m', 's1', 0, 1, 'auto', 'maybe', '${ts}')`,
      `insert into moments (id, session_id, start_sec, end_sec, origin, confidence, created_at) values ('m', 's1', 0, 1, 'auto', 1.5, '${ts}')`,
      `insert into sync_outbox (id, entity, entity_id, op, created_at) values ('o', 'e', 'i', 'merge', '${ts}')`,
      `insert into requisitions (id, title, status, created_at, updated_at) values ('r', 't', 'gone', '${ts}', '${ts}')`,
    ];
    for (const statement of bad) {
      await expect(run(statement), statement).rejects.toThrow(/CHECK constraint failed/);
    }
    await run(`insert into requisitions (id, title, created_at, updated_at) values ('r1', 'Eng', '${ts}', '${ts}')`);
    await run(`insert into rubrics (id, requisition_id, created_at) values ('rb1', 'r1', '${ts}')`);
    await run(`insert into rubric_versions (id, rubric_id, version, created_at) values ('v1', 'rb1', 1, '${ts}')`);
    const badCriteria = [
      `insert into criteria (id, rubric_version_id, position, kind, title) values ('c', 'v1', 0, 'nice-to-have', 'x')`,
      `insert into criteria (id, rubric_version_id, position, kind, title, scale_min, scale_max) values ('c', 'v1', 0, 'must-have', 'x', 3, 3)`,
      `insert into rubric_versions (id, rubric_id, version, created_at) values ('v0', 'rb1', 0, '${ts}')`,
      `insert into scorecards (id, session_id, interviewer, rubric_version_id, overall_recommendation, created_at, updated_at) values ('sc', 's1', 'Ann', 'v1', 'maybe', '${ts}', '${ts}')`,
    ];
    for (const statement of badCriteria) {
      await expect(run(statement), statement).rejects.toThrow(/CHECK constraint failed/);
    }
  });

  it('enforces uniqueness and foreign keys', async () => {
    await seedSession();
    await run(`insert into transcript_segments (id, session_id, position, start_sec, end_sec, text) values ('g1', 's1', 0, 0, 1, 'a')`);
    await expect(
      run(`insert into transcript_segments (id, session_id, position, start_sec, end_sec, text) values ('g2', 's1', 0, 1, 2, 'b')`),
    ).rejects.toThrow(/UNIQUE constraint failed/);
    await expect(
      run(`insert into tracks (id, session_id, position, source) values ('t', 'nope', 0, 'mic')`),
    ).rejects.toThrow(/FOREIGN KEY constraint failed/);
  });

  it('cascades a deleted session to its children, and keeps rubric versions that scorecards use', async () => {
    await run(`insert into requisitions (id, title, created_at, updated_at) values ('r1', 'Eng', '${ts}', '${ts}')`);
    await run(`insert into rubrics (id, requisition_id, created_at) values ('rb1', 'r1', '${ts}')`);
    await run(`insert into rubric_versions (id, rubric_id, version, created_at) values ('v1', 'rb1', 1, '${ts}')`);
    await run(`insert into criteria (id, rubric_version_id, position, kind, title) values ('c1', 'v1', 0, 'must-have', 'Go')`);
    await run(`insert into sessions (id, kind, title, source, requisition_id, rubric_version_id, created_at, updated_at)
               values ('s1', 'interview', 'Call', 'recording', 'r1', 'v1', '${ts}', '${ts}')`);
    await run(`insert into tracks (id, session_id, position, source) values ('t1', 's1', 0, 'mic')`);
    await run(`insert into transcript_segments (id, session_id, track_id, position, start_sec, end_sec, text) values ('g1', 's1', 't1', 0, 0, 1, 'a')`);
    await run(`insert into moments (id, session_id, start_sec, end_sec, criterion_id, origin, created_at) values ('m1', 's1', 0, 1, 'c1', 'manual', '${ts}')`);
    await run(`insert into scorecards (id, session_id, interviewer, rubric_version_id, created_at, updated_at) values ('sc1', 's1', 'Ann', 'v1', '${ts}', '${ts}')`);
    await run(`insert into scorecard_ratings (id, scorecard_id, criterion_id, rating) values ('sr1', 'sc1', 'c1', 3)`);
    await run(`insert into rating_evidence (rating_id, moment_id) values ('sr1', 'm1')`);

    // Scored history protects its rubric: deleting the requisition is refused.
    await expect(run(`delete from requisitions where id = 'r1'`)).rejects.toThrow(/FOREIGN KEY constraint failed/);

    await run(`delete from sessions where id = 's1'`);
    for (const table of ['tracks', 'transcript_segments', 'moments', 'scorecards', 'scorecard_ratings', 'rating_evidence']) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
      expect(rows[0]!.n, table).toBe(0);
    }
    // With no scorecards left, the requisition takes its rubric tree with it.
    await run(`delete from requisitions where id = 'r1'`);
    for (const table of ['rubrics', 'rubric_versions', 'criteria']) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
      expect(rows[0]!.n, table).toBe(0);
    }
  });

  it('down drops every table it created', async () => {
    const { error, results } = await createMigrator(db).migrateTo(NO_MIGRATIONS);
    expect(error).toBeUndefined();
    expect(results?.map((r) => `${r.migrationName} ${r.direction} ${r.status}`)).toEqual([
      '0001-initial Down Success',
    ]);
    expect(await userTables()).toEqual([]);
  });
});
