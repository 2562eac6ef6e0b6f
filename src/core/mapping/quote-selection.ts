import type { TimedSentence } from './timed-sentences.js';

/**
 * The quote shown for a moment: the answer's most relevant sentence, joined with a neighbour when it
 * alone is too short to make sense or the neighbour is relevant too. Never more than two sentences,
 * so the interviewer can judge the moment at a glance.
 */
export interface Quote {
  text: string;
  start: number;
  end: number;
}

/** A sentence shorter than this ("Yes.", "All the time.") needs its neighbour to mean anything. */
export const MIN_QUOTE_WORDS = 8;
export const MAX_QUOTE_WORDS = 45;

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** `relevance[i]` scores `sentences[i]`; ties and all-zero scores favour the start of the answer. */
export function selectQuote(sentences: readonly TimedSentence[], relevance: readonly number[]): Quote | null {
  if (sentences.length === 0) return null;
  let best = 0;
  for (let i = 1; i < sentences.length; i++) if ((relevance[i] ?? 0) > (relevance[best] ?? 0)) best = i;
  const chosen = sentences[best]!;
  const neighbours = [best + 1, best - 1]
    .filter((i) => i >= 0 && i < sentences.length)
    .filter((i) => words(chosen.text) + words(sentences[i]!.text) <= MAX_QUOTE_WORDS)
    .sort((a, b) => (relevance[b] ?? 0) - (relevance[a] ?? 0));
  const neighbour = neighbours[0];
  const wantsNeighbour =
    neighbour !== undefined && (words(chosen.text) < MIN_QUOTE_WORDS || (relevance[neighbour] ?? 0) >= 0.5 * (relevance[best] ?? 0) && (relevance[neighbour] ?? 0) > 0);
  if (!wantsNeighbour || neighbour === undefined) return { text: chosen.text, start: chosen.start, end: chosen.end };
  const [first, second] = neighbour < best ? [sentences[neighbour]!, chosen] : [chosen, sentences[neighbour]!];
  return { text: `${first.text} ${second.text}`, start: first.start, end: second.end };
}
