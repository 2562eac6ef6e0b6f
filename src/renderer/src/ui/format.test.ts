import { describe, expect, it } from 'vitest';
import { formatDuration, formatTimestamp, speakerSlot } from './format.js';

describe('formatTimestamp', () => {
  it('shows mm:ss, and h:mm:ss from an hour on', () => {
    expect(formatTimestamp(0)).toBe('00:00');
    expect(formatTimestamp(83.9)).toBe('01:23');
    expect(formatTimestamp(3723)).toBe('1:02:03');
  });
});

describe('formatDuration', () => {
  it('reads naturally at every scale', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(40)).toBe('40 s');
    expect(formatDuration(2730)).toBe('46 min');
    expect(formatDuration(3900)).toBe('1 h 05 min');
  });
});

describe('speakerSlot', () => {
  it('gives speakers colour slots by first appearance, wrapping after six', () => {
    const speakers = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    expect(speakerSlot(speakers, 'B')).toBe(1);
    expect(speakerSlot(speakers, 'G')).toBe(0);
    expect(speakerSlot(speakers, null)).toBe(-1);
  });
});
