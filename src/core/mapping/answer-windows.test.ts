import { describe, expect, it } from 'vitest';
import type { Segment, Transcript } from '../transcript/transcript.js';
import { segmentAnswerWindows } from './answer-windows.js';

let clock = 0;
function say(speaker: string | null, text: string, seconds = 3): Segment {
  const segment = { start: clock, end: clock + seconds, speaker, text, words: [] };
  clock += seconds + 0.5;
  return segment;
}
function transcript(segments: Segment[]): Transcript {
  return { durationSec: clock, segments };
}
const I = 'Interviewer';

describe('segmentAnswerWindows', () => {
  it('pairs each interviewer question with the candidate answer that follows', () => {
    clock = 0;
    const t = transcript([
      say(I, 'How do you test your code?'),
      say('Candidate', 'Unit tests first.'),
      say('Candidate', 'Then integration tests against a real database.'),
      say(I, 'And code review?'),
      say('Candidate', 'Every change gets one approval.'),
    ]);
    const windows = segmentAnswerWindows(t, [I]);
    expect(windows).toHaveLength(2);
    expect(windows[0]).toMatchObject({
      index: 0,
      questionText: 'How do you test your code?',
      questionStart: 0,
      answerStart: 3.5,
      answerText: 'Unit tests first. Then integration tests against a real database.',
    });
    expect(windows[0]!.answerSegments).toHaveLength(2);
    expect(windows[1]!.questionText).toBe('And code review?');
  });

  it('keeps an answer whole across an interviewer backchannel', () => {
    clock = 0;
    const t = transcript([say(I, 'Tell me about the queue.'), say('Candidate', 'We moved to Kafka.'), say(I, 'Mm-hm.', 1), say('Candidate', 'And partitioned by user.')]);
    const windows = segmentAnswerWindows(t, [I]);
    expect(windows).toHaveLength(1);
    expect(windows[0]!.answerText).toBe('We moved to Kafka. And partitioned by user.');
    expect(windows[0]!.answerSegments.map((s) => s.speaker)).toEqual(['Candidate', 'Candidate']);
  });

  it("starts a new window when the interviewer answers the candidate's question, however briefly", () => {
    clock = 0;
    const t = transcript([say(I, 'Any questions for me?'), say('Candidate', 'When will I hear back?'), say(I, 'Within a week.'), say('Candidate', 'Great, thanks.')]);
    expect(segmentAnswerWindows(t, [I]).map((w) => w.questionText)).toEqual(['Any questions for me?', 'Within a week.']);
  });

  it('keeps an answer whole when a "mm-hm" follows a rhetorical question inside it', () => {
    clock = 0;
    const t = transcript([
      say(I, 'How do you keep the practice ready?'),
      say('Candidate', 'We ask: if an inspector asked reception this, what would she say?'),
      say(I, 'Mm-hm.', 1),
      say('Candidate', 'And I check the logs weekly.'),
    ]);
    expect(segmentAnswerWindows(t, [I])).toHaveLength(1);
  });

  it('joins consecutive interviewer turns, ignoring a candidate "mm-hm" between them, into one question', () => {
    clock = 0;
    const t = transcript([
      say(I, 'So we run a lot of batch jobs.'),
      say('Candidate', 'Mm-hm.', 1),
      say(I, 'How would you schedule them?'),
      say('Candidate', 'With a queue and a pool of workers.'),
    ]);
    const windows = segmentAnswerWindows(t, [I]);
    expect(windows).toHaveLength(1);
    expect(windows[0]!.questionText).toBe('So we run a lot of batch jobs. How would you schedule them?');
    expect(windows[0]!.answerText).toBe('With a queue and a pool of workers.');
  });

  it('supports panel interviews and treats unlabelled speech as the candidate', () => {
    clock = 0;
    const t = transcript([say('Ana', 'First question?'), say(null, 'First answer.'), say('Ben', 'Second question?'), say('Cand', 'Second answer.')]);
    const windows = segmentAnswerWindows(t, ['Ana', 'Ben']);
    expect(windows.map((w) => w.answerText)).toEqual(['First answer.', 'Second answer.']);
  });

  it('keeps unprompted speech before any question and drops questions nobody answered', () => {
    clock = 0;
    const t = transcript([say('Candidate', 'Hi, sorry I am late.'), say(I, 'No problem. Shall we start?')]);
    const windows = segmentAnswerWindows(t, [I]);
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({ questionText: '', questionStart: 0, answerText: 'Hi, sorry I am late.' });
  });

  it('orders segments by time and skips empty ones', () => {
    clock = 0;
    const q = say(I, 'Why?');
    const blank = say('Candidate', '   ');
    const a = say('Candidate', 'Because.');
    expect(segmentAnswerWindows(transcript([a, blank, q]), [I]).map((w) => [w.questionText, w.answerText])).toEqual([['Why?', 'Because.']]);
  });
});
