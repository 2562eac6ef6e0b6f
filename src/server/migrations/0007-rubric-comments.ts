import { sql, type Kysely, type Migration } from 'kysely';
import { APP_ROLE } from './0003-row-security.js';

/**
 * Comments on a rubric version, made in the web view by the people on its requisition. They live
 * on the team server only (a conversation, not a record a laptop signs): read and written by
 * members of the requisition, each as themselves; row-level security says the same.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was
async function up(db: Kysely<any>): Promise<void> {
  const exec = (q: string) => sql.raw(q).execute(db);
  await exec(`create table rubric_comments (
    team_id text not null references teams(id),
    id text not null,
    rubric_version_id text not null,
    requisition_id text not null,
    author_id text not null references users(id),
    body text not null check (length(body) between 1 and 4000),
    created_at timestamptz not null default now(),
    primary key (team_id, id)
  )`);
  await exec(`create index rubric_comments_version on rubric_comments (team_id, rubric_version_id, created_at)`);
  await exec(`grant select, insert on rubric_comments to ${APP_ROLE}`);
  await exec(`alter table rubric_comments enable row level security`);
  await exec(`create policy rubric_comments_read on rubric_comments for select
    using (team_id = debrief_team() and debrief_member_role(team_id, requisition_id) is not null)`);
  await exec(`create policy rubric_comments_insert on rubric_comments for insert
    with check (team_id = debrief_team() and author_id = debrief_user() and debrief_member_role(team_id, requisition_id) is not null)`);
}

export const m0007RubricComments: Migration = { up };
