import { describe, expect, it } from 'vitest';
import { selectQuote } from './quote-selection.js';

const s = (text: string, start: number) => ({ text, start, end: start + 2 });

describe('selectQuote', () => {
  const sentences = [
    s('Sure, happy to talk about that project from last year at my previous company.', 0),
    s('We moved the notification queue to Kafka and partitioned it by user id.', 3),
    s('The office had a nice view of the river, which I really miss these days.', 6),
  ];

  it('picks the most relevant sentence', () => {
    expect(selectQuote(sentences, [0, 3, 0])).toEqual({ text: sentences[1]!.text, start: 3, end: 5 });
  });

  it('adds a neighbour that is relevant too, in spoken order', () => {
    expect(selectQuote(sentences, [2, 3, 0])).toEqual({ text: `${sentences[0]!.text} ${sentences[1]!.text}`, start: 0, end: 5 });
  });

  it('extends a too-short best sentence with its neighbour', () => {
    const short = [s('All the time.', 0), s('A bank needed on-premise deployment, which we did not offer, and I told them.', 2)];
    expect(selectQuote(short, [1, 0.2])!.text).toBe(`${short[0]!.text} ${short[1]!.text}`);
  });

  it('never joins more than two sentences or exceeds the word limit', () => {
    const long = [s('word '.repeat(30).trim() + '.', 0), s('other '.repeat(30).trim() + '.', 3)];
    expect(selectQuote(long, [1, 1])!.text).toBe(long[0]!.text);
  });

  it('falls back to the start of the answer when nothing matches, and handles empty input', () => {
    expect(selectQuote(sentences, [0, 0, 0])!.start).toBe(0);
    expect(selectQuote([], [])).toBeNull();
  });
});
