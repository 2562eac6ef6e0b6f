import type { Database } from '../open-database.js';

/**
 * The little of candidates that scorecards and debriefs read: a name and their interviews. Kept here,
 * not in a candidates repository, because branch i8a owns that one; the lead folds this into it.
 */
export interface CandidateRef {
  id: string;
  name: string;
  requisitionId: string | null;
}

export async function findCandidate(db: Database, id: string): Promise<CandidateRef | undefined> {
  const row = await db.selectFrom('candidates').select(['id', 'name', 'requisition_id']).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, name: row.name, requisitionId: row.requisition_id };
}
