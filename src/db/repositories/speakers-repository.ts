import { randomUUID } from 'node:crypto';
import { UserFacingError } from '../../core/errors.js';
import { splitSegmentAtWord } from '../../core/transcript/split-segment.js';
import type { Segment } from '../../core/transcript/transcript.js';
import type { Database } from '../open-database.js';
import { getSession, type SegmentDetail } from './sessions-repository.js';

/**
 * Who said what, corrected after the fact: speakers renamed, segments given to another speaker, a
 * segment cut where the other speaker takes over. Mapping reads the stored speakers, so a correction
 * here is what the next mapping run uses.
 */

const speakerName = (name: string): string => {
  const trimmed = name.trim();
  if (trimmed === '') throw new UserFacingError('Give the speaker a name.', 'speaker-name-empty');
  if (trimmed.length > 100) throw new UserFacingError('A speaker name can be at most 100 characters.', 'speaker-name-too-long');
  return trimmed;
};

async function sessionSegments(db: Database, sessionId: string): Promise<SegmentDetail[]> {
  const session = await getSession(db, sessionId);
  if (!session) throw new UserFacingError(`The session ${sessionId} does not exist.`, 'session-not-found');
  return session.segments;
}

/** Renames a speaker everywhere in one session (its segments, and the track and interviewer labels that named it). */
export async function renameSpeaker(db: Database, sessionId: string, from: string, to: string): Promise<number> {
  const name = speakerName(to);
  const segments = await sessionSegments(db, sessionId);
  if (!segments.some((s) => s.speaker === from)) throw new UserFacingError(`Nobody called "${from}" speaks in this interview.`, 'speaker-not-found');
  return db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('transcript_segments').set({ speaker: name }).where('session_id', '=', sessionId).where('speaker', '=', from).executeTakeFirst();
    await trx.updateTable('tracks').set({ speaker_label: name }).where('session_id', '=', sessionId).where('speaker_label', '=', from).execute();
    await trx.updateTable('sessions').set({ interviewer: name }).where('id', '=', sessionId).where('interviewer', '=', from).execute();
    return Number(result.numUpdatedRows);
  });
}

/**
 * Gives segments to `speaker`. With `fromWord`, the first segment is cut before that word and only
 * the rest of it goes, with the segments after it up to the end of that speaker's turn.
 */
export async function reassignSegments(
  db: Database,
  input: { sessionId: string; segmentIds: readonly string[]; speaker: string; fromWord?: number },
): Promise<number> {
  const speaker = speakerName(input.speaker);
  const segments = await sessionSegments(db, input.sessionId);
  const chosen = segments.filter((s) => input.segmentIds.includes(s.id));
  if (chosen.length !== new Set(input.segmentIds).size || chosen.length === 0) throw new UserFacingError('Those lines are not in this interview any more: reload it and try again.', 'segment-not-found');
  return db.transaction().execute(async (trx) => {
    let ids = chosen.map((s) => s.id);
    if (input.fromWord !== undefined) {
      const first = chosen[0]!;
      const at = segments.indexOf(first);
      const turn = [first];
      for (const next of segments.slice(at + 1)) {
        if (next.speaker !== first.speaker) break;
        turn.push(next);
      }
      ids = turn.slice(1).map((s) => s.id);
      if (input.fromWord === 0) ids.unshift(first.id);
      else {
        const cut = splitSegmentAtWord(asSegment(first), input.fromWord);
        if (!cut) throw new UserFacingError('Choose a word inside the line to change speaker from.', 'split-out-of-range');
        await replaceSegment(trx, input.sessionId, first.id, [cut[0], { ...cut[1], speaker }]);
      }
    }
    if (ids.length > 0) await trx.updateTable('transcript_segments').set({ speaker }).where('session_id', '=', input.sessionId).where('id', 'in', ids).execute();
    return ids.length + (input.fromWord ? 1 : 0);
  });
}

/** Replaces stored segments by their pieces (the automatic split), all in one transaction. */
export async function replaceSegmentsWithPieces(db: Database, sessionId: string, changes: readonly { segmentId: string; pieces: readonly Segment[] }[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const { segmentId, pieces } of changes) await replaceSegment(trx, sessionId, segmentId, pieces);
  });
}

/** The first piece keeps the row (and its id, so links to it still work); the rest are new rows. */
async function replaceSegment(db: Database, sessionId: string, segmentId: string, pieces: readonly Segment[]): Promise<void> {
  const row = await db.selectFrom('transcript_segments').selectAll().where('id', '=', segmentId).where('session_id', '=', sessionId).executeTakeFirstOrThrow();
  const [first, ...rest] = pieces;
  if (!first) return;
  const values = (p: Segment) => ({ speaker: p.speaker, start_sec: p.start, end_sec: p.end, text: p.text, words: JSON.stringify(p.words) });
  await db.updateTable('transcript_segments').set(values(first)).where('id', '=', segmentId).execute();
  // Positions are unique per session; the view orders by time first, so new pieces go at the end.
  const { last } = await db.selectFrom('transcript_segments').select((eb) => eb.fn.max('position').as('last')).where('session_id', '=', sessionId).executeTakeFirstOrThrow();
  for (const [i, p] of rest.entries()) {
    await db
      .insertInto('transcript_segments')
      .values({ id: randomUUID(), session_id: sessionId, track_id: row.track_id, position: Number(last ?? row.position) + 1 + i, ...values(p) })
      .execute();
  }
}

function asSegment(s: SegmentDetail): Segment {
  return { start: s.start, end: s.end, speaker: s.speaker, text: s.text, words: s.words };
}
