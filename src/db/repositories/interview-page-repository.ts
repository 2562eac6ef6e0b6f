import { sql, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../open-database.js';
import type { SessionKind } from '../schema.js';
import { interviewRowsQuery, toInterviewRow, type InterviewRow, type InterviewStatus } from './session-filing-repository.js';
import { speakersOfSessions } from './sessions-repository.js';

/**
 * The Interviews list one page at a time, for stores of thousands of interviews: keyset paging on
 * (created_at, id), newest first, with the requisition and status filters in SQL so a page is
 * always full and "Show more" never skips or repeats a row, even when sessions share a timestamp.
 */

/** Where the previous page ended: the last row's created_at and id. */
export interface InterviewCursor {
  createdAt: string;
  id: string;
}

/** A status as the list shows it: the stored one refined (interviewStatus), or "transcribing" while that runs. */
export type ListedStatus = InterviewStatus | 'transcribing';
export const listedStatuses: readonly ListedStatus[] = ['recording', 'recovered', 'failed', 'transcribing', 'no-transcript', 'ready', 'reviewed'];

export interface InterviewFilter {
  requisitionId?: string;
  status?: ListedStatus;
  /** Sessions being transcribed right now (the backend knows, the store does not): listed as "transcribing". */
  transcribing?: ReadonlySet<string>;
}

/**
 * What a page can also be narrowed to, for views that offer a few sessions rather than the list:
 * filed under no requisition (`requisitionId: null`), one candidate's, one kind's.
 */
export interface InterviewPageFilter extends Omit<InterviewFilter, 'requisitionId'> {
  requisitionId?: string | null;
  candidateId?: string;
  kind?: SessionKind;
}

export interface InterviewPage {
  rows: (Omit<InterviewRow, 'status'> & { status: ListedStatus; speakers: string[] })[];
  /** Pass back as `after` for the next page; null when this page is the last. */
  next: InterviewCursor | null;
}

export interface InterviewCounts {
  /** Sessions matching the requisition filter. */
  total: number;
  /** Per status, within the requisition filter (a status chip says what choosing it would show). */
  statuses: Record<ListedStatus, number>;
  /** Per requisition with sessions, within the status filter, by title. */
  requisitions: { id: string; title: string; count: number }[];
}

export const defaultPageSize = 100;

/**
 * The list's status in SQL, the same rules as interviewStatus(): a filter on it pages correctly.
 * Refers to the sessions and session_moment_counts of interviewRowsQuery().
 */
function statusSql(transcribing: ReadonlySet<string> | undefined) {
  const busy = transcribing && transcribing.size > 0
    ? sql`when sessions.status <> 'recording' and sessions.id in (select value from json_each(${JSON.stringify([...transcribing])})) then 'transcribing'`
    : sql``;
  return sql<ListedStatus>`(case ${busy}
    when sessions.status <> 'complete' then sessions.status
    when not exists (select 1 from session_speakers k where k.session_id = sessions.id) then 'no-transcript'
    when coalesce(session_moment_counts.total, 0) > 0 and session_moment_counts.proposed = 0 then 'reviewed'
    else 'ready' end)`;
}

// The stored status a listed status needs (the case expression still decides): lets SQLite start
// from the (status, created_at, id) index. "Transcribing" may be stored as anything but recording.
function storedStatusSql(status: ListedStatus): Expression<SqlBool> | null {
  if (status === 'transcribing') return null;
  if (status === 'recording' || status === 'recovered' || status === 'failed') return sql<SqlBool>`sessions.status = ${status}`;
  return sql<SqlBool>`sessions.status = 'complete'`;
}

function filtered(db: Database, filter: InterviewPageFilter) {
  let query = interviewRowsQuery(db);
  if (filter.requisitionId === null) query = query.where('sessions.requisition_id', 'is', null);
  else if (filter.requisitionId !== undefined) query = query.where('sessions.requisition_id', '=', filter.requisitionId);
  if (filter.candidateId !== undefined) query = query.where('sessions.candidate_id', '=', filter.candidateId);
  if (filter.kind !== undefined) query = query.where('sessions.kind', '=', filter.kind);
  if (filter.status !== undefined) {
    const stored = storedStatusSql(filter.status);
    if (stored) query = query.where(stored);
    query = query.where(sql<SqlBool>`${statusSql(filter.transcribing)} = ${filter.status}`);
  }
  return query;
}

/** One page of the list, newest first, starting after `after` (the first page without it). */
export async function listInterviewPage(
  db: Database,
  filter: InterviewPageFilter & { after?: InterviewCursor; limit?: number } = {},
): Promise<InterviewPage> {
  const limit = filter.limit ?? defaultPageSize;
  let query = filtered(db, filter).select(statusSql(filter.transcribing).as('listed_status'));
  // Row values compare (created_at, id) as one key, which the list indexes (0014) are sorted by.
  if (filter.after) query = query.where(sql<SqlBool>`(sessions.created_at, sessions.id) < (${filter.after.createdAt}, ${filter.after.id})`);
  // One row more than asked says whether there is a next page without counting.
  const found = await query.limit(limit + 1).execute();
  const page = found.slice(0, limit);
  const speakers = await speakersOfSessions(db, page.map((row) => row.id));
  const last = page.at(-1);
  return {
    rows: page.map((row) => ({ ...toInterviewRow(row), status: row.listed_status, speakers: speakers.get(row.id) ?? [] })),
    next: found.length > limit && last ? { createdAt: last.created_at, id: last.id } : null,
  };
}

/**
 * Counts for the filter controls. One grouped pass over the sessions (requisition × status, a few
 * dozen rows) answers both facets whatever the filter, so no row leaves SQLite and no second pass runs.
 */
export async function countInterviews(db: Database, filter: InterviewFilter = {}): Promise<InterviewCounts> {
  const { rows } = await sql<{ requisition_id: string | null; title: string | null; status: ListedStatus; n: number }>`
    select g.requisition_id, requisitions.title, g.status, g.n
    from (
      select sessions.requisition_id, ${statusSql(filter.transcribing)} as status, count(*) as n
      from sessions
      left join session_moment_counts on session_moment_counts.session_id = sessions.id
      group by 1, 2
    ) g
    -- Titles for the few groups, not for every session.
    left join requisitions on requisitions.id = g.requisition_id`.execute(db);
  const inRequisition = rows.filter((row) => filter.requisitionId === undefined || row.requisition_id === filter.requisitionId);
  const statuses = Object.fromEntries(listedStatuses.map((status) => [status, 0])) as Record<ListedStatus, number>;
  for (const row of inRequisition) statuses[row.status] += Number(row.n);
  const requisitions = new Map<string, { id: string; title: string; count: number }>();
  for (const row of rows) {
    if (row.requisition_id === null || row.title === null) continue;
    const counted = filter.status === undefined || row.status === filter.status;
    // The chosen requisition stays listed (at 0) so the control can still show it.
    if (!counted && row.requisition_id !== filter.requisitionId) continue;
    const entry = requisitions.get(row.requisition_id) ?? { id: row.requisition_id, title: row.title, count: 0 };
    if (counted) entry.count += Number(row.n);
    requisitions.set(row.requisition_id, entry);
  }
  return {
    total: inRequisition.reduce((sum, row) => sum + Number(row.n), 0),
    statuses,
    requisitions: [...requisitions.values()].sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id)),
  };
}
