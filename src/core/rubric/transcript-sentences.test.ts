import { describe, expect, it } from 'vitest';
import { formatTimestamp, transcriptSentences } from './transcript-sentences.js';

const seg = (start: number, end: number, speaker: string | null, text: string) => ({ start, end, speaker, text, words: [] });

describe('transcriptSentences', () => {
  it('joins cues of one speaker and splits sentences, keeping the cue times they span', () => {
    const sentences = transcriptSentences({
      durationSec: 20,
      segments: [
        seg(0, 4, 'Recruiter', 'What else?'),
        seg(5, 9, 'Hiring Manager', 'Postgres. We need somebody who'),
        seg(9, 12, 'Hiring Manager', 'really knows it, 1.2 billion rows. Yes'),
        seg(13, 15, 'Recruiter', 'Got it.'),
      ],
    });
    expect(sentences.map((s) => [s.speaker, s.text, s.start, s.end, s.turn])).toEqual([
      ['Recruiter', 'What else?', 0, 4, 0],
      ['Hiring Manager', 'Postgres.', 5, 9, 1],
      ['Hiring Manager', 'We need somebody who really knows it, 1.2 billion rows.', 5, 12, 1],
      ['Hiring Manager', 'Yes', 9, 12, 1],
      ['Recruiter', 'Got it.', 13, 15, 2],
    ]);
  });

  it('formats timestamps as m:ss or h:mm:ss', () => {
    expect(formatTimestamp(68.9)).toBe('1:08');
    expect(formatTimestamp(3725)).toBe('1:02:05');
  });
});
