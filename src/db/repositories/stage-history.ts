import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { StageChange } from '../../core/calibration/calibration-input.js';
import type { DB } from '../schema.js';

/** A candidate's stage changes (0012): written wherever the stage changes, read for time in stage. */

type Db = Kysely<DB> | Transaction<DB>;

export async function recordStageChange(db: Db, candidateId: string, fromStage: string | null, toStage: string | null, at: string): Promise<void> {
  if (fromStage === toStage) return;
  await db.insertInto('candidate_stage_changes').values({ id: randomUUID(), candidate_id: candidateId, from_stage: fromStage, to_stage: toStage, changed_at: at }).execute();
}

export async function listStageChanges(db: Db, candidateIds: readonly string[]): Promise<StageChange[]> {
  if (candidateIds.length === 0) return [];
  const rows = await db.selectFrom('candidate_stage_changes').selectAll().where('candidate_id', 'in', [...candidateIds]).orderBy('changed_at').orderBy('id').execute();
  return rows.map((r) => ({ candidateId: r.candidate_id, fromStage: r.from_stage, toStage: r.to_stage, at: r.changed_at }));
}
