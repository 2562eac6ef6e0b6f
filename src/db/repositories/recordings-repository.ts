import { randomUUID } from 'node:crypto';
import type { CaptureStore } from '../../core/capture/capture-service.js';
import type { RecoveryStore } from '../../core/capture/recover-into-sessions.js';
import type { Segment } from '../../core/transcript/transcript.js';
import { UserFacingError } from '../../core/errors.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import type { SessionKind, SessionStatus, TrackSource } from '../schema.js';

/**
 * A live recording in the store: the session exists (status `recording`) from the first second,
 * its tracks point at the WAV files the crash-safe writer appends to, and live transcript segments
 * land as they are transcribed. Stop, a failure or recovery at the next launch closes it.
 */

export interface NewRecordingTrack {
  id: string;
  source: Extract<TrackSource, 'mic' | 'system'>;
  speakerLabel: string;
  path: string;
  sampleRate: number;
  channels: number;
}

export interface NewRecording {
  id: string;
  title: string;
  kind: SessionKind;
  startedAt: string;
  consentText: string;
  consentAcknowledgedAt: string;
  rubricVersionId?: string | null;
  interviewer?: string | null;
  tracks: NewRecordingTrack[];
}

export async function createRecordingSession(db: Database, rec: NewRecording): Promise<void> {
  if (!rec.consentText.trim() || !rec.consentAcknowledgedAt) {
    throw new UserFacingError('Recording needs the consent notice acknowledged first.', 'consent-required');
  }
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    if (rec.rubricVersionId) {
      const version = await trx.selectFrom('rubric_versions').select('id').where('id', '=', rec.rubricVersionId).executeTakeFirst();
      if (!version) throw new UserFacingError(`The rubric version ${rec.rubricVersionId} does not exist.`, 'rubric-version-not-found');
    }
    await trx
      .insertInto('sessions')
      .values({
        id: rec.id,
        kind: rec.kind,
        title: rec.title,
        requisition_id: null,
        candidate_id: null,
        rubric_version_id: rec.rubricVersionId ?? null,
        stage: null,
        started_at: rec.startedAt,
        ended_at: null,
        duration_sec: null,
        status: 'recording',
        source: 'recording',
        consent_text: rec.consentText,
        consent_acknowledged_at: rec.consentAcknowledgedAt,
        interviewer: rec.interviewer ?? null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('tracks')
      .values(
        rec.tracks.map((t, position) => ({
          id: t.id,
          session_id: rec.id,
          position,
          source: t.source,
          speaker_label: t.speakerLabel,
          path: t.path,
          sample_rate: t.sampleRate,
          channels: t.channels,
          duration_sec: null,
        })),
      )
      .execute();
  });
}

/** Appends live segments of one track (times in recording seconds) in one transaction. */
export async function appendRecordingSegments(db: Database, sessionId: string, trackId: string, segments: Segment[]): Promise<void> {
  if (segments.length === 0) return;
  await db.transaction().execute(async (trx) => {
    // The track's current name wins: the speaker may have been renamed since the chunk was cut.
    const track = await trx.selectFrom('tracks').select('speaker_label').where('id', '=', trackId).executeTakeFirst();
    const last = await trx
      .selectFrom('transcript_segments')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    let position = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
    for (const s of segments) {
      await trx
        .insertInto('transcript_segments')
        .values({
          id: randomUUID(),
          session_id: sessionId,
          track_id: trackId,
          position: position++,
          speaker: track?.speaker_label ?? s.speaker,
          start_sec: s.start,
          end_sec: s.end,
          text: s.text,
          words: JSON.stringify(s.words),
        })
        .execute();
    }
  });
}

export interface FinishedTrack {
  id: string;
  durationSec: number;
}

/** Closes a recording: its duration, each track's length, and how it ended. */
export async function finishRecordingSession(
  db: Database,
  sessionId: string,
  result: { status: Extract<SessionStatus, 'complete' | 'recovered' | 'failed'>; endedAt: string; tracks: FinishedTrack[] },
): Promise<void> {
  const durationSec = result.tracks.reduce((max, t) => Math.max(max, t.durationSec), 0);
  await db.transaction().execute(async (trx) => {
    for (const t of result.tracks) {
      await trx.updateTable('tracks').set({ duration_sec: t.durationSec }).where('id', '=', t.id).where('session_id', '=', sessionId).execute();
    }
    await trx
      .updateTable('sessions')
      .set({ status: result.status, ended_at: result.endedAt, duration_sec: durationSec, updated_at: nowIso() })
      .where('id', '=', sessionId)
      .execute();
  });
}

/** Renames a track's speaker ("Them" → the candidate's name) on the track and its segments. */
export async function renameTrackSpeaker(db: Database, trackId: string, speaker: string): Promise<void> {
  const label = speaker.trim();
  if (!label) throw new UserFacingError('A speaker name cannot be empty.', 'invalid-speaker');
  await db.transaction().execute(async (trx) => {
    const track = await trx.selectFrom('tracks').select('id').where('id', '=', trackId).executeTakeFirst();
    if (!track) throw new UserFacingError(`The track ${trackId} does not exist.`, 'track-not-found');
    await trx.updateTable('tracks').set({ speaker_label: label }).where('id', '=', trackId).execute();
    await trx.updateTable('transcript_segments').set({ speaker: label }).where('track_id', '=', trackId).execute();
  });
}

/** Sessions still marked `recording`: after a crash these are the ones to recover. */
export async function listOpenRecordings(db: Database): Promise<{ id: string; title: string }[]> {
  return db.selectFrom('sessions').select(['id', 'title']).where('status', '=', 'recording').execute();
}

/** The latest transcribed second of each track, so recovery transcribes only what live transcription missed. */
export async function transcribedUntil(db: Database, sessionId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('transcript_segments')
    .select((eb) => ['track_id', eb.fn.max('end_sec').as('until')])
    .where('session_id', '=', sessionId)
    .groupBy('track_id')
    .execute();
  return new Map(rows.filter((r) => r.track_id !== null).map((r) => [r.track_id!, Number(r.until)]));
}

export interface LiveSegment extends Segment {
  position: number;
  trackId: string | null;
}

/** Segments stored after `afterPosition`, in order: what the recorder has not shown yet. */
export async function segmentsAfter(db: Database, sessionId: string, afterPosition: number): Promise<LiveSegment[]> {
  const rows = await db
    .selectFrom('transcript_segments')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('position', '>', afterPosition)
    .orderBy('position')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    position: r.position,
    trackId: r.track_id,
    start: r.start_sec,
    end: r.end_sec,
    speaker: r.speaker,
    text: r.text,
    words: JSON.parse(r.words) as Segment['words'],
  }));
}

/** The store side of recording and of recovery at launch, over this database. */
export function recordingStore(db: Database): CaptureStore & RecoveryStore {
  return {
    createSession: (input) => createRecordingSession(db, input),
    appendSegments: (sessionId, trackId, segments) => appendRecordingSegments(db, sessionId, trackId, segments),
    finishSession: (sessionId, result) => finishRecordingSession(db, sessionId, result),
    transcribedUntil: (sessionId) => transcribedUntil(db, sessionId),
    tracks: async (sessionId) => {
      const session = await db.selectFrom('sessions').select('id').where('id', '=', sessionId).executeTakeFirst();
      if (!session) return undefined;
      const rows = await db.selectFrom('tracks').select(['id', 'speaker_label']).where('session_id', '=', sessionId).orderBy('position').execute();
      return rows.map((r) => ({ id: r.id, speaker: r.speaker_label }));
    },
  };
}
