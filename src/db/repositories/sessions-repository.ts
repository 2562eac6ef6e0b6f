import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder, type Selectable } from 'kysely';
import { z } from 'zod';
import { UserFacingError } from '../../core/errors.js';
import { segmentSchema, wordSchema, type Segment, type Word } from '../../core/transcript/transcript.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import type { SessionKind, SessionSource, SessionStatus, SessionsTable, TrackSource } from '../schema.js';
import { describeIssues } from '../../core/zod-issues.js';

const seconds = z.number().finite().nonnegative();

const newTrackSchema = z.object({
  source: z.enum(['mic', 'system', 'file']),
  speakerLabel: z.string().nullable().optional(),
  path: z.string().min(1).nullable(),
  sampleRate: z.number().int().positive().nullable(),
  channels: z.number().int().positive().nullable().optional(),
  durationSec: seconds.nullable(),
});

const newSegmentSchema = z.intersection(
  segmentSchema,
  z.object({
    /** Index into `tracks` of the track this segment was heard on. */
    trackIndex: z.number().int().nonnegative().optional(),
  }),
);

export const newSessionWithTranscriptSchema = z
  .object({
    title: z.string().trim().min(1, 'title is empty'),
    kind: z.enum(['intake', 'interview']),
    source: z.enum(['recording', 'audio-file', 'import']),
    startedAt: z.iso.datetime({ offset: true }).optional(),
    durationSec: seconds.nullable(),
    tracks: z.array(newTrackSchema),
    segments: z.array(newSegmentSchema),
  })
  .superRefine((input, ctx) => {
    input.segments.forEach((segment, i) => {
      if (segment.trackIndex !== undefined && segment.trackIndex >= input.tracks.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['segments', i, 'trackIndex'],
          message: `track ${segment.trackIndex} does not exist (the session has ${input.tracks.length} tracks)`,
        });
      }
    });
  });

export type NewTrack = z.input<typeof newTrackSchema>;
export type NewSessionWithTranscript = {
  title: string;
  kind: SessionKind;
  source: SessionSource;
  startedAt?: string;
  durationSec: number | null;
  tracks: NewTrack[];
  segments: (Segment & { trackIndex?: number })[];
};

export interface SessionSummary {
  id: string;
  title: string;
  kind: SessionKind;
  source: SessionSource;
  status: SessionStatus;
  startedAt: string | null;
  createdAt: string;
  durationSec: number | null;
  segmentCount: number;
  /** Distinct segment speakers, in order of first appearance. */
  speakers: string[];
}

export interface TrackDetail {
  id: string;
  position: number;
  source: TrackSource;
  speakerLabel: string | null;
  path: string | null;
  sampleRate: number | null;
  channels: number | null;
  durationSec: number | null;
}

export interface SegmentDetail {
  id: string;
  trackId: string | null;
  start: number;
  end: number;
  speaker: string | null;
  text: string;
  words: Word[];
}

export interface SessionDetail extends SessionSummary {
  /** When the retention policy deleted the audio or the transcript (null: kept). */
  audioDeletedAt: string | null;
  transcriptDeletedAt: string | null;
  tracks: TrackDetail[];
  /** Ordered by start time. */
  segments: SegmentDetail[];
}

/**
 * Stores a session with its tracks and transcript in one transaction: either all of
 * it is written (segments indexed for search by triggers) or none of it.
 * Returns the new session's id.
 */
export async function createSessionWithTranscript(db: Database, input: NewSessionWithTranscript): Promise<string> {
  const parsed = newSessionWithTranscriptSchema.safeParse(input);
  if (!parsed.success) {
    throw new UserFacingError(
      `Cannot save the session: ${describeIssues(parsed.error)}`,
      'invalid-session',
      { cause: parsed.error },
    );
  }
  const session = parsed.data;
  const sessionId = randomUUID();
  const now = nowIso();
  const trackIds = session.tracks.map(() => randomUUID());

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        id: sessionId,
        kind: session.kind,
        title: session.title,
        requisition_id: null,
        candidate_id: null,
        rubric_version_id: null,
        stage: null,
        started_at: session.startedAt ?? null,
        ended_at: null,
        duration_sec: session.durationSec,
        status: 'complete',
        source: session.source,
        consent_text: null,
        consent_acknowledged_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();

    if (session.tracks.length > 0) {
      await trx
        .insertInto('tracks')
        .values(
          session.tracks.map((track, position) => ({
            id: trackIds[position]!,
            session_id: sessionId,
            position,
            source: track.source,
            speaker_label: track.speakerLabel ?? null,
            path: track.path,
            sample_rate: track.sampleRate,
            channels: track.channels ?? null,
            duration_sec: track.durationSec,
          })),
        )
        .execute();
    }

    // Row by row: a long interview has thousands of segments, more than one
    // statement may bind (SQLite allows 32766 parameters).
    for (const [position, segment] of session.segments.entries()) {
      await trx
        .insertInto('transcript_segments')
        .values({
          id: randomUUID(),
          session_id: sessionId,
          track_id: segment.trackIndex === undefined ? null : trackIds[segment.trackIndex]!,
          position,
          speaker: segment.speaker,
          start_sec: segment.start,
          end_sec: segment.end,
          text: segment.text,
          words: JSON.stringify(segment.words),
        })
        .execute();
    }
  });
  return sessionId;
}

