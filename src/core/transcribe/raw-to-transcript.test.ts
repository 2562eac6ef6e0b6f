import { describe, expect, it } from 'vitest';
import { rawToSegment, tokensToWords } from './raw-to-transcript.js';

describe('tokensToWords', () => {
  it('joins sub-word tokens into words with first-start and last-end times', () => {
    const words = tokensToWords([
      { text: ' Kub', start: 1.0, end: 1.2, p: 0.9 },
      { text: 'ernetes', start: 1.2, end: 1.6, p: 0.7 },
      { text: ' is', start: 1.7, end: 1.8, p: 1 },
      { text: ' hard.', start: 1.8, end: 2.1, p: 0.8 },
    ]);
    expect(words).toEqual([
      { start: 1.0, end: 1.6, text: 'Kubernetes', p: 0.8 },
      { start: 1.7, end: 1.8, text: 'is', p: 1 },
      { start: 1.8, end: 2.1, text: 'hard.', p: 0.8 },
    ]);
  });

  it('skips bracketed special tokens', () => {
    expect(tokensToWords([{ text: '[_BEG_]', start: 0, end: 0, p: 1 }, { text: ' hi', start: 0, end: 0.3, p: 1 }]).map((w) => w.text)).toEqual(['hi']);
  });
});

describe('rawToSegment', () => {
  it('applies the speaker and the chunk offset to the segment and its words', () => {
    const s = rawToSegment({ start: 0.5, end: 1.5, text: ' Hello there', noSpeechProb: 0, tokens: [{ text: ' Hello', start: 0.5, end: 0.9, p: 1 }] }, 'You', 10);
    expect(s).toEqual({ start: 10.5, end: 11.5, speaker: 'You', text: 'Hello there', words: [{ start: 10.5, end: 10.9, text: 'Hello', p: 1 }] });
  });
});
