import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
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

/** Every session, newest first. */
export async function listSessions(db: Database): Promise<SessionSummary[]> {
  const rows = await db
    .selectFrom('sessions')
    .leftJoin('transcript_segments', 'transcript_segments.session_id', 'sessions.id')
    .select((eb) => [
      'sessions.id',
      'sessions.title',
      'sessions.kind',
      'sessions.source',
      'sessions.status',
      'sessions.started_at',
      'sessions.created_at',
      'sessions.duration_sec',
      eb.fn.count<number>('transcript_segments.id').as('segment_count'),
    ])
    .groupBy('sessions.id')
    .orderBy('sessions.created_at', 'desc')
    .orderBy('sessions.id', 'desc')
    .execute();
  const speakers = await speakersBySession(db);
  return rows.map((row) => toSummary(row, Number(row.segment_count), speakers.get(row.id) ?? []));
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

  const speakers = (await speakersBySession(db, id)).get(id) ?? [];
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

async function speakersBySession(db: Database, sessionId?: string): Promise<Map<string, string[]>> {
  let query = db
    .selectFrom('transcript_segments')
    .select((eb) => ['session_id', 'speaker', eb.fn.min('start_sec').as('first_start')])
    .where('speaker', 'is not', null)
    .groupBy(['session_id', 'speaker'])
    .orderBy('session_id')
    .orderBy('first_start')
    .orderBy('speaker');
  if (sessionId !== undefined) query = query.where('session_id', '=', sessionId);
  const bySession = new Map<string, string[]>();
  for (const row of await query.execute()) {
    if (row.speaker === null) continue;
    const list = bySession.get(row.session_id) ?? [];
    list.push(row.speaker);
    bySession.set(row.session_id, list);
  }
  return bySession;
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
