import { sql, type Kysely, type Migration } from 'kysely';
import { APP_ROLE } from './0003-row-security.js';

/**
 * An admin taking a hiring role away from someone (users.setRole) also takes it from their
 * requisitions: they stay on them as an interviewer. The app role may change a membership's role
 * only that way, and only as an admin; adding and removing members keep their own policies.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was
async function up(db: Kysely<any>): Promise<void> {
  const exec = (q: string) => sql.raw(q).execute(db);
  await exec(`grant update (role) on requisition_members to ${APP_ROLE}`);
  await exec(`create policy members_demote on requisition_members for update
    using (team_id = debrief_team() and debrief_is_admin())
    with check (team_id = debrief_team() and role = 'interviewer')`);
}

export const m0010MemberDemotion: Migration = { up };
