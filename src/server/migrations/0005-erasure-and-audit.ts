import { sql, type Kysely, type Migration } from 'kysely';
import { APP_ROLE } from './0003-row-security.js';

/**
 * Candidate erasure and the server's audit trail.
 *
 * `erasure_receipts` is all that remains of an erased candidate: a hash of their id, the
 * requisition, when and by whom. Rows about the candidate are removed by one SECURITY DEFINER
 * function, so the change log stays append-only for the app role in every other case, and an admin
 * (who can't see hiring content) can still erase. It re-checks who may erase, removes the rows,
 * the log entries that carried copies of them, and appends one erasure entry to the log that
 * carries only the id and its hash, so every laptop erases its copy on its next pull.
 *
 * `audit_events` is append-only (select, insert): who did what to which id, never content.
 */

const now = sql`now()`;
const HASH = (id: string) => `encode(sha256(convert_to('debrief-candidate:' || ${id}, 'UTF8')), 'hex')`;
/** The candidate a synced row is about: its scope column, its own id, or the id its payload names. */
const ABOUT = `coalesce(candidate_id, case when entity = 'candidate' then entity_id end, payload->>'candidateId', payload->>'candidate_id')`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was
async function up(db: Kysely<any>): Promise<void> {
  const exec = (q: string) => sql.raw(q).execute(db);
  await db.schema
    .createTable('erasure_receipts')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('candidate_hash', 'text', (c) => c.notNull())
    .addColumn('requisition_id', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('erased_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('rows_removed', 'integer', (c) => c.notNull())
    .addColumn('changes_removed', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('erasure_receipts_pk', ['team_id', 'candidate_hash'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('device_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('requisition_id', 'text')
    .addColumn('candidate_hash', 'text')
    .addColumn('details', 'jsonb')
    .addPrimaryKeyConstraint('audit_events_pk', ['team_id', 'id'])
    .addCheckConstraint('audit_events_action_check', sql`action in ('opened', 'exported', 'shared', 'submitted', 'amended', 'signed_off', 'deleted')`)
    .execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').columns(['team_id', 'at']).execute();

  await exec(`create function debrief_is_admin() returns boolean
    language sql stable security definer set search_path from current
    as $$ select exists (select 1 from users where team_id = debrief_team() and id = debrief_user() and role = 'admin' and disabled_at is null) $$`);
  await exec(`create function debrief_may_erase(p_team text, p_requisition text) returns boolean
    language sql stable security definer set search_path from current
    as $$ select debrief_is_admin() or coalesce(debrief_member_role(p_team, p_requisition) in ('recruiter', 'hiring_manager'), false) $$`);
  // Where a candidate lives, for callers (admins) who can't see their rows.
  await exec(`create function debrief_candidate_requisition(p_candidate text) returns text
    language sql stable security definer set search_path from current
    as $$ select requisition_id from sync_rows where team_id = debrief_team() and entity <> 'erasure' and ${ABOUT} = p_candidate
          order by (entity = 'candidate') desc limit 1 $$`);

  await exec(`create function debrief_erase_candidate(p_candidate text, p_requisition text, p_seq bigint, p_change_id text, p_hlc text, p_erased_at text, p_device text)
    returns table (rows_removed integer, changes_removed integer)
    language plpgsql security definer set search_path from current
    as $$
    declare
      v_team text := debrief_team();
      v_user text := debrief_user();
      v_hash text := ${HASH('p_candidate')};
      -- The requisition the server has them under; the one the laptop names only when it has nothing.
      v_requisition text := coalesce(debrief_candidate_requisition(p_candidate), p_requisition);
      v_rows integer;
      v_changes integer;
      v_payload jsonb;
    begin
      if v_team is null or v_user is null then raise exception 'no caller' using errcode = '42501'; end if;
      if v_requisition is null then raise exception 'no such candidate' using errcode = 'P0002'; end if;
      if not debrief_may_erase(v_team, v_requisition) then raise exception 'may not erase' using errcode = '42501'; end if;
      delete from sync_rows where team_id = v_team and entity <> 'erasure' and ${ABOUT} = p_candidate;
      get diagnostics v_rows = row_count;
      delete from sync_changes where team_id = v_team and entity <> 'erasure' and ${ABOUT} = p_candidate;
      get diagnostics v_changes = row_count;
      insert into erasure_receipts (team_id, candidate_hash, requisition_id, erased_at, erased_by, seq, rows_removed, changes_removed)
        values (v_team, v_hash, v_requisition, p_erased_at::timestamptz, v_user, p_seq, v_rows, v_changes);
      v_payload := jsonb_build_object('candidate_id', p_candidate, 'requisitionId', v_requisition, 'candidate_hash', v_hash,
        'erased_at', p_erased_at, 'erased_by', v_user);
      insert into sync_rows (team_id, entity, entity_id, requisition_id, candidate_id, author_id, version, deleted, payload, last_seq)
        values (v_team, 'erasure', p_candidate, v_requisition, null, v_user, 1, false, v_payload, p_seq)
        on conflict (team_id, entity, entity_id) do update set last_seq = excluded.last_seq, payload = excluded.payload;
      insert into sync_changes (team_id, seq, change_id, entity, entity_id, op, hlc, base_version, version, payload, requisition_id, candidate_id, author_id, device_id)
        values (v_team, p_seq, p_change_id, 'erasure', p_candidate, 'upsert', p_hlc, 0, 1, v_payload, v_requisition, null, v_user, p_device);
      return query select v_rows, v_changes;
    end $$`);
  await exec(`revoke all on function debrief_erase_candidate(text, text, bigint, text, text, text, text) from public`);
  await exec(`grant execute on function debrief_erase_candidate(text, text, bigint, text, text, text, text) to ${APP_ROLE}`);

  // Receipts are hashes only: every team member may read them (a push for an erased candidate is refused).
  await exec(`grant select on erasure_receipts to ${APP_ROLE}`);
  await exec(`grant select, insert on audit_events to ${APP_ROLE}`);
  await exec(`alter table erasure_receipts enable row level security`);
  await exec(`alter table audit_events enable row level security`);
  await exec(`create policy erasure_receipts_read on erasure_receipts for select using (team_id = debrief_team())`);
  await exec(`create policy audit_events_read on audit_events for select using (team_id = debrief_team() and debrief_is_admin())`);
  await exec(`create policy audit_events_insert on audit_events for insert with check (team_id = debrief_team() and actor_id = debrief_user())`);
}

export const m0005ErasureAndAudit: Migration = { up };
