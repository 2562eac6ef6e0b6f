import { describe, expect, it } from 'vitest';
import { toTimedSentences } from './timed-sentences.js';

describe('toTimedSentences', () => {
  it('splits a segment into sentences with interpolated times', () => {
    const sentences = toTimedSentences([{ start: 10, end: 20, speaker: 'C', text: 'First one here. Second one is here!', words: [] }]);
    expect(sentences.map((s) => s.text)).toEqual(['First one here.', 'Second one is here!']);
    expect(sentences[0]!.start).toBe(10);
    expect(sentences[1]!.end).toBe(20);
    expect(sentences[0]!.end).toBeGreaterThan(13);
    expect(sentences[0]!.end).toBeLessThan(sentences[1]!.start + 0.5);
  });

  it('uses word timings when the engine gave them', () => {
    const words = [
      { start: 1, end: 1.4, text: 'Yes.' },
      { start: 2, end: 2.3, text: ' We' },
      { start: 2.3, end: 2.9, text: ' did.' },
    ];
    const sentences = toTimedSentences([{ start: 0.8, end: 3, speaker: 'C', text: 'Yes. We did.', words }]);
    expect(sentences).toEqual([
      { text: 'Yes.', start: 1, end: 1.4 },
      { text: 'We did.', start: 2, end: 2.9 },
    ]);
  });

  it('keeps a trailing fragment without punctuation and drops punctuation-only pieces', () => {
    const sentences = toTimedSentences([{ start: 0, end: 4, speaker: 'C', text: 'So it went well... and then', words: [] }]);
    expect(sentences.map((s) => s.text)).toEqual(['So it went well...', 'and then']);
  });
});
