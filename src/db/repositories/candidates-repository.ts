import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { UserFacingError } from '../../core/errors.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import { recordChange } from '../sync/record-change.js';
import { optionalText as optional } from './optional-text.js';
import type { CandidatesTable } from '../schema.js';
import { recordStageChange } from './stage-history.js';

/** People interviewed for a requisition: name, optional email, their stage in the pipeline and where they came from. */

export interface Candidate {
  id: string;
  name: string;
  email: string | null;
  requisitionId: string | null;
  stage: string | null;
  source: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CandidateFields {
  name: string;
  email?: string | null;
  requisitionId?: string | null;
  stage?: string | null;
  source?: string | null;
}


function checkedName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new UserFacingError('A candidate needs a name.', 'invalid-candidate');
  return trimmed;
}

function checkedEmail(email: string | null | undefined): string | null {
  const value = optional(email);
  if (value !== null && !/^[^\s@]+@[^\s@]+$/.test(value)) {
    throw new UserFacingError(`"${value}" does not look like an email address (name@example.com); leave it empty if you do not have one.`, 'invalid-candidate');
  }
  return value;
}

async function checkedRequisition(db: Database, requisitionId: string | null | undefined): Promise<string | null> {
  const value = optional(requisitionId);
  if (value === null) return null;
  const found = await db.selectFrom('requisitions').select('id').where('id', '=', value).executeTakeFirst();
  if (!found) throw new UserFacingError('That requisition no longer exists (it may have been deleted): pick another one.', 'requisition-not-found');
  return value;
}

const candidateGone = () => new UserFacingError('That candidate no longer exists (they may have been deleted).', 'candidate-not-found');

const toCandidate = (row: Selectable<CandidatesTable>): Candidate => ({
  id: row.id,
  name: row.name,
  email: row.email,
  requisitionId: row.requisition_id,
  stage: row.stage,
  source: row.source,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export async function createCandidate(db: Database, input: CandidateFields): Promise<Candidate> {
  const id = randomUUID();
  const now = nowIso();
  const stage = optional(input.stage);
  const values = {
    id,
    name: checkedName(input.name),
    email: checkedEmail(input.email),
    requisition_id: await checkedRequisition(db, input.requisitionId),
    stage,
    source: optional(input.source),
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('candidates').values(values).execute();
    await recordStageChange(trx, id, null, stage, now);
    await recordChange(trx, { entity: 'candidate', entityId: id });
  });
  return getCandidate(db, id);
}

/** By name; only a requisition's candidates when one is given. */
export async function listCandidates(db: Database, filter: { requisitionId?: string } = {}): Promise<Candidate[]> {
  let query = db.selectFrom('candidates').selectAll().orderBy('name').orderBy('id');
  if (filter.requisitionId !== undefined) query = query.where('requisition_id', '=', filter.requisitionId);
  return (await query.execute()).map(toCandidate);
}

export async function getCandidate(db: Database, id: string): Promise<Candidate> {
  const row = await db.selectFrom('candidates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw candidateGone();
  return toCandidate(row);
}

export async function updateCandidate(db: Database, id: string, patch: Partial<CandidateFields>): Promise<Candidate> {
  const before = await getCandidate(db, id);
  const now = nowIso();
  const set = {
    ...(patch.name !== undefined ? { name: checkedName(patch.name) } : {}),
    ...(patch.email !== undefined ? { email: checkedEmail(patch.email) } : {}),
    ...(patch.requisitionId !== undefined ? { requisition_id: await checkedRequisition(db, patch.requisitionId) } : {}),
    ...(patch.stage !== undefined ? { stage: optional(patch.stage) } : {}),
    ...(patch.source !== undefined ? { source: optional(patch.source) } : {}),
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('candidates').set(set).where('id', '=', id).execute();
    // Time in stage is measured from these changes.
    if (patch.stage !== undefined) await recordStageChange(trx, id, before.stage, optional(patch.stage), now);
    await recordChange(trx, { entity: 'candidate', entityId: id });
  });
  return getCandidate(db, id);
}

/** Their sessions stay (a session is the recording itself), no longer filed under anyone. */
export async function deleteCandidate(db: Database, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('candidates').where('id', '=', id).executeTakeFirst();
    if (result.numDeletedRows === 0n) throw candidateGone();
    await recordChange(trx, { entity: 'candidate', entityId: id, op: 'delete' });
  });
}
