import { cuesToTranscript, malformed, parseTimingLine, splitBlocks } from './cue-blocks.js';
import { readCueText, type CueText } from './cue-text.js';
import type { Transcript } from './transcript.js';

/**
 * WebVTT → Transcript. Speakers come from `<v Name>` voice tags (Teams, Meet) or, file-wide, from
 * `Name: text` prefixes (Zoom) and `[Name]` / `>> Name:` labels. NOTE, STYLE and REGION blocks,
 * cue ids, cue settings and markup are dropped; cues keep one segment each, without word timings.
 * Errors are UserFacingError('transcript-malformed') naming `source` and the line.
 */
export function parseVtt(text: string, source = 'WebVTT'): Transcript {
  const blocks = splitBlocks(text);
  const header = blocks[0];
  if (!header || !/^WEBVTT(?:[ \t].*)?$/.test(header.lines[0]!)) {
    throw malformed(source, header?.line ?? 1, 'missing the "WEBVTT" header a WebVTT file must start with');
  }
  if (header.line !== 1) throw malformed(source, 1, 'the file must start with "WEBVTT" on its first line');
  const language = header.lines.map((l) => /^Language:\s*(\S+)/i.exec(l)?.[1]).find(Boolean) ?? null;

  const timed: { start: number; end: number; cue: CueText }[] = [];
  // A header line itself may hold "-->"-free metadata; cues start at the first block holding a timing.
  const headerHasCue = header.lines.findIndex((l) => l.includes('-->'));
  const cueBlocks = headerHasCue >= 0 ? [{ line: header.line + headerHasCue, lines: header.lines.slice(headerHasCue) }, ...blocks.slice(1)] : blocks.slice(1);
  for (const block of cueBlocks) {
    const first = block.lines[0]!;
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) continue;
    // An optional cue identifier precedes the timing line.
    const timingAt = first.includes('-->') ? 0 : 1;
    const timingLine = block.lines[timingAt];
    if (timingLine === undefined || !timingLine.includes('-->')) {
      // A first line that starts like a time was meant as the timing, not as a cue id.
      const at = timingLine === undefined || /^\s*\d+:\d/.test(first) ? 0 : 1;
      throw malformed(source, block.line + at, `expected a cue timing like "00:00:01.000 --> 00:00:04.000", found "${block.lines[at]!.trim()}"`);
    }
    const { start, end } = parseTimingLine(timingLine, block.line + timingAt, source);
    const cue = readCueText(block.lines.slice(timingAt + 1));
    if (cue.text) timed.push({ start, end, cue });
  }
  return cuesToTranscript(timed, language);
}
