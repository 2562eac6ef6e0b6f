import { describe, expect, it } from 'vitest';
import { formatConfidence, formatSpan, parseClock, reasonText, segmentIndexAt } from './moment-format.js';

describe('moment formatting', () => {
  it('says why a moment was proposed in words, keeping codes it does not know', () => {
    expect(reasonText('question-link,lexical,tag')).toBe('answers a planned question for this criterion; the answer uses its language; you tagged this moment');
    expect(reasonText('something-new')).toBe('something-new');
    expect(reasonText(null)).toBe('');
  });

  it('shows spans, single times and confidence', () => {
    expect(formatSpan(83.4, 95)).toBe('01:23–01:35');
    expect(formatSpan(52.1, 52.1)).toBe('00:52');
    expect(formatConfidence(0.734)).toBe('73%');
    expect(formatConfidence(null)).toBe('');
  });

  it('parses typed times and refuses malformed ones', () => {
    expect(parseClock('83')).toBe(83);
    expect(parseClock(' 1:23 ')).toBe(83);
    expect(parseClock('01:23.5')).toBe(83.5);
    expect(parseClock('1:02:03')).toBe(3723);
    for (const bad of ['', '1:75', '1.5:10', 'a:10', '1:2:3:4', '-5']) expect(parseClock(bad), bad).toBeNull();
  });

  it('finds the segment a moment falls in', () => {
    const segments = [{ start: 0 }, { start: 10 }, { start: 20 }];
    expect(segmentIndexAt(segments, 0)).toBe(0);
    expect(segmentIndexAt(segments, 9.9)).toBe(0);
    expect(segmentIndexAt(segments, 10)).toBe(1);
    expect(segmentIndexAt(segments, 500)).toBe(2);
    expect(segmentIndexAt([{ start: 3 }], 1)).toBe(0);
  });
});
