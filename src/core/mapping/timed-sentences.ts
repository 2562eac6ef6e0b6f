import type { Segment } from '../transcript/transcript.js';

export interface TimedSentence {
  text: string;
  start: number;
  end: number;
}

const SENTENCE = /[^.!?]+(?:[.!?]+["')\]]*|$)/g;

/**
 * Splits segments into sentences with time spans. Word timings are used when the engine gave them;
 * otherwise a sentence's span is interpolated by its character position inside the segment, which is
 * close enough to seek a player to the quote.
 */
export function toTimedSentences(segments: readonly Segment[]): TimedSentence[] {
  const sentences: TimedSentence[] = [];
  for (const segment of segments) {
    const text = segment.text;
    const duration = segment.end - segment.start;
    const length = Math.max(1, text.length);
    for (const match of text.matchAll(SENTENCE)) {
      const sentence = match[0].trim();
      if (sentence === '' || !/[a-z0-9]/i.test(sentence)) continue;
      const from = match.index;
      const to = from + match[0].length;
      const span = wordSpan(segment, from, to) ?? {
        start: segment.start + (duration * from) / length,
        end: segment.start + (duration * to) / length,
      };
      sentences.push({ text: sentence, start: round(span.start), end: round(span.end) });
    }
  }
  return sentences;
}

/** Words are matched to the sentence by their character offsets in the segment text, when they line up. */
function wordSpan(segment: Segment, from: number, to: number): { start: number; end: number } | null {
  if (segment.words.length === 0) return null;
  const joined = segment.words.map((w) => w.text).join('');
  if (joined.trim() !== segment.text.trim()) return null;
  const lead = joined.length - joined.trimStart().length - (segment.text.length - segment.text.trimStart().length);
  let offset = -lead;
  let start: number | null = null;
  let end: number | null = null;
  for (const word of segment.words) {
    const wordFrom = offset;
    const wordTo = offset + word.text.length;
    offset = wordTo;
    if (wordTo <= from || wordFrom >= to || word.text.trim() === '') continue;
    start ??= word.start;
    end = word.end;
  }
  return start === null || end === null ? null : { start, end };
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
