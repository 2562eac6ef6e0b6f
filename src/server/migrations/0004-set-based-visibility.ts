import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The same read rules as 0003, stated over sets instead of a function per row: "my requisitions" and
 * "candidates I have scored" are computed once per query (hashed subplans), so a pull over a team
 * with many thousand changes doesn't run membership lookups for each row. Plus the indexes a pull
 * and a push walk: a requisition's log in sequence order, and one author's scorecards.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was
async function up(db: Kysely<any>): Promise<void> {
  const exec = (q: string) => sql.raw(q).execute(db);
  await exec(`create function debrief_my_requisitions() returns table (requisition_id text, role text)
    language sql stable security definer set search_path from current
    as $$ select requisition_id, role from requisition_members where team_id = debrief_team() and user_id = debrief_user() $$`);
  await exec(`create function debrief_my_scored_candidates() returns setof text
    language sql stable security definer set search_path from current
    as $$ select distinct candidate_id from sync_rows where team_id = debrief_team() and entity = 'scorecard_version'
          and author_id = debrief_user() and candidate_id is not null $$`);
  const visible = `team_id = debrief_team() and (
      requisition_id in (select r.requisition_id from debrief_my_requisitions() r where r.role in ('recruiter', 'hiring_manager'))
      or (requisition_id in (select r.requisition_id from debrief_my_requisitions() r where r.role = 'interviewer')
          and (candidate_id is null or author_id = debrief_user() or candidate_id in (select debrief_my_scored_candidates()))))`;
  for (const t of ['sync_rows', 'sync_changes']) {
    await exec(`drop policy ${t}_read on ${t}`);
    await exec(`create policy ${t}_read on ${t} for select using (${visible})`);
  }
  await exec(`drop policy sync_rows_update on sync_rows`);
  await exec(`create policy sync_rows_update on sync_rows for update using (${visible})
    with check (team_id = debrief_team() and debrief_may_write(team_id, requisition_id, entity, author_id, signed_off_by))`);
  await db.schema.createIndex('sync_changes_requisition_seq').on('sync_changes').columns(['team_id', 'requisition_id', 'seq']).execute();
  await db.schema.createIndex('sync_changes_author').on('sync_changes').columns(['team_id', 'author_id', 'entity', 'candidate_id']).execute();
}

export const m0004SetBasedVisibility: Migration = { up };
