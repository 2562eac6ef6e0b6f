import { UserFacingError } from '../errors.js';
import { cuesToTranscript, malformed, type TimedCue } from './cue-blocks.js';
import { readCueText } from './cue-text.js';
import type { ParsedTranscript, SkippedCue } from './import-report.js';
import { describeSkipped } from './import-report.js';
import type { Transcript } from './transcript.js';
import { parseWebVttFile, VttSignatureError } from './webvtt-file.js';

/**
 * WebVTT → Transcript by the spec's parsing algorithm (webvtt-file.ts). Speakers come from `<v Name>`
 * voice tags (Teams, Meet) or, file-wide, from `Name: text` prefixes (Zoom) and `[Name]` / `>> Name:`
 * labels. Where the spec drops a block (a bad timing, text without a timing) the rest is kept and the
 * block is reported in `skipped`; a file with no cues at all is refused.
 */
export function parseVtt(text: string, source = 'WebVTT'): ParsedTranscript<Transcript> {
  let file;
  try {
    file = parseWebVttFile(text);
  } catch (err) {
    if (err instanceof VttSignatureError) throw malformed(source, 1, 'missing the "WEBVTT" header a WebVTT file must start with');
    throw err;
  }
  const skipped: SkippedCue[] = file.dropped.map((d) => ({ line: d.line, reason: d.reason }));
  const timed: TimedCue[] = [];
  for (const cue of file.cues) {
    // The spec keeps such a cue (it is never shown); a transcript segment cannot end before it starts.
    if (cue.end < cue.start) skipped.push({ line: cue.line, reason: 'ends-before-start' });
    else timed.push({ start: cue.start, end: cue.end, line: cue.line, cue: readCueText(cue.text.split('\n')) });
  }
  skipped.sort((a, b) => a.line - b.line);
  const language = /^Language:\s*(\S+)/im.exec(headerOf(text))?.[1] ?? null;
  const transcript = cuesToTranscript(timed, language);
  if (transcript.segments.length === 0) {
    const left = describeSkipped(skipped);
    throw new UserFacingError(`${source} has no cues with text${left ? ` (${left})` : ''}; there is nothing to import.`, 'transcript-empty');
  }
  return { transcript, skipped };
}

/** The header block's lines (metadata such as "Language: en" lives there). */
const headerOf = (text: string): string => text.split(/\r?\n\r?\n|\r\r/)[0] ?? '';
