import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Synced structure. `sync_changes` is the team's log (per-team `seq`, one row per applied change id);
 * `sync_rows` is each entity's current row, for version checks and immutability. Payloads are kept
 * as sent (jsonb), so fields a newer client adds survive an older server. The scope columns
 * (requisition, candidate, author) are what access rules read.
 */

const now = sql`now()`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was
async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('requisition_members')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('requisition_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('requisition_members_pk', ['team_id', 'requisition_id', 'user_id'])
    .addCheckConstraint('requisition_members_role_check', sql`role in ('recruiter', 'hiring_manager', 'interviewer')`)
    .execute();

  await db.schema
    .createTable('sync_rows')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('requisition_id', 'text', (c) => c.notNull())
    .addColumn('candidate_id', 'text')
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('deleted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('payload', 'jsonb')
    .addColumn('content_hash', 'text')
    .addColumn('signed_off_by', 'text', (c) => c.references('users.id'))
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_rows_pk', ['team_id', 'entity', 'entity_id'])
    .execute();
  await db.schema.createIndex('sync_rows_requisition').on('sync_rows').columns(['team_id', 'requisition_id']).execute();

  await db.schema
    .createTable('sync_changes')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('change_id', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('base_version', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('payload', 'jsonb')
    .addColumn('requisition_id', 'text', (c) => c.notNull())
    .addColumn('candidate_id', 'text')
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('device_id', 'text', (c) => c.references('devices.id'))
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('sync_changes_pk', ['team_id', 'seq'])
    .addUniqueConstraint('sync_changes_change_id_unique', ['team_id', 'change_id'])
    .addCheckConstraint('sync_changes_op_check', sql`op in ('upsert', 'delete')`)
    .execute();
  await db.schema.createIndex('sync_changes_candidate').on('sync_changes').columns(['team_id', 'candidate_id', 'author_id']).execute();

  await db.schema
    .createTable('sign_offs')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('rubric_version_id', 'text', (c) => c.notNull())
    .addColumn('requisition_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('sign_offs_pk', ['team_id', 'rubric_version_id'])
    .execute();
}

export const m0002Sync: Migration = { up };
