import { type Kysely, type Migration } from 'kysely';

/**
 * The names of the team server's people, by their server user id. A rubric version signed in the
 * web view arrives naming its signer by server id only; the laptop learns the name from the server
 * (the requisition's members) and shows that. Laptop-only: the server has its own users table.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not DB
type AnyDb = Kysely<any>;

async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('sync_people')
    .addColumn('user_id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('sync_people').execute();
}

export const m0015SyncPeople: Migration = { up, down };
