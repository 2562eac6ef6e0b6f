import { sql } from 'kysely';
import type { Database } from '../../db/open-database.js';
import { nowIso } from '../../db/clock.js';
import { callServer } from '../../shared/server-api/call-server.js';

/**
 * A rubric version signed in the web view arrives naming its signer by server user id. The
 * laptop asks the server for the members of that version's requisition (the signer is its hiring
 * manager), keeps their names, and shows the name wherever the sign-off appears. A name it cannot
 * learn now (no answer, no longer on the requisition) is tried again on the next sync.
 */
export async function learnSignerNames(db: Database, connection: { origin: string; deviceToken: string }, options: { fetch?: typeof fetch } = {}): Promise<number> {
  const { rows: unnamed } = await sql<{ user_id: string; requisition_id: string | null }>`
    select distinct json_extract(payload, '$.signedOffBy') as user_id, json_extract(payload, '$.requisitionId') as requisition_id
    from sync_changes
    where entity = 'rubric_version' and origin = 'remote' and payload is not null
      and json_extract(payload, '$.signedOffBy') is not null
      and json_extract(payload, '$.signedOffBy') not in (select user_id from sync_people)`.execute(db);
  const requisitions = [...new Set(unnamed.flatMap((r) => (typeof r.requisition_id === 'string' ? [r.requisition_id] : [])))];
  for (const requisitionId of requisitions) {
    let members;
    try {
      ({ members } = await callServer(connection.origin, 'requisition.members', { requisitionId }, { deviceToken: connection.deviceToken }, { fetch: options.fetch }));
    } catch {
      continue;
    }
    const now = nowIso();
    for (const m of members) {
      await db
        .insertInto('sync_people')
        .values({ user_id: m.userId, display_name: m.displayName, updated_at: now })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ display_name: m.displayName, updated_at: now }))
        .execute();
    }
  }
  return nameSignedVersions(db);
}

/** Replaces a signer's server id with their name on the versions they signed; returns how many. */
export async function nameSignedVersions(db: Database): Promise<number> {
  const result = await db
    .updateTable('rubric_versions')
    .set({ signed_off_by: (eb) => eb.selectFrom('sync_people').select('display_name').whereRef('sync_people.user_id', '=', 'rubric_versions.signed_off_by') })
    .where('signed_off_by', 'in', (eb) => eb.selectFrom('sync_people').select('user_id'))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
