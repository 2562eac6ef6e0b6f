import type { Segment, Word } from './transcript.js';

/** The words of a segment as the transcript view shows them: the engine's, or the text's tokens timed evenly. */
export function segmentTokens(segment: Pick<Segment, 'start' | 'end' | 'text' | 'words'>): Word[] {
  const engine = segment.words.filter((w) => w.text.trim() !== '');
  if (engine.length > 0 && segment.words.map((w) => w.text).join('').trim() === segment.text.trim()) return segment.words;
  const tokens = segment.text.trim().split(/\s+/).filter(Boolean);
  const step = (segment.end - segment.start) / Math.max(1, tokens.length);
  return tokens.map((t, i) => ({ text: i === 0 ? t : ` ${t}`, start: segment.start + i * step, end: segment.start + (i + 1) * step }));
}

/**
 * Cuts a segment before its word `wordIndex` (an index into segmentTokens), e.g. where the other
 * speaker takes over. Returns null when the cut would leave one side empty.
 */
export function splitSegmentAtWord<S extends Segment>(segment: S, wordIndex: number): [S, S] | null {
  const tokens = segmentTokens(segment);
  if (!Number.isInteger(wordIndex) || wordIndex <= 0 || wordIndex >= tokens.length) return null;
  const before = tokens.slice(0, wordIndex);
  const after = tokens.slice(wordIndex);
  const engineWords = tokens === segment.words;
  const piece = (words: Word[], start: number, end: number): S => ({
    ...segment,
    start,
    end,
    text: words.map((w) => w.text).join('').trim(),
    words: engineWords ? words : [],
  });
  return [piece(before, segment.start, before.at(-1)!.end), piece(after, after[0]!.start, segment.end)];
}
