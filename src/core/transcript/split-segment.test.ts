import { describe, expect, it } from 'vitest';
import { segmentTokens, splitSegmentAtWord } from './split-segment.js';
import type { Segment } from './transcript.js';

const words = [
  { text: ' Any', start: 10, end: 10.4 },
  { text: ' questions?', start: 10.4, end: 11 },
  { text: ' Yes,', start: 12, end: 12.3 },
  { text: ' one.', start: 12.3, end: 12.8 },
];
const timed: Segment = { start: 10, end: 12.8, speaker: 'Alex', text: ' Any questions? Yes, one.', words };

describe('splitSegmentAtWord', () => {
  it('cuts at a word, keeping the engine word timings on each side', () => {
    const [before, after] = splitSegmentAtWord(timed, 2)!;
    expect(before).toMatchObject({ start: 10, end: 11, text: 'Any questions?', speaker: 'Alex' });
    expect(after).toMatchObject({ start: 12, end: 12.8, text: 'Yes, one.' });
    expect(after.words.map((w) => w.text)).toEqual([' Yes,', ' one.']);
  });

  it('counts words as the view shows them, even when the engine split one into pieces', () => {
    const pieces: Segment = {
      start: 0,
      end: 2,
      speaker: null,
      text: ' We use Postgres daily.',
      words: [
        { text: ' We', start: 0, end: 0.3 },
        { text: ' use', start: 0.3, end: 0.6 },
        { text: ' Post', start: 0.7, end: 1 },
        { text: 'gres', start: 1, end: 1.3 },
        { text: ' daily.', start: 1.4, end: 2 },
      ],
    };
    expect(segmentTokens(pieces).map((t) => [t.text, t.start, t.end])).toEqual([
      ['We', 0, 0.3],
      ['use', 0.3, 0.6],
      ['Postgres', 0.7, 1.3],
      ['daily.', 1.4, 2],
    ]);
    const [before, after] = splitSegmentAtWord(pieces, 3)!;
    expect([before.text, before.end, before.words.length, after.text, after.start]).toEqual(['We use Postgres', 1.3, 4, 'daily.', 1.4]);
  });

  it('times the cut by position when the segment has no word timings', () => {
    const plain: Segment = { start: 0, end: 4, speaker: null, text: 'one two three four', words: [] };
    expect(segmentTokens(plain).map((w) => w.text.trim())).toEqual(['one', 'two', 'three', 'four']);
    const [before, after] = splitSegmentAtWord(plain, 1)!;
    expect([before.text, before.end, after.text, after.start]).toEqual(['one', 1, 'two three four', 1]);
    expect(after.words).toEqual([]);
  });

  it('refuses a cut that leaves one side empty', () => {
    expect(splitSegmentAtWord(timed, 0)).toBeNull();
    expect(splitSegmentAtWord(timed, 4)).toBeNull();
  });
});