/** Every session, newest first. Counts and speakers come from session_speakers (0013), never a scan of the segments. */
export async function listSessions(db: Database): Promise<SessionSummary[]> {
  const { rows } = await sql<SummaryColumns & { segment_count: number | null; speakers: string | null }>`
    select s.id, s.title, s.kind, s.source, s.status, s.started_at, s.created_at, s.duration_sec, k.segment_count, k.speakers
    from sessions s
    left join (${speakerTotals(sql`1 = 1`)}) k on k.session_id = s.id
    order by s.created_at desc, s.id desc`.execute(db);
  return rows.map((row) => toSummary(row, Number(row.segment_count ?? 0), splitSpeakers(row.speakers)));
}

// One row per session: its lines, and its named speakers in order of first appearance, joined by
// the unit separator (no speaker name contains a control character). One aggregate in SQL is
// cheaper than shipping every (session, speaker) row to JavaScript and sorting there.
const speakerSeparator = '\u001f';
const speakerTotals = (where: RawBuilder<unknown>) => sql`
  select session_id, sum(segment_count) as segment_count,
    group_concat(nullif(speaker, ''), char(31) order by first_start, speaker) as speakers
  from session_speakers where ${where} group by session_id`;
const splitSpeakers = (joined: string | null): string[] => (joined ? joined.split(speakerSeparator) : []);

/** The named speakers of a few sessions (one page of a list), in order of first appearance. */
export async function speakersOfSessions(db: Database, ids: readonly string[]): Promise<Map<string, string[]>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ session_id: string; speakers: string | null }>`
    ${speakerTotals(sql`session_id in (select value from json_each(${JSON.stringify(ids)}))`)}`.execute(db);
  return new Map(rows.map((row) => [row.session_id, splitSpeakers(row.speakers)]));
}

type SummaryColumns = Pick<Selectable<SessionsTable>, 'id' | 'title' | 'kind' | 'source' | 'status' | 'started_at' | 'created_at' | 'duration_sec'>;

function toSummary(row: SummaryColumns, segmentCount: number, speakers: string[]): SessionSummary {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    source: row.source,
    status: row.status,
    startedAt: row.started_at,
    createdAt: row.created_at,
    durationSec: row.duration_sec,
    segmentCount,
    speakers,
  };
}

export async function getSession(db: Database, id: string): Promise<SessionDetail | undefined> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;

  const tracks = await db
    .selectFrom('tracks')
    .selectAll()
    .where('session_id', '=', id)
    .orderBy('position')
    .execute();
  const segments = await db
    .selectFrom('transcript_segments')
    .selectAll()
    .where('session_id', '=', id)
    .orderBy('start_sec')
    .orderBy('position')
    .execute();

  const { rows: totals } = await sql<{ speakers: string | null }>`${speakerTotals(sql`session_id = ${id}`)}`.execute(db);
  const speakers = splitSpeakers(totals[0]?.speakers ?? null);
  return {
    ...toSummary(row, segments.length, speakers),
    audioDeletedAt: row.audio_deleted_at,
    transcriptDeletedAt: row.transcript_deleted_at,
    tracks: tracks.map((t) => ({
      id: t.id,
      position: t.position,
      source: t.source,
      speakerLabel: t.speaker_label,
      path: t.path,
      sampleRate: t.sample_rate,
      channels: t.channels,
      durationSec: t.duration_sec,
    })),
    segments: segments.map((s) => ({
      id: s.id,
      trackId: s.track_id,
      start: s.start_sec,
      end: s.end_sec,
      speaker: s.speaker,
      text: s.text,
      words: parseWords(s.words, s.id),
    })),
  };
}

/** Deletes the session with its tracks, segments (and their search entries), moments and scorecards. */
export async function deleteSession(db: Database, id: string): Promise<boolean> {
  const result = await db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

const storedWordsSchema = z.array(wordSchema);

function parseWords(json: string, segmentId: string): Word[] {
  try {
    return storedWordsSchema.parse(JSON.parse(json));
  } catch (error) {
    throw new Error(`Stored word timings of segment ${segmentId} are corrupt`, { cause: error });
  }
}

/** The rubric version a session is mapped against and who interviewed (the microphone's speaker). */
export async function getSessionRubricLink(db: Database, sessionId: string): Promise<{ rubricVersionId: string | null; interviewer: string | null }> {
  const row = await db.selectFrom('sessions').select(['rubric_version_id', 'interviewer']).where('id', '=', sessionId).executeTakeFirst();
  if (!row) throw new UserFacingError(`The session ${sessionId} does not exist.`, 'session-not-found');
  return { rubricVersionId: row.rubric_version_id, interviewer: row.interviewer };
}

/** Records who interviewed in an imported session (the mapper preselects them as the interviewer). */
export async function setSessionInterviewer(db: Database, sessionId: string, interviewer: string): Promise<void> {
  await db.updateTable('sessions').set({ interviewer: interviewer.trim() || null }).where('id', '=', sessionId).execute();
}
