import { UserFacingError } from '../errors.js';
import { cuesToTranscript, malformed, type TimedCue } from './cue-blocks.js';
import { readCueText } from './cue-text.js';
import { describeSkipped, type ParsedTranscript, type SkippedCue } from './import-report.js';
import { parseClock } from './timestamps.js';
import type { Transcript } from './transcript.js';

const TIMING = /^\s*([\d:.,]+)\s*-->\s*([\d:.,]+)(?:\s.*)?$/;
const CUE_NUMBER = /^\s*\d+\s*$/;
const isBlank = (line: string): boolean => line.trim() === '';

/**
 * SRT → Transcript, as real files are: a cue runs from its timing line to the next timing line, so
 * blank lines inside a cue's text and cues not separated by blank lines both come out right; the cue
 * number is optional, `.` or `:` may stand for `,` before the milliseconds, and ASS override tags
 * (`{\an8}`) and HTML-ish markup go. A bad timing line skips that cue only, and is reported.
 */
export function parseSrt(text: string, source = 'SRT'): ParsedTranscript<Transcript> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const timingAt = lines.flatMap((line, i) => (line.includes('-->') ? [i] : []));
  if (timingAt.length === 0) throw malformed(source, 1, 'no subtitle cues found (no "00:00:01,000 --> 00:00:04,000" timing lines)');

  const skipped: SkippedCue[] = [];
  const before = withoutCueNumber(lines.slice(0, timingAt[0]));
  const strayAt = before.findIndex((l) => !isBlank(l));
  if (strayAt >= 0) skipped.push({ line: strayAt + 1, reason: 'no-timing' });

  const timed: TimedCue[] = [];
  timingAt.forEach((at, k) => {
    const next = timingAt[k + 1];
    const body = next === undefined ? lines.slice(at + 1) : withoutCueNumber(lines.slice(at + 1, next));
    const line = at + 1;
    const m = TIMING.exec(lines[at]!);
    const start = m ? srtClock(m[1]!) : null;
    const end = m ? srtClock(m[2]!) : null;
    if (start === null || end === null) skipped.push({ line, reason: 'bad-timing' });
    else if (end < start) skipped.push({ line, reason: 'ends-before-start' });
    else timed.push({ start, end, line, cue: readCueText(body.filter((l) => !isBlank(l)), 'srt') });
  });
  const transcript = cuesToTranscript(timed);
  if (transcript.segments.length === 0) {
    const left = describeSkipped(skipped);
    throw new UserFacingError(`${source} has no cues with text${left ? ` (${left})` : ''}; there is nothing to import.`, 'transcript-empty');
  }
  return { transcript, skipped };
}

/** The lines between two timing lines, less the next cue's number (and the blank lines around it). */
function withoutCueNumber(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && isBlank(lines[end - 1]!)) end--;
  if (end > 0 && CUE_NUMBER.test(lines[end - 1]!)) end--;
  return lines.slice(0, end);
}

/** `hh:mm:ss,mmm`, also with `.` or `:` before the milliseconds, or without hours. */
function srtClock(text: string): number | null {
  return parseClock(text.replace(/^(\d+:\d{1,2}:\d{1,2}):(\d{1,3})$/, '$1,$2'));
}
