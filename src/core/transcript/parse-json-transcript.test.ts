import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors.js';
import { parseJsonTranscript } from './parse-json-transcript.js';

const errorOf = (json: string): string => {
  try {
    parseJsonTranscript(json, 'export.json');
  } catch (e) {
    expect(e).toBeInstanceOf(UserFacingError);
    expect((e as UserFacingError).code).toBe('transcript-malformed');
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

describe('parseJsonTranscript', () => {
  it('(a) Debrief JSON, words and language kept', () => {
    const t = parseJsonTranscript(
      JSON.stringify({
        durationSec: 12.5,
        language: 'en',
        segments: [{ start: 1, end: 2.5, speaker: 'Priya', text: ' Hello  there ', words: [{ start: 1, end: 1.6, text: 'Hello', p: 0.9 }, { start: 1.7, end: 2.5, text: 'there' }] }],
      }),
    );
    expect(t).toEqual({
      durationSec: 12.5,
      language: 'en',
      segments: [{ start: 1, end: 2.5, speaker: 'Priya', text: 'Hello there', words: [{ start: 1, end: 1.6, text: 'Hello', p: 0.9 }, { start: 1.7, end: 2.5, text: 'there' }] }],
    });
  });

  it('(a) Whisper verbose_json: duration, no speakers, no words', () => {
    const t = parseJsonTranscript(JSON.stringify({ task: 'transcribe', language: 'english', duration: 9.1, text: 'x', segments: [{ id: 0, start: 0, end: 4.2, text: ' Hi.' }] }));
    expect(t).toEqual({ durationSec: 9.1, language: 'english', segments: [{ start: 0, end: 4.2, speaker: null, text: 'Hi.', words: [] }] });
  });

  it('(b) Teams entries with 100 ns offsets', () => {
    const t = parseJsonTranscript(
      JSON.stringify({
        type: 'Transcript',
        entries: [
          { speakerDisplayName: 'Hannah Brooks', startOffset: '00:00:03.4000000', endOffset: '00:00:07.1230000', text: 'Tell me about your quota.' },
          { speakerDisplayName: null, startOffset: '00:01:00.0000000', endOffset: '00:01:02.5000000', text: 'Unattributed.' },
        ],
      }),
    );
    expect(t.durationSec).toBe(62.5);
    expect(t.segments).toEqual([
      { start: 3.4, end: 7.123, speaker: 'Hannah Brooks', text: 'Tell me about your quota.', words: [] },
      { start: 60, end: 62.5, speaker: null, text: 'Unattributed.', words: [] },
    ]);
  });

  it('(c) Zoom timeline: end from end_ts, else next ts, else a per-word estimate', () => {
    const t = parseJsonTranscript(
      JSON.stringify({
        timeline: [
          { ts: '00:00:01.000', end_ts: '00:00:03.000', text: 'Hi Diego.', users: [{ username: 'Rachel Kim' }] },
          { ts: '00:00:04.000', text: 'Hello Rachel.', users: [{ username: 'Diego Fernández' }] },
          { ts: '00:00:06.500', text: 'one two three four five', users: [] },
        ],
      }),
    );
    expect(t.segments.map((s) => [s.start, s.end, s.speaker])).toEqual([
      [1, 3, 'Rachel Kim'],
      [4, 6.5, 'Diego Fernández'],
      [6.5, 8.5, null],
    ]);
    expect(t.durationSec).toBe(8.5);
  });

  it('(d) plain arrays with speaker/name, start/startTime, numbers or clock strings', () => {
    const t = parseJsonTranscript(
      JSON.stringify([
        { name: 'Luis', startTime: '00:00:01.500', endTime: '00:00:03', text: 'Question?' },
        { speaker: 'Mei', start: 3.5, end: '5.25', text: 'Answer.' },
      ]),
    );
    expect(t.segments.map((s) => [s.speaker, s.start, s.end, s.text])).toEqual([
      ['Luis', 1.5, 3, 'Question?'],
      ['Mei', 3.5, 5.25, 'Answer.'],
    ]);
    const wrapped = parseJsonTranscript(JSON.stringify({ utterances: [{ speaker: 'A', start: 0, end: 1, text: 'x' }] }));
    expect(wrapped.segments[0]!.speaker).toBe('A');
  });

  it('names the problem: syntax, unknown shape, bad field, backwards entry', () => {
    expect(errorOf('{"entries": [')).toMatch(/^export\.json: not valid JSON/);
    expect(errorOf('{"name": "x", "version": "1"}')).toMatch(/^export\.json: expected Debrief JSON .* found an object with keys name, version$/);
    expect(errorOf('"hello"')).toMatch(/found "hello"/);
    expect(errorOf(JSON.stringify({ entries: [{ speakerDisplayName: 'A', startOffset: 'soon', endOffset: '00:00:01.0000000', text: 'x' }] }))).toMatch(
      /^export\.json: entries\[0\]\.startOffset: expected seconds or a time like 00:01:02\.500, got "soon"/,
    );
    expect(errorOf(JSON.stringify([{ speaker: 'A', start: 1, text: 'x' }]))).toMatch(/\[0\]: needs "end" or "endTime"/);
    expect(errorOf(JSON.stringify({ timeline: [{ ts: '00:00:01.000', users: [] }] }))).toMatch(/timeline\[0\]\.text/);
    expect(errorOf(JSON.stringify([{ speaker: 'A', start: 5, end: 2, text: 'x' }]))).toMatch(/entry 0 ends \(2 s\) before it starts \(5 s\)/);
  });
});
