import { UserFacingError } from '../errors.js';
import { assignSpeakers, type CueText } from './cue-text.js';
import { parseClock } from './timestamps.js';
import type { Transcript } from './transcript.js';

/** A run of non-blank lines, with the 1-based line number of its first line. */
export interface Block {
  line: number;
  lines: string[];
}

/** Splits caption text into blank-line-separated blocks; strips a BOM and normalises CRLF/CR. */
export function splitBlocks(text: string): Block[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  let current: Block | null = null;
  lines.forEach((line, i) => {
    if (line.trim() === '') {
      current = null;
      return;
    }
    if (!current) {
      current = { line: i + 1, lines: [] };
      blocks.push(current);
    }
    current.lines.push(line);
  });
  return blocks;
}

export const malformed = (source: string, line: number, problem: string): UserFacingError =>
  new UserFacingError(`${source} line ${line}: ${problem}`, 'transcript-malformed');

/**
 * Parses a cue timing line `start --> end [settings]` found at `line`. Accepts `.` or `,` before the
 * milliseconds and optional hours, since real exports mix them up; anything else names the problem.
 */
export function parseTimingLine(text: string, line: number, source: string): { start: number; end: number } {
  const m = /^\s*(\S+)\s+-->\s+(\S+)(?:\s+.*)?$/.exec(text);
  if (!m) throw malformed(source, line, `expected a cue timing like "00:00:01.000 --> 00:00:04.000", found "${text.trim()}"`);
  const start = parseClock(m[1]!);
  const end = parseClock(m[2]!);
  if (start === null) throw malformed(source, line, `bad start timestamp "${m[1]}" (expected hh:mm:ss.mmm)`);
  if (end === null) throw malformed(source, line, `bad end timestamp "${m[2]}" (expected hh:mm:ss.mmm)`);
  if (end < start) throw malformed(source, line, `cue ends at ${m[2]} before it starts at ${m[1]}`);
  return { start, end };
}

/** Timed cues → Transcript: speakers decided file-wide, empty cues dropped, sorted by start. */
export function cuesToTranscript(timed: { start: number; end: number; cue: CueText }[], language: string | null = null): Transcript {
  const spoken = assignSpeakers(timed.map((t) => t.cue));
  const segments = timed
    .map((t, i) => ({ start: t.start, end: t.end, speaker: spoken[i]!.speaker, text: spoken[i]!.text, words: [] }))
    .filter((s) => s.text)
    .sort((a, b) => a.start - b.start);
  const durationSec = segments.reduce((max, s) => Math.max(max, s.end), 0);
  return language ? { durationSec, language, segments } : { durationSec, segments };
}
