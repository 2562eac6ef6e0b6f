import type { Segment, Word } from './transcript.js';

/** A word as the transcript view shows it: a whitespace-separated token of the text. */
export interface TextToken {
  text: string;
  start: number;
  end: number;
  /** Character range in the segment's text. */
  from: number;
  to: number;
}

/** Whether the engine's words spell the text exactly, so their character offsets can be trusted. */
function wordsSpellText(segment: Pick<Segment, 'text' | 'words'>): boolean {
  return segment.words.length > 0 && segment.words.map((w) => w.text).join('').trim() === segment.text.trim();
}

/** Engine words with their character range in the segment's text. */
function wordRanges(segment: Pick<Segment, 'text' | 'words'>): { word: Word; from: number; to: number }[] {
  const joined = segment.words.map((w) => w.text).join('');
  let offset = segment.text.length - segment.text.trimStart().length - (joined.length - joined.trimStart().length);
  return segment.words.map((word) => {
    const from = offset;
    offset += word.text.length;
    return { word, from, to: offset };
  });
}

/**
 * The words of a segment as the view shows them (`text.split(/\s+/)` after trimming), each timed by
 * the engine's words it overlaps (they can be pieces of a word), or evenly over the segment without them.
 */
export function segmentTokens(segment: Pick<Segment, 'start' | 'end' | 'text' | 'words'>): TextToken[] {
  const tokens = [...segment.text.matchAll(/\S+/g)].map((m) => ({ text: m[0], from: m.index, to: m.index + m[0].length }));
  const step = (segment.end - segment.start) / Math.max(1, tokens.length);
  const ranges = wordsSpellText(segment) ? wordRanges(segment) : [];
  return tokens.map((t, i) => {
    const overlapping = ranges.filter((r) => r.to > t.from && r.from < t.to && r.word.text.trim() !== '');
    const first = overlapping[0];
    const last = overlapping.at(-1);
    return first && last ? { ...t, start: first.word.start, end: last.word.end } : { ...t, start: segment.start + i * step, end: segment.start + (i + 1) * step };
  });
}

/**
 * Cuts a segment before its token `wordIndex` (an index into segmentTokens), e.g. where the other
 * speaker takes over. Returns null when the cut would leave one side empty.
 */
export function splitSegmentAtWord<S extends Segment>(segment: S, wordIndex: number): [S, S] | null {
  const tokens = segmentTokens(segment);
  if (!Number.isInteger(wordIndex) || wordIndex <= 0 || wordIndex >= tokens.length) return null;
  const cutAt = tokens[wordIndex]!.from;
  const ranges = wordsSpellText(segment) ? wordRanges(segment) : [];
  const wordsBefore = ranges.filter((r) => (r.from + r.to) / 2 < cutAt).map((r) => r.word);
  const wordsAfter = ranges.filter((r) => (r.from + r.to) / 2 >= cutAt).map((r) => r.word);
  const before: S = { ...segment, end: tokens[wordIndex - 1]!.end, text: segment.text.slice(0, cutAt).trim(), words: wordsBefore };
  const after: S = { ...segment, start: tokens[wordIndex]!.start, text: segment.text.slice(cutAt).trim(), words: wordsAfter };
  return [before, after];
}
