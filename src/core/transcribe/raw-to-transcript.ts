import type { Segment, Word } from '../transcript/transcript.js';
import type { RawSegment, RawToken } from './engine/whisper-engine.js';

/**
 * Whisper emits sub-word tokens; a token that starts with a space opens a new word.
 * Word times come from the first and last token of the word.
 */
export function tokensToWords(tokens: RawToken[]): Word[] {
  const words: Word[] = [];
  let text = '';
  let start = 0;
  let end = 0;
  let pSum = 0;
  let count = 0;
  const flush = () => {
    const trimmed = text.trim();
    if (trimmed) words.push({ start, end: Math.max(end, start), text: trimmed, p: round(pSum / count) });
    text = '';
    pSum = 0;
    count = 0;
  };
  for (const t of tokens) {
    if (/^\[_.*_\]$/.test(t.text) || t.text === '') continue;
    if (count === 0 || t.text.startsWith(' ')) {
      flush();
      start = t.start;
    }
    text += t.text;
    end = t.end;
    pSum += t.p;
    count++;
  }
  if (count > 0) flush();
  return words;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export function rawToSegment(raw: RawSegment, speaker: string | null, offsetSec = 0): Segment {
  const words = tokensToWords(raw.tokens).map((w) => ({ ...w, start: round(w.start + offsetSec), end: round(w.end + offsetSec) }));
  return {
    start: round(raw.start + offsetSec),
    end: round(Math.max(raw.end, raw.start) + offsetSec),
    speaker,
    text: raw.text.trim(),
    words,
  };
}
