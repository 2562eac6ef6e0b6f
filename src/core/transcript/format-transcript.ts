import { formatClock, formatClockSeconds, roundMs } from './timestamps.js';
import type { Transcript } from './transcript.js';

/** Exactly what `debrief transcribe --json` prints: fixed key order, times in ms precision, no extras. */
export interface TranscriptJson {
  durationSec: number;
  segments: { start: number; end: number; speaker: string | null; text: string; words: { start: number; end: number; text: string }[] }[];
}

export function toJson(t: Transcript): TranscriptJson {
  return {
    durationSec: roundMs(t.durationSec),
    segments: t.segments.map((s) => ({
      start: roundMs(s.start),
      end: roundMs(s.end),
      speaker: s.speaker,
      text: s.text,
      words: s.words.map((w) => ({ start: roundMs(w.start), end: roundMs(w.end), text: w.text })),
    })),
  };
}

/** WebVTT with `<v Speaker>` voice tags (what Teams writes, and what parseVtt reads back). */
export function toVtt(t: Transcript): string {
  const cues = t.segments.map((s) => {
    const body = escapeVtt(oneLine(s.text));
    const voiced = s.speaker ? `<v ${escapeVtt(oneLine(s.speaker))}>${body}</v>` : body;
    return `${formatClock(s.start)} --> ${formatClock(s.end)}\n${voiced}\n`;
  });
  return ['WEBVTT\n', ...cues].join('\n');
}

/** SRT with "Speaker: text" lines (SRT has no speaker markup). */
export function toSrt(t: Transcript): string {
  return t.segments
    .map((s, i) => `${i + 1}\n${formatClock(s.start, ',')} --> ${formatClock(s.end, ',')}\n${s.speaker ? `${oneLine(s.speaker)}: ` : ''}${oneLine(s.text)}\n`)
    .join('\n');
}

/** Readable text: one `[hh:mm:ss] Speaker: text` line per segment. */
export function toText(t: Transcript): string {
  return t.segments.map((s) => `[${formatClockSeconds(s.start)}] ${s.speaker ? `${oneLine(s.speaker)}: ` : ''}${oneLine(s.text)}\n`).join('');
}

// A blank line would end a cue early; captions keep each cue's text on one line.
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
const escapeVtt = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
