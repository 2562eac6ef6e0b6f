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
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-m0012-'));
  db = connectDatabase(path.join(dir, 'store.sqlite'));
  const migrator = createMigrator(db);
  expect((await migrator.migrateTo('0010-privacy')).error).toBeUndefined();
  await run(`insert into requisitions (id, title, created_at, updated_at) values ('r1', 'Backend engineer', '${ts}', '${ts}')`);
  await run(`insert into candidates (id, name, requisition_id, stage, created_at, updated_at) values ('k1', 'Marcus', 'r1', 'Onsite', '${ts}', '${ts}')`);
  expect((await migrator.migrateTo('0012-calibration')).error).toBeUndefined();
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0012-calibration', () => {
  it('keeps stage changes and losses of existing candidates, a loss only with a reason and a known outcome', async () => {
    await run(`insert into candidate_stage_changes (id, candidate_id, from_stage, to_stage, changed_at) values ('h1', 'k1', null, 'Onsite', '${ts}')`);
    await run(`insert into candidate_losses (id, candidate_id, outcome, reason, recorded_by, recorded_at) values ('l1', 'k1', 'declined', 'Took another offer', 'Ana', '${ts}')`);
    await expect(run(`insert into candidate_losses (id, candidate_id, outcome, reason, recorded_by, recorded_at) values ('l2', 'k1', 'ghosted', 'x', 'Ana', '${ts}')`)).rejects.toThrow(/candidate_losses_outcome_check/);
    await expect(run(`insert into candidate_losses (id, candidate_id, outcome, reason, recorded_by, recorded_at) values ('l3', 'k1', 'withdrawn', '  ', 'Ana', '${ts}')`)).rejects.toThrow(/candidate_losses_reason_check/);
    await run(`insert into candidate_loss_moments (loss_id, position, moment_id, session_id, start_sec, end_sec, quote) values ('l1', 0, null, 's1', 1, 2, 'closer to home')`);
    // Erasing the candidate takes their history with them.
    await run(`pragma foreign_keys = on`);
    await run(`delete from candidates where id = 'k1'`);
    for (const table of ['candidate_stage_changes', 'candidate_losses', 'candidate_loss_moments']) {
      expect((await sql.raw<{ n: number }>(`select count(*) as n from ${table}`).execute(db)).rows[0]!.n).toBe(0);
    }
  });

  it('takes one pulse answer per role per requisition, yes or no', async () => {
    await run(`insert into alignment_pulses values ('r1', 'recruiter', 'Ana', 1, 0, '${ts}')`);
    await expect(run(`insert into alignment_pulses values ('r1', 'recruiter', 'Ana', 1, 1, '${ts}')`)).rejects.toThrow(/UNIQUE|PRIMARY/);
    await expect(run(`insert into alignment_pulses values ('r1', 'panel', 'Ana', 1, 1, '${ts}')`)).rejects.toThrow(/alignment_pulses_role_check/);
    await expect(run(`insert into alignment_pulses values ('r1', 'hiring-manager', 'Priya', 2, 1, '${ts}')`)).rejects.toThrow(/alignment_pulses_answers_check/);
  });

  it('rolls back to 0010 and forward again', async () => {
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('0010-privacy')).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
