import { randomUUID } from 'node:crypto';
import { UserFacingError } from '../../core/errors.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import { recordChange } from '../sync/record-change.js';
import { optionalText as optional } from './optional-text.js';
import type { RequisitionStatus } from '../schema.js';

/** Open roles: each has one rubric (its versions live in rubrics-repository) and the sessions filed under it. */

export const REQUISITION_STATUSES = ['draft', 'open', 'on-hold', 'filled', 'closed'] as const satisfies readonly RequisitionStatus[];

export interface RequisitionSummary {
  id: string;
  title: string;
  role: string | null;
  hiringManager: string | null;
  recruiter: string | null;
  status: RequisitionStatus;
  createdAt: string;
  /** The newest rubric version, or null before the first save. */
  latestVersion: { id: string; version: number; signedOffBy: string | null; signedOffAt: string | null } | null;
}

export interface RequisitionFields {
  title: string;
  role?: string | null;
  hiringManager?: string | null;
  recruiter?: string | null;
  status?: RequisitionStatus;
}


function checkedTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw new UserFacingError('A requisition needs a title.', 'invalid-requisition');
  return trimmed;
}

export async function createRequisition(db: Database, input: RequisitionFields): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('requisitions')
      .values({
        id,
        title: checkedTitle(input.title),
        role: optional(input.role),
        hiring_manager: optional(input.hiringManager),
        recruiter: optional(input.recruiter),
        ...(input.status ? { status: input.status } : {}),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordChange(trx, { entity: 'requisition', entityId: id });
  });
  return id;
}

/** Newest first, each with its latest rubric version. */
export async function listRequisitions(db: Database): Promise<RequisitionSummary[]> {
  return summaries(db);
}

export async function getRequisition(db: Database, id: string): Promise<RequisitionSummary> {
  const [found] = await summaries(db, id);
  if (!found) throw new UserFacingError(`The requisition ${id} does not exist (it may have been deleted).`, 'requisition-not-found');
  return found;
}

/** Changes the given fields; the title also renames the rubric (its versions show the requisition's title). */
export async function updateRequisition(db: Database, id: string, patch: Partial<RequisitionFields>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('requisitions')
      .set({
        ...(patch.title !== undefined ? { title: checkedTitle(patch.title) } : {}),
        ...(patch.role !== undefined ? { role: optional(patch.role) } : {}),
        ...(patch.hiringManager !== undefined ? { hiring_manager: optional(patch.hiringManager) } : {}),
        ...(patch.recruiter !== undefined ? { recruiter: optional(patch.recruiter) } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new UserFacingError(`The requisition ${id} does not exist (it may have been deleted).`, 'requisition-not-found');
    await recordChange(trx, { entity: 'requisition', entityId: id });
    if (patch.title !== undefined) {
      await trx.updateTable('rubrics').set({ title: checkedTitle(patch.title) }).where('requisition_id', '=', id).execute();
      for (const r of await trx.selectFrom('rubrics').select('id').where('requisition_id', '=', id).execute()) await recordChange(trx, { entity: 'rubric', entityId: r.id });
    }
  });
}

async function summaries(db: Database, onlyId?: string): Promise<RequisitionSummary[]> {
  let query = db.selectFrom('requisitions').selectAll().orderBy('created_at', 'desc');
  if (onlyId !== undefined) query = query.where('id', '=', onlyId);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  let versionQuery = db
    .selectFrom('rubric_versions')
    .innerJoin('rubrics', 'rubrics.id', 'rubric_versions.rubric_id')
    .select(['rubrics.requisition_id', 'rubric_versions.id', 'rubric_versions.version', 'rubric_versions.signed_off_by', 'rubric_versions.signed_off_at'])
    .orderBy('rubric_versions.version', 'desc');
  if (onlyId !== undefined) versionQuery = versionQuery.where('rubrics.requisition_id', '=', onlyId);
  const versions = await versionQuery.execute();
  return rows.map((r) => {
    const latest = versions.find((v) => v.requisition_id === r.id);
    return {
      id: r.id,
      title: r.title,
      role: r.role,
      hiringManager: r.hiring_manager,
      recruiter: r.recruiter,
      status: r.status,
      createdAt: r.created_at,
      latestVersion: latest ? { id: latest.id, version: latest.version, signedOffBy: latest.signed_off_by, signedOffAt: latest.signed_off_at } : null,
    };
  });
}
