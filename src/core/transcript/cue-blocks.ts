import { UserFacingError } from '../errors.js';
import { assignSpeakers, type CueText } from './cue-text.js';
import type { Transcript } from './transcript.js';

export const malformed = (source: string, line: number, problem: string): UserFacingError =>
  new UserFacingError(`${source} line ${line}: ${problem}`, 'transcript-malformed');

/** One cue's timing, the line its timing sits on, and what it says. */
export interface TimedCue {
  start: number;
  end: number;
  line: number;
  cue: CueText;
}

/** Timed cues → Transcript: speakers decided file-wide, empty cues dropped, sorted by start. */
export function cuesToTranscript(timed: TimedCue[], language: string | null = null): Transcript {
  const spoken = assignSpeakers(timed.map((t) => t.cue));
  const segments = timed
    .map((t, i) => ({ start: t.start, end: t.end, speaker: spoken[i]!.speaker, text: spoken[i]!.text, words: [] }))
    .filter((s) => s.text)
    .sort((a, b) => a.start - b.start);
  const durationSec = segments.reduce((max, s) => Math.max(max, s.end), 0);
  return language ? { durationSec, language, segments } : { durationSec, segments };
}
