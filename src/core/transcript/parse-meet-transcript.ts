import { UserFacingError } from '../errors.js';
import type { ParsedTranscript } from './import-report.js';
import { roundMs } from './timestamps.js';
import type { Segment, Transcript } from './transcript.js';

/**
 * Google Meet's saved transcript (a Google Doc in the organiser's Drive, downloaded as plain text):
 * a "<meeting> (<date>) - Transcript" title, an "Attendees" list, Meet's disclaimer, then one
 * "Name: what they said" paragraph per turn, an "hh:mm:ss" line every five minutes or so, and
 * "Meeting ended after hh:mm:ss 👋" (older files: "Transcription ended after …").
 *
 * Meet gives times only at those marks, so each turn's time is placed between the marks around it by
 * how much text comes before it (speech runs at a roughly steady rate): close enough to seek the audio
 * within a few seconds, and never outside the five minutes Meet itself put it in.
 */

const CLOCK = /^(\d{1,2}):([0-5]\d):([0-5]\d)$/;
const ENDED = /^(?:meeting|transcription) ended after (\d{1,2}:[0-5]\d:[0-5]\d)\b/i;
const TITLE = /\s-\sTranscript\s*$/;
const DISCLAIMER = /^this editable transcript was computer generated/i;
// A name is short and has no sentence punctuation; "Note: …" inside a turn would be rare and looks the same.
const TURN = /^([^:.?!\d][^:?!]{0,79}?):\s+(\S.*)$/;
/** Characters per second of conversational speech, for the last stretch when Meet gives no end. */
const CHARS_PER_SEC = 15;

interface Turn {
  speaker: string;
  text: string;
  /** Seconds of the mark before it (0 before the first mark). */
  mark: number;
}

const clockSeconds = (text: string): number => {
  const [h, m, s] = text.split(':').map(Number) as [number, number, number];
  return h * 3600 + m * 60 + s;
};

/** Whether text reads like a Meet transcript: its "… - Transcript" title or "Attendees" heading near the top. */
export function looksLikeMeetTranscript(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 40).map((l) => l.trim());
  return lines.some((l) => TITLE.test(l) || /^attendees$/i.test(l));
}

export function parseMeetTranscript(text: string, source = 'Meet transcript'): ParsedTranscript<Transcript> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).map((l) => l.replace(/\u00a0/g, ' ').trim());
  if (!looksLikeMeetTranscript(text)) {
    throw new UserFacingError(
      `${source} is plain text but not a Google Meet transcript: it has no "… - Transcript" title or "Attendees" heading.`,
      'transcript-unsupported',
    );
  }
  const turns: Turn[] = [];
  let mark = 0;
  let endedAt: number | null = null;
  let afterAttendees = false;
  for (const line of lines) {
    if (line === '' || TITLE.test(line) || DISCLAIMER.test(line) || /^transcript$/i.test(line)) continue;
    if (/^attendees$/i.test(line)) {
      afterAttendees = true;
      continue;
    }
    if (afterAttendees) {
      afterAttendees = false; // the one line of names under the heading
      continue;
    }
    const clock = CLOCK.exec(line);
    if (clock) {
      mark = clockSeconds(line);
      continue;
    }
    const ended = ENDED.exec(line);
    if (ended) {
      endedAt = clockSeconds(ended[1]!);
      continue;
    }
    const turn = TURN.exec(line);
    if (turn) turns.push({ speaker: turn[1]!.trim(), text: turn[2]!.trim(), mark });
    // A wrapped paragraph goes on with the same speaker.
    else if (turns.length > 0) turns.at(-1)!.text += ` ${line}`;
  }
  if (turns.length === 0) throw new UserFacingError(`${source} has the Meet heading but no "Name: text" turns; there is nothing to import.`, 'transcript-empty');

  const segments: Segment[] = [];
  for (let from = 0; from < turns.length; ) {
    // One stretch between two marks: its turns share the time by their length.
    let to = from;
    while (to < turns.length && turns[to]!.mark === turns[from]!.mark) to++;
    const stretch = turns.slice(from, to);
    const start = stretch[0]!.mark;
    const chars = stretch.reduce((n, t) => n + t.text.length, 0);
    const nextMark = turns[to]?.mark ?? (endedAt !== null && endedAt > start ? endedAt : start + chars / CHARS_PER_SEC);
    const perChar = (nextMark - start) / Math.max(1, chars);
    let at = start;
    for (const t of stretch) {
      const end = at + t.text.length * perChar;
      segments.push({ start: roundMs(at), end: roundMs(end), speaker: t.speaker, text: t.text, words: [] });
      at = end;
    }
    from = to;
  }
  const lastEnd = segments.at(-1)!.end;
  return { transcript: { durationSec: Math.max(lastEnd, endedAt ?? 0), language: null, segments }, skipped: [] };
}
