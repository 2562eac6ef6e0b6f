import { UserFacingError } from '../../core/errors.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import type { SessionKind, SessionStatus } from '../schema.js';

const sessionGone = () => new UserFacingError('That session no longer exists (it may have been deleted).', 'session-not-found');

/** Where a session is filed (candidate, requisition, stage), its title, and the Interviews list built from that. */

export interface SessionFiling {
  title?: string;
  candidateId?: string | null;
  requisitionId?: string | null;
  stage?: string | null;
}

/** Renames or moves a session; a candidate filed under a requisition brings that requisition along unless one is given. */
export async function fileSession(db: Database, sessionId: string, filing: SessionFiling): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const session = await trx.selectFrom('sessions').select('id').where('id', '=', sessionId).executeTakeFirst();
    if (!session) throw sessionGone();
    let requisitionId = filing.requisitionId;
    if (filing.candidateId) {
      const candidate = await trx.selectFrom('candidates').select('requisition_id').where('id', '=', filing.candidateId).executeTakeFirst();
      if (!candidate) throw new UserFacingError('That candidate no longer exists (they may have been deleted): pick another one.', 'candidate-not-found');
      if (requisitionId === undefined && candidate.requisition_id) requisitionId = candidate.requisition_id;
    }
    if (requisitionId) {
      const requisition = await trx.selectFrom('requisitions').select('id').where('id', '=', requisitionId).executeTakeFirst();
      if (!requisition) throw new UserFacingError('That requisition no longer exists (it may have been deleted): pick another one.', 'requisition-not-found');
    }
    const title = filing.title?.trim();
    if (filing.title !== undefined && !title) throw new UserFacingError('A session needs a title.', 'invalid-session');
    await trx
      .updateTable('sessions')
      .set({
        ...(title ? { title } : {}),
        ...(filing.candidateId !== undefined ? { candidate_id: filing.candidateId } : {}),
        ...(requisitionId !== undefined ? { requisition_id: requisitionId } : {}),
        ...(filing.stage !== undefined ? { stage: filing.stage?.trim() || null } : {}),
        updated_at: nowIso(),
      })
      .where('id', '=', sessionId)
      .execute();
  });
}

/** A session's status in the Interviews list: the stored one, refined by what has happened since. */
export type InterviewStatus = Exclude<SessionStatus, 'complete'> | 'no-transcript' | 'ready' | 'reviewed';

export interface InterviewRow {
  id: string;
  title: string;
  kind: SessionKind;
  candidate: { id: string; name: string } | null;
  requisition: { id: string; title: string } | null;
  stage: string | null;
  interviewer: string | null;
  date: string;
  status: InterviewStatus;
  rubric: { versionId: string; version: number; signed: boolean } | null;
  /** Recorded or imported audio is stored (not deleted by retention): it can be transcribed. */
  hasAudio: boolean;
}

export function interviewStatus(stored: SessionStatus, segmentCount: number, moments: { total: number; proposed: number }): InterviewStatus {
  if (stored !== 'complete') return stored;
  if (segmentCount === 0) return 'no-transcript';
  return moments.total > 0 && moments.proposed === 0 ? 'reviewed' : 'ready';
}

/** The Interviews list's columns for every session, newest first (created_at, then id); callers narrow it. */
export function interviewRowsQuery(db: Database) {
  return db
    .selectFrom('sessions')
    .leftJoin('candidates', 'candidates.id', 'sessions.candidate_id')
    .leftJoin('requisitions', 'requisitions.id', 'sessions.requisition_id')
    .leftJoin('rubric_versions', 'rubric_versions.id', 'sessions.rubric_version_id')
    // Kept by triggers (0013), like the segment count below.
    .leftJoin('session_moment_counts', 'session_moment_counts.session_id', 'sessions.id')
    .select((eb) => [
      'sessions.id',
      'sessions.title',
      'sessions.kind',
      'sessions.stage',
      'sessions.interviewer',
      'sessions.status',
      'sessions.started_at',
      'sessions.created_at',
      'sessions.rubric_version_id',
      'sessions.audio_deleted_at',
      'candidates.id as candidate_id',
      'candidates.name as candidate_name',
      'requisitions.id as requisition_id',
      'requisitions.title as requisition_title',
      'rubric_versions.version as rubric_version',
      'rubric_versions.signed_off_at',
      // Kept by triggers (0013): counting the segments themselves would read every line of every interview.
      // Whether there is a transcript at all is all the status needs: one probe of session_speakers' key.
      eb.exists(eb.selectFrom('session_speakers').select('session_speakers.session_id').whereRef('session_speakers.session_id', '=', 'sessions.id')).as('has_transcript'),
      'session_moment_counts.total as moment_count',
      'session_moment_counts.proposed as proposed_count',
      eb.selectFrom('tracks').select((s) => s.fn.countAll<number>().as('n')).whereRef('tracks.session_id', '=', 'sessions.id').where('tracks.path', 'is not', null).as('audio_tracks'),
    ])
    .orderBy('sessions.created_at', 'desc')
    .orderBy('sessions.id', 'desc');
}

type InterviewRowColumns = Awaited<ReturnType<ReturnType<typeof interviewRowsQuery>['execute']>>[number];

export function toInterviewRow(row: InterviewRowColumns): InterviewRow {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    candidate: row.candidate_id && row.candidate_name ? { id: row.candidate_id, name: row.candidate_name } : null,
    requisition: row.requisition_id && row.requisition_title ? { id: row.requisition_id, title: row.requisition_title } : null,
    stage: row.stage,
    interviewer: row.interviewer,
    date: row.started_at ?? row.created_at,
    status: interviewStatus(row.status, Number(row.has_transcript), { total: Number(row.moment_count ?? 0), proposed: Number(row.proposed_count ?? 0) }),
    rubric: row.rubric_version_id && row.rubric_version !== null ? { versionId: row.rubric_version_id, version: row.rubric_version, signed: row.signed_off_at !== null } : null,
    hasAudio: Number(row.audio_tracks) > 0 && row.audio_deleted_at === null,
  };
}

/** Newest first, optionally one requisition's: every row at once (the Interviews page pages instead, see interview-page-repository). */
export async function listInterviewRows(db: Database, filter: { requisitionId?: string } = {}): Promise<InterviewRow[]> {
  let query = interviewRowsQuery(db);
  if (filter.requisitionId !== undefined) query = query.where('sessions.requisition_id', '=', filter.requisitionId);
  return (await query.execute()).map(toInterviewRow);
}

/** What deleting a session takes with it, so the confirmation can name it. */
export async function sessionContents(db: Database, sessionId: string): Promise<{ title: string; audioPaths: string[]; segmentCount: number; momentCount: number }> {
  const session = await db.selectFrom('sessions').select('title').where('id', '=', sessionId).executeTakeFirst();
  if (!session) throw sessionGone();
  const tracks = await db.selectFrom('tracks').select('path').where('session_id', '=', sessionId).orderBy('position').execute();
  const count = async (table: 'transcript_segments' | 'moments') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', '=', sessionId).executeTakeFirstOrThrow()).n);
  return {
    title: session.title,
    audioPaths: tracks.flatMap((t) => (t.path ? [t.path] : [])),
    segmentCount: await count('transcript_segments'),
    momentCount: await count('moments'),
  };
}
