import type { Kysely, Migration } from 'kysely';

/**
 * The team sequence number at which a person joined a requisition. A laptop that had already pulled
 * past everything on the requisition before its owner was added would otherwise never receive the
 * requisition's older rows: a pull sends what is after its cursor. Those rows become visible to the
 * new member at this number instead. 0 for everyone who was there from the start (creators, and
 * members added before this column: their laptops had no cursor to outrun).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was
async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('requisition_members').addColumn('visible_from', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
}

export const m0009MemberVisibleFrom: Migration = { up };
