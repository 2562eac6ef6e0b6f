import { randomUUID } from 'node:crypto';
import { UserFacingError } from '../../core/errors.js';
import type { Segment } from '../../core/transcript/transcript.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';

/** A new transcript for one of the session's tracks (or for none: `trackId` null). */
export interface TrackTranscript {
  trackId: string | null;
  segments: Segment[];
}

/**
 * Replaces a session's whole transcript in one transaction ("Transcribe", "Transcribe again"): the old
 * segments and the new go in one transaction, so a failure keeps the old transcript. Moments are
 * kept (they are anchored by time, not by segment); intake quotes keep their text and lose only the
 * link to a segment that no longer exists.
 */
export async function replaceSessionTranscript(db: Database, sessionId: string, tracks: TrackTranscript[]): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const session = await trx.selectFrom('sessions').select(['id', 'status']).where('id', '=', sessionId).executeTakeFirst();
    if (!session) throw new UserFacingError('That session no longer exists (it may have been deleted).', 'session-not-found');
    if (session.status === 'recording') throw new UserFacingError('This session is still being recorded: stop the recording first.', 'session-recording');
    const old = trx.selectFrom('transcript_segments').select('id').where('session_id', '=', sessionId);
    await trx.updateTable('criterion_sources').set({ segment_id: null }).where('segment_id', 'in', old).execute();
    await trx.deleteFrom('transcript_segments').where('session_id', '=', sessionId).execute();
    const ordered = tracks.flatMap((t) => t.segments.map((s) => ({ ...s, trackId: t.trackId }))).sort((a, b) => a.start - b.start);
    let position = 0;
    for (const s of ordered) {
      await trx
        .insertInto('transcript_segments')
        .values({
          id: randomUUID(),
          session_id: sessionId,
          track_id: s.trackId,
          position: position++,
          speaker: s.speaker,
          start_sec: s.start,
          end_sec: s.end,
          text: s.text,
          words: JSON.stringify(s.words),
        })
        .execute();
    }
    await trx.updateTable('sessions').set({ transcript_deleted_at: null, updated_at: nowIso() }).where('id', '=', sessionId).execute();
    return ordered.length;
  });
}
