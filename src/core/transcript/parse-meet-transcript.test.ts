import { describe, expect, it } from 'vitest';
import { looksLikeMeetTranscript, parseMeetTranscript } from './parse-meet-transcript.js';

const meet = (body: string) => `Screen (2026-01-05 09:00 GMT) - Transcript\nAttendees\nAda Byron, Alan Turing\n${body}`;

describe('parseMeetTranscript', () => {
  it('keeps a wrapped paragraph with its speaker and reads the older "Transcription ended after" line', () => {
    const { transcript } = parseMeetTranscript(meet('Ada Byron: Tell me about the engine.\nIt has a mill and a store.\nAlan Turing: It computes.\nTranscription ended after 00:00:20\n'));
    expect(transcript.segments.map((s) => [s.speaker, s.text])).toEqual([
      ['Ada Byron', 'Tell me about the engine. It has a mill and a store.'],
      ['Alan Turing', 'It computes.'],
    ]);
    expect(transcript.segments.at(-1)!.end).toBe(20);
    // Time is shared by length: the longer turn takes the longer span.
    const [a, b] = transcript.segments;
    expect(a!.end - a!.start).toBeGreaterThan(b!.end - b!.start);
  });

  it('without an end line, the last stretch runs at a speaking pace from its mark', () => {
    const { transcript } = parseMeetTranscript(meet('00:05:00\nAda Byron: Thirty characters of speech here.\n'));
    expect(transcript.segments[0]!.start).toBe(300);
    expect(transcript.segments[0]!.end).toBeCloseTo(300 + 'Thirty characters of speech here.'.length / 15, 2);
  });

  it('tells a Meet transcript from other text, and refuses a heading with no turns', () => {
    expect(looksLikeMeetTranscript(meet('Ada Byron: Hello.'))).toBe(true);
    expect(looksLikeMeetTranscript('Dear Ada: thanks for the notes.\nBest, Alan')).toBe(false);
    expect(() => parseMeetTranscript(meet('\n'))).toThrow(/has the Meet heading but no "Name: text" turns/);
  });
});
