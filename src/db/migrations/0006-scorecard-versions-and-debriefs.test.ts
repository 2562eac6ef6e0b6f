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
const version = (id: string, n: number, recommendation: string, reason: string | null) =>
  run(`insert into scorecard_versions (id, scorecard_id, version, rubric_version_id, overall_recommendation, summary, amendment_reason, submitted_by, submitted_at)
       values ('${id}', 'sc1', ${n}, 'v1', '${recommendation}', null, ${reason === null ? 'null' : `'${reason}'`}, 'Dana', '${ts}')`);

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-m0006-'));
  db = connectDatabase(path.join(dir, 'store.sqlite'));
  const migrator = createMigrator(db);
  expect((await migrator.migrateTo('0004-criterion-sources')).error).toBeUndefined();
  await run(`insert into requisitions (id, title, created_at, updated_at) values ('r1', 'Backend engineer', '${ts}', '${ts}')`);
  await run(`insert into rubrics (id, requisition_id, created_at) values ('rb1', 'r1', '${ts}')`);
  await run(`insert into rubric_versions (id, rubric_id, version, created_at) values ('v1', 'rb1', 1, '${ts}')`);
  await run(`insert into criteria (id, rubric_version_id, position, kind, title) values ('c1', 'v1', 0, 'must-have', 'Deep Postgres')`);
  await run(`insert into sessions (id, kind, title, source, created_at, updated_at) values ('s1', 'interview', 'Screen', 'import', '${ts}', '${ts}')`);
  await run(`insert into scorecards (id, session_id, interviewer, rubric_version_id, created_at, updated_at) values ('sc1', 's1', 'Dana', 'v1', '${ts}', '${ts}')`);
  await run(`insert into candidates (id, name, created_at, updated_at) values ('k1', 'Marcus', '${ts}', '${ts}')`);
  expect((await migrator.migrateTo('0006-scorecard-versions-and-debriefs')).error).toBeUndefined();
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0006-scorecard-versions-and-debriefs', () => {
  it('keeps versions of a scorecard, an amendment only with its reason', async () => {
    await version('x1', 1, 'yes', null);
    await version('x2', 2, 'strong_yes', 'Re-listened');
    await expect(version('x3', 3, 'no', null)).rejects.toThrow(/CHECK constraint failed: scorecard_versions_amendment_check/);
    await expect(version('x4', 1, 'no', 'why')).rejects.toThrow(/scorecard_versions_amendment_check|UNIQUE/);
    await expect(version('x5', 4, 'maybe', 'why')).rejects.toThrow(/scorecard_versions_recommendation_check/);
    expect((await db.selectFrom('scorecard_versions').select('version').orderBy('version').execute()).map((r) => r.version)).toEqual([1, 2]);
  });

  it('allows the five rating choices only, and decisions from the four outcomes', async () => {
    await version('x1', 1, 'yes', null);
    await run(`insert into scorecard_version_ratings (id, scorecard_version_id, criterion_id, position, rating) values ('r1', 'x1', 'c1', 0, 'no_evidence')`);
    await expect(run(`insert into scorecard_version_ratings (id, scorecard_version_id, criterion_id, position, rating) values ('r2', 'x1', 'c1', 1, 'mixed')`)).rejects.toThrow(/CHECK|UNIQUE/);
    await run(`insert into debrief_decisions (id, candidate_id, decision, decided_by, decided_at) values ('d1', 'k1', 'hold', 'Priya', '${ts}')`);
    await expect(run(`insert into debrief_decisions (id, candidate_id, decision, decided_by, decided_at) values ('d2', 'k1', 'maybe', 'Priya', '${ts}')`)).rejects.toThrow(/debrief_decisions_decision_check/);
  });

  it('rolls back to 0004 and forward again', async () => {
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('0004-criterion-sources')).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
