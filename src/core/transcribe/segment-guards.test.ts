import { describe, expect, it } from 'vitest';
import type { RawSegment } from './engine/whisper-engine.js';
import { collapseRepeats, guardSegments } from './segment-guards.js';

const seg = (start: number, end: number, text: string, noSpeechProb: number | null = 0.01): RawSegment => ({
  start,
  end,
  text,
  noSpeechProb,
  tokens: [],
});

describe('collapseRepeats', () => {
  it('collapses a looping phrase but keeps ordinary text', () => {
    expect(collapseRepeats('I think so I think so I think so I think so.')).toBe('I think so');
    expect(collapseRepeats('we we we we need to ship')).toBe('we need to ship');
    expect(collapseRepeats('very very good')).toBe('very very good');
    expect(collapseRepeats('Tell me about your last project.')).toBe('Tell me about your last project.');
  });
});

describe('guardSegments', () => {
  it('drops annotations, empty text and confident no-speech segments', () => {
    const out = guardSegments([
      seg(0, 1, ' [BLANK_AUDIO]'),
      seg(1, 2, '   '),
      seg(2, 3, ' (music)'),
      seg(3, 4, ' Thank you.', 0.95),
      seg(4, 5, ' We shipped it in March.'),
    ]);
    expect(out.map((s) => s.text)).toEqual(['We shipped it in March.']);
  });

  it('stops a decoder loop of identical segments after one honest repeat', () => {
    const out = guardSegments([seg(0, 1, 'Okay.'), seg(1, 2, 'Okay.'), seg(2, 3, 'Okay.'), seg(3, 4, 'Okay.'), seg(4, 5, 'Next question.')]);
    expect(out.map((s) => s.text)).toEqual(['Okay.', 'Okay.', 'Next question.']);
  });

  it('drops text whisper invents over silent audio', () => {
    const pcm = new Float32Array(16000 * 4);
    for (let i = 16000 * 2; i < pcm.length; i++) pcm[i] = 0.2 * Math.sin(i / 5);
    const out = guardSegments([seg(0, 2, 'Thanks for watching!'), seg(2, 4, 'Real answer here.')], { pcm, sampleRate: 16000 });
    expect(out.map((s) => s.text)).toEqual(['Real answer here.']);
  });
});
