import { describe, expect, it } from 'vitest';
import type { Segment } from '../transcript/transcript.js';
import { segmentAnswerWindows } from './answer-windows.js';
import { splitSingleTrack } from './single-track-turns.js';

const seg = (start: number, end: number, text: string): Segment => ({ start, end, speaker: 'Alex', text, words: [] });

/** Words timed evenly over [start, end], with a pause of `pauseAfter` seconds after word `pauseAt`. */
function timedSegment(start: number, end: number, text: string, pauseAt: number, pause: number): Segment {
  const tokens = text.split(' ');
  const step = (end - start - pause) / tokens.length;
  const words = tokens.map((t, i) => {
    const from = start + i * step + (i > pauseAt ? pause : 0);
    return { text: i === 0 ? t : ` ${t}`, start: from, end: from + step };
  });
  return { start, end, speaker: 'Alex', text, words };
}

const interview: Segment[] = [
  seg(1, 3, 'Hi, can you hear me okay?'),
  seg(3.9, 6, 'Yes, loud and clear, thanks for having me.'),
  seg(7, 12, 'Great. So tell me about a system you built that had to scale to high traffic.'),
  seg(12.9, 20, 'At my last job I owned the notification service, and we were sending forty million messages a day.'),
  seg(20.3, 27, 'I moved it to Kafka and made the workers stateless, so we could scale them out.'),
  seg(28, 30, 'How did you handle duplicates?'),
  seg(30.9, 36, 'We made the consumers idempotent with a dedupe key, so I never worried about replays.'),
];

describe('splitSingleTrack', () => {
  it('gives the questions to the interviewer and the answers to the candidate', () => {
    const result = splitSingleTrack(interview, { interviewer: 'Alex' });
    expect(result).toMatchObject({ interviewer: 'Alex', candidate: 'Candidate' });
    expect(result.segments.map((s) => s.speaker)).toEqual(['Alex', 'Candidate', 'Alex', 'Candidate', 'Candidate', 'Alex', 'Candidate']);
    // Kept-whole segments come back unchanged apart from the speaker.
    expect(result.segments[2]).toMatchObject({ text: interview[2]!.text, start: 7, end: 12, sourceIndex: 2 });
  });

  it('finds the turns from the words alone when there are no pauses to go by', () => {
    const result = splitSingleTrack(interview, { interviewer: 'Alex', usePauses: false });
    const speakers = result.segments.map((s) => s.speaker);
    expect(speakers.filter((s, i) => s === 'Alex' && [0, 2, 5].includes(i))).toHaveLength(3);
    expect(speakers[3]).toBe('Candidate');
  });

  it('cuts a segment where a question ends and the answer starts after a pause', () => {
    const mixed = timedSegment(40, 52, 'What would you do differently next time? I would add load tests before launch, because we found the limits in production.', 6, 0.9);
    const result = splitSingleTrack([...interview, mixed], { interviewer: 'Alex' });
    const pieces = result.segments.filter((s) => s.sourceIndex === interview.length);
    expect(pieces.map((p) => [p.speaker, p.text])).toEqual([
      ['Alex', 'What would you do differently next time?'],
      ['Candidate', 'I would add load tests before launch, because we found the limits in production.'],
    ]);
    expect(pieces[1]!.start).toBeGreaterThan(pieces[0]!.end);
    expect(pieces[0]!.words.map((w) => w.text.trim()).join(' ')).toBe('What would you do differently next time?');
  });

  it('recognises a paraphrased planned question even without a question mark', () => {
    const plain = [seg(0, 4, 'Walk me through your favourite database migration'), seg(5, 12, 'Sure, we moved from MySQL to Postgres over a quarter and I wrote the dual-write layer.')];
    const result = splitSingleTrack(plain, { questions: [{ id: 'q', text: 'Walk me through a database migration you led.', criterionIds: [] }] });
    expect(result.segments.map((s) => s.speaker)).toEqual(['Interviewer', 'Candidate']);
  });

  it('feeds answer windows: each question with the answer that follows', () => {
    const result = splitSingleTrack(interview, { interviewer: 'Alex' });
    const windows = segmentAnswerWindows({ durationSec: 36, segments: result.segments }, [result.interviewer]);
    expect(windows.map((w) => [w.questionText, w.answerStart])).toEqual([
      ['Hi, can you hear me okay?', 3.9],
      ['Great. So tell me about a system you built that had to scale to high traffic.', 12.9],
      ['How did you handle duplicates?', 30.9],
    ]);
  });

  it('returns nothing for an empty transcript', () => {
    expect(splitSingleTrack([]).segments).toEqual([]);
  });
});
