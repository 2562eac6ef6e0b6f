import { cuesToTranscript, malformed, parseTimingLine, splitBlocks } from './cue-blocks.js';
import { readCueText, type CueText } from './cue-text.js';
import type { Transcript } from './transcript.js';

/**
 * SRT → Transcript: numbered blocks of `hh:mm:ss,mmm --> hh:mm:ss,mmm` and text. The number is
 * optional (some tools drop it); `.` instead of `,` and missing hours are tolerated. Speaker
 * labels follow the same rules as WebVTT (`Name:`, `[Name]`, `>> Name:`, and `<v>` if present).
 */
export function parseSrt(text: string, source = 'SRT'): Transcript {
  const blocks = splitBlocks(text);
  if (blocks.length === 0) throw malformed(source, 1, 'no subtitle cues found');
  const timed: { start: number; end: number; cue: CueText }[] = [];
  for (const block of blocks) {
    const first = block.lines[0]!;
    const timingAt = first.includes('-->') ? 0 : 1;
    if (timingAt === 1 && !/^\s*\d+\s*$/.test(first)) {
      throw malformed(source, block.line, `expected a cue number or a timing like "00:00:01,000 --> 00:00:04,000", found "${first.trim()}"`);
    }
    const timingLine = block.lines[timingAt];
    if (timingLine === undefined) throw malformed(source, block.line, `cue ${first.trim()} has no timing line`);
    const { start, end } = parseTimingLine(timingLine, block.line + timingAt, source);
    const cue = readCueText(block.lines.slice(timingAt + 1), 'srt');
    if (cue.text) timed.push({ start, end, cue });
  }
  return cuesToTranscript(timed);
}
