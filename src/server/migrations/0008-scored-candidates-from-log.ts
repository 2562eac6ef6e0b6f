import { sql, type Kysely, type Migration } from 'kysely';

/**
 * "Candidates I have scored" (debrief_my_scored_candidates, which every read policy on the change
 * log runs once per query) read from the change log's author index instead of sync_rows, which has
 * no index by author: each interviewer's pull scanned all of the team's scorecards, 19 ms a pull with
 * 10,000 of them, most of a pull's time under load. The same set: scorecard versions never change
 * author, and an erasure deletes a candidate from both tables. An index by author on sync_rows was
 * tried first: while statistics lagged a burst of inserts the planner took it for a push's lookup of
 * rows by entity and id (the primary key's job), and that lookup scanned every scorecard.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was
async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function debrief_my_scored_candidates() returns setof text
    language sql stable security definer set search_path from current
    as $$ select distinct candidate_id from sync_changes where team_id = debrief_team() and author_id = debrief_user()
          and entity = 'scorecard_version' and candidate_id is not null $$`.execute(db);
}

export const m0008ScoredCandidatesFromLog: Migration = { up };
