import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Row-level security as a second wall for who is who, as it is for hiring content: beside the
 * team policy, restrictive ones (all must pass) so that only an admin makes invites or changes
 * someone's role or disabled state, and a person is created only against an open invite for that
 * role (joining). A bug in a handler's own check then fails in PostgreSQL instead of escalating.
 * The functions read the row as the statement found it (stable, as the owner).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was
async function up(db: Kysely<any>): Promise<void> {
  const exec = (q: string) => sql.raw(q).execute(db);
  await exec(`create function debrief_standing_unchanged(p_id text, p_role text, p_disabled timestamptz) returns boolean
    language sql stable security definer set search_path from current
    as $$ select exists (select 1 from users where team_id = debrief_team() and id = p_id
                          and role = p_role and disabled_at is not distinct from p_disabled) $$`);
  await exec(`create function debrief_invite_open(p_team text, p_role text) returns boolean
    language sql stable security definer set search_path from current
    as $$ select exists (select 1 from invites where team_id = p_team and role = p_role
                          and used_at is null and expires_at > now()) $$`);
  await exec(`create policy users_standing on users as restrictive for update
    using (true) with check (debrief_is_admin() or debrief_standing_unchanged(id, role, disabled_at))`);
  await exec(`create policy users_by_invite on users as restrictive for insert
    with check (debrief_is_admin() or debrief_invite_open(team_id, role))`);
  await exec(`create policy invites_by_admin on invites as restrictive for insert with check (debrief_is_admin())`);
}

export const m0011IdentityGuards: Migration = { up };
