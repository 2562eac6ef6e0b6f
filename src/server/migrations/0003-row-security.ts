import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Row-level security: the second wall behind the server's own checks. The server connects as
 * `debrief_app`, which owns no table, so these policies bind it; each request's transaction sets
 * `debrief.team_id` and `debrief.user_id` (set_config, local to the transaction).
 *
 * The helper functions that look at membership and submissions are SECURITY DEFINER (they run as
 * the owner, who is not bound by the policies), so a policy never recurses into itself.
 */

export const APP_ROLE = 'debrief_app';

const IDENTITY_TABLES = ['users', 'invites', 'devices', 'web_sessions', 'login_attempts'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was
async function up(db: Kysely<any>): Promise<void> {
  const exec = (q: string) => sql.raw(q).execute(db);
  await exec(`do $$ begin
    if not exists (select from pg_roles where rolname = '${APP_ROLE}') then create role ${APP_ROLE} nologin; end if;
  end $$`);

  await exec(`create function debrief_team() returns text language sql stable
    as $$ select nullif(current_setting('debrief.team_id', true), '') $$`);
  await exec(`create function debrief_user() returns text language sql stable
    as $$ select nullif(current_setting('debrief.user_id', true), '') $$`);
  await exec(`create function debrief_member_role(p_team text, p_requisition text) returns text
    language sql stable security definer set search_path from current
    as $$ select role from requisition_members where team_id = p_team and requisition_id = p_requisition and user_id = debrief_user() $$`);
  await exec(`create function debrief_has_submitted(p_team text, p_candidate text) returns boolean
    language sql stable security definer set search_path from current
    as $$ select exists (select 1 from sync_rows where team_id = p_team and entity = 'scorecard_version'
                         and candidate_id = p_candidate and author_id = debrief_user()) $$`);
  // Interviewers see other people's scorecards (and the debrief) for a candidate only after submitting their own.
  await exec(`create function debrief_may_see(p_team text, p_requisition text, p_candidate text, p_author text) returns boolean
    language sql stable
    as $$ select case debrief_member_role(p_team, p_requisition)
      when 'recruiter' then true
      when 'hiring_manager' then true
      when 'interviewer' then p_candidate is null or p_author = debrief_user() or debrief_has_submitted(p_team, p_candidate)
      else false end $$`);
  // Writers write as themselves; interviewers write only scorecards; only the hiring manager signs off.
  await exec(`create function debrief_may_write(p_team text, p_requisition text, p_entity text, p_author text, p_signed_off_by text) returns boolean
    language sql stable
    as $$ select coalesce(p_author = debrief_user(), false)
      and case when p_entity = 'scorecard_version' then debrief_member_role(p_team, p_requisition) is not null
               else coalesce(debrief_member_role(p_team, p_requisition) in ('recruiter', 'hiring_manager'), false) end
      and (p_signed_off_by is null or (p_signed_off_by = debrief_user() and debrief_member_role(p_team, p_requisition) = 'hiring_manager')) $$`);
  // A recruiter or hiring manager on the requisition adds people; the first member of a new one is its creator.
  await exec(`create function debrief_may_add_member(p_team text, p_requisition text, p_user text, p_role text) returns boolean
    language sql stable security definer set search_path from current
    as $$ select coalesce(debrief_member_role(p_team, p_requisition) in ('recruiter', 'hiring_manager'), false)
      or (p_user = debrief_user()
          and not exists (select 1 from requisition_members where team_id = p_team and requisition_id = p_requisition)
          and p_role = (select role from users where id = p_user and team_id = p_team)
          and p_role in ('recruiter', 'hiring_manager')) $$`);

  await exec(`grant usage on schema public to ${APP_ROLE}`);
  // The server checks it isn't running on a schema behind its code.
  await exec(`grant select on kysely_migration to ${APP_ROLE}`);
  await exec(`grant select, update on teams to ${APP_ROLE}`);
  for (const t of IDENTITY_TABLES) await exec(`grant select, insert, update, delete on ${t} to ${APP_ROLE}`);
  await exec(`grant select, insert, delete on requisition_members to ${APP_ROLE}`);
  await exec(`grant select, insert, update on sync_rows to ${APP_ROLE}`);
  // The log is append-only even for the server.
  await exec(`grant select, insert on sync_changes, sign_offs to ${APP_ROLE}`);

  for (const t of ['teams', ...IDENTITY_TABLES, 'requisition_members', 'sync_rows', 'sync_changes', 'sign_offs']) {
    await exec(`alter table ${t} enable row level security`);
  }
  await exec(`create policy teams_read on teams for select using (true)`);
  await exec(`create policy teams_write on teams for update using (id = debrief_team())`);
  for (const t of IDENTITY_TABLES) {
    await exec(`create policy ${t}_team on ${t} using (team_id = debrief_team()) with check (team_id = debrief_team())`);
  }
  await exec(`create policy members_read on requisition_members for select using (team_id = debrief_team())`);
  await exec(`create policy members_add on requisition_members for insert
    with check (team_id = debrief_team() and debrief_may_add_member(team_id, requisition_id, user_id, role))`);
  await exec(`create policy members_remove on requisition_members for delete
    using (team_id = debrief_team() and coalesce(debrief_member_role(team_id, requisition_id) in ('recruiter', 'hiring_manager'), false))`);
  for (const t of ['sync_rows', 'sync_changes']) {
    await exec(`create policy ${t}_read on ${t} for select
      using (team_id = debrief_team() and debrief_may_see(team_id, requisition_id, candidate_id, author_id))`);
    await exec(`create policy ${t}_insert on ${t} for insert
      with check (team_id = debrief_team() and debrief_may_write(team_id, requisition_id, entity, author_id, ${t === 'sync_rows' ? 'signed_off_by' : 'null'}))`);
  }
  await exec(`create policy sync_rows_update on sync_rows for update
    using (team_id = debrief_team() and debrief_may_see(team_id, requisition_id, candidate_id, author_id))
    with check (team_id = debrief_team() and debrief_may_write(team_id, requisition_id, entity, author_id, signed_off_by))`);
  await exec(`create policy sign_offs_read on sign_offs for select
    using (team_id = debrief_team() and debrief_member_role(team_id, requisition_id) is not null)`);
  await exec(`create policy sign_offs_insert on sign_offs for insert
    with check (team_id = debrief_team() and user_id = debrief_user() and debrief_member_role(team_id, requisition_id) = 'hiring_manager')`);
}

export const m0003RowSecurity: Migration = { up };
