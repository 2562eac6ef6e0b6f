import { type Kysely, type Migration } from 'kysely';

/**
 * Indexes for the paged Interviews list (newest first, keyset on created_at then id):
 * the unfiltered page, one requisition's page and one stored status's page each read
 * their first rows straight off an index in list order, instead of sorting every session.
 * Plain indexes, so the sync server gets them too.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not DB
type AnyDb = Kysely<any>;

const indexes = [
  { name: 'sessions_list_idx', columns: ['created_at', 'id'] },
  { name: 'sessions_requisition_list_idx', columns: ['requisition_id', 'created_at', 'id'] },
  { name: 'sessions_status_list_idx', columns: ['status', 'created_at', 'id'] },
] as const;

async function up(db: AnyDb): Promise<void> {
  for (const index of indexes) await db.schema.createIndex(index.name).on('sessions').columns([...index.columns]).execute();
}

async function down(db: AnyDb): Promise<void> {
  for (const index of indexes) await db.schema.dropIndex(index.name).execute();
}

export const m0014InterviewListPaging: Migration = { up, down };
