import { formatTimestamp } from '../ui/format.js';

/** Why the mapper proposed a moment, in the reviewer's words (the store keeps the mapper's codes). */
const REASONS: Record<string, string> = {
  'question-link': 'answers a planned question for this criterion',
  'question-lexical': 'the question is about this criterion',
  lexical: 'the answer uses its language',
  tag: 'you tagged this moment',
  llm: 'the language model agreed',
  semantic: 'the answer means what the criterion says',
  'follow-up': 'follows up a planned question for this criterion',
  'plan-meaning': 'the question means a planned question for this criterion',
  topic: 'continues the previous question on this criterion',
};

export function reasonText(reason: string | null): string {
  if (!reason) return '';
  return reason
    .split(',')
    .map((r) => REASONS[r.trim()] ?? r.trim())
    .filter(Boolean)
    .join('; ');
}

/** `83.4–95` → `01:23–01:35`; a zero-length tag is one time. */
export function formatSpan(start: number, end: number): string {
  return end - start < 0.5 ? formatTimestamp(start) : `${formatTimestamp(start)}–${formatTimestamp(end)}`;
}

/** 0.734 → `73%`. */
export function formatConfidence(confidence: number | null): string {
  return confidence === null ? '' : `${Math.round(confidence * 100)}%`;
}

/** `83`, `1:23`, `01:23.5`, `1:02:03` → seconds; anything else → null. */
export function parseClock(text: string): number | null {
  const parts = text.trim().split(':');
  if (parts.length === 0 || parts.length > 3 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) return null;
  const numbers = parts.map(Number);
  if (numbers.slice(1).some((n) => n >= 60) || numbers.slice(0, -1).some((n) => !Number.isInteger(n))) return null;
  return numbers.reduce((total, n) => total * 60 + n, 0);
}

/** The segment a moment belongs to: the last one starting at or before it (segments are in time order). */
export function segmentIndexAt(segments: readonly { start: number }[], sec: number): number {
  let index = -1;
  for (const [i, s] of segments.entries()) {
    if (s.start <= sec + 0.01) index = i;
    else break;
  }
  return Math.max(0, index);
}
