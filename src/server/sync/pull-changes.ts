import { sql } from 'kysely';
import type { SyncChange } from '../../core/sync/sync-change.js';
import type { PullRequest, PullResponse } from '../../core/sync/sync-protocol.js';
import { commitWith, literal, type ServerTransaction } from '../db/server-database.js';
import type { Caller } from '../http/handler.js';

interface VisibleRow {
  seq: number;
  eff: number;
  version: number;
  change_id: string;
  hlc: string;
  entity: SyncChange['entity'];
  entity_id: string;
  op: SyncChange['op'];
  base_version: number;
  payload: Record<string, unknown> | null;
  more: boolean;
}

/**
 * The changes this caller may see, in order of when they became visible to them. A change is
 * visible from its own seq, except another person's scorecard (or the debrief) for a candidate an
 * interviewer hasn't yet scored: that becomes visible at the seq of the interviewer's own first
 * submission, so the pull after submitting brings the panel's scorecards even though they are older
 * than the cursor; and a requisition's older changes, for someone added to it later, become visible
 * at the seq they were added at. The row-level security policies filter the same rows again.
 */
export async function pullChanges(trx: ServerTransaction, caller: Caller, request: PullRequest, options: { commit?: boolean } = {}): Promise<PullResponse> {
  const text = visibleQuery(caller, request.since, request.limit);
  const rows = options.commit ? await commitWith<VisibleRow>(trx, text) : (await sql.raw<VisibleRow>(text).execute(trx)).rows;
  const next = rows.reduce((max, r) => Math.max(max, r.eff), request.since);
  return {
    changes: rows.map((r) => ({
      seq: r.seq,
      version: r.version,
      change: {
        id: r.change_id,
        hlc: r.hlc,
        entity: r.entity,
        entityId: r.entity_id,
        op: r.op,
        baseVersion: r.base_version,
        payload: r.payload,
      },
    })),
    next,
    more: rows[0]?.more ?? false,
  };
}

/**
 * One query (values inlined as literals, so a laptop's pull can commit in its round trip): the
 * visible changes after `since` up to the eff of the limit-th, whole: never cut a group that became
 * visible at one seq, or `next` would skip the rest of it. Each row says whether more lie beyond.
 */
function visibleQuery(caller: Caller, since: number, limit: number): string {
  const team = literal(caller.teamId);
  const me = literal(caller.user.id);
  if (!Number.isSafeInteger(since) || !Number.isSafeInteger(limit) || limit < 1) throw new Error('a pull needs whole numbers');
  // Two index walks: changes on my requisitions after the cursor, or all of a requisition I joined
  // after the cursor (what it held at or before the cursor then comes as one group at the seq I
  // joined; a fresh laptop, cursor 0, pages through it as usual); and older scorecards that became
  // visible when I scored their candidate after the cursor. A laptop more than a page behind when it
  // was added may be sent a few changes twice; it keeps each once, by id. The policies filter both again.
  const joinedAt = `case when c.seq <= ${since} then m.visible_from else c.seq end`;
  return `
    with mine as (
      select requisition_id, role, visible_from from requisition_members where team_id = ${team} and user_id = ${me}
    ), firsts as (
      select candidate_id, min(seq) as at from sync_changes
      where team_id = ${team} and author_id = ${me} and entity = 'scorecard_version' group by candidate_id
    ), seen as materialized (
      select c.seq, c.version, c.change_id, c.hlc, c.entity, c.entity_id, c.op, c.base_version, c.payload,
        case when m.role = 'interviewer' and c.candidate_id is not null and c.author_id <> ${me}
             then greatest(${joinedAt}, f.at) else ${joinedAt} end as eff
      from mine m
      join sync_changes c on c.team_id = ${team} and c.requisition_id = m.requisition_id
        and c.seq > case when m.visible_from > ${since} then 0 else ${since} end
      left join firsts f on f.candidate_id = c.candidate_id
      where m.role <> 'interviewer' or c.candidate_id is null or c.author_id = ${me} or f.at is not null
      union all
      select c.seq, c.version, c.change_id, c.hlc, c.entity, c.entity_id, c.op, c.base_version, c.payload, f.at as eff
      from firsts f
      join sync_changes c on c.team_id = ${team} and c.candidate_id = f.candidate_id and c.seq <= ${since}
      join mine m on m.requisition_id = c.requisition_id and m.role = 'interviewer' and m.visible_from <= ${since}
      where f.at > ${since} and c.author_id <> ${me}
    ), cut as (
      select eff from seen where eff > ${since} order by eff, seq offset ${limit - 1} limit 1
    )
    select seen.*, exists (select 1 from seen, cut where seen.eff > cut.eff) as more
    from seen where eff > ${since} and (not exists (select 1 from cut) or eff <= (select eff from cut))
    order by eff, seq`;
}
