import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors.js';
import { parseSrt } from './parse-srt.js';

describe('parseSrt', () => {
  it('reads numbered cues, strips font/italic/ASS markup, keeps Name: speakers', () => {
    const t = parseSrt(
      '1\r\n00:00:01,000 --> 00:00:03,500\r\nMei Tanaka: I use <font color="#fff">Snowflake</font>\r\nand {\\an8}<i>dbt</i>.\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\nLuis Ortega: Great &amp; thanks.\r\n',
      'screen.srt',
    ).transcript;
    expect(t).toEqual({
      durationSec: 6,
      segments: [
        { start: 1, end: 3.5, speaker: 'Mei Tanaka', text: 'I use Snowflake and dbt.', words: [] },
        { start: 4, end: 6, speaker: 'Luis Ortega', text: 'Great & thanks.', words: [] },
      ],
    });
  });

  it('tolerates missing cue numbers, "." before milliseconds and long hours', () => {
    const t = parseSrt('00:00:01.250 --> 00:00:02.000\nhello\n\n7\n100:00:00,000 --> 100:00:01,000\nlate\n').transcript;
    expect(t.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [1.25, 2, 'hello'],
      [360000, 360001, 'late'],
    ]);
  });

  it('skips a broken cue and reports its line; refuses a file with none left', () => {
    const { transcript, skipped } = parseSrt('1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:05,000 --> 00:00:03,000\nbackwards\n\n3\n00:00:0x,000 --> 00:00:09,000\nbad\n', 'screen.srt');
    expect(transcript.segments.map((s) => s.text)).toEqual(['ok']);
    expect(skipped).toEqual([
      { line: 6, reason: 'ends-before-start' },
      { line: 10, reason: 'bad-timing' },
    ]);
    const refusal = (text: string) => {
      try {
        parseSrt(text, 'screen.srt');
      } catch (e) {
        expect(e).toBeInstanceOf(UserFacingError);
        return (e as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(refusal('1\n00:00:01,000 --> 00:00:xx,000\nbad\n')).toBe('screen.srt has no cues with text (skipped 1 cue with a bad timing (line 2)); there is nothing to import.');
    expect(refusal('Just some notes\nabout the call\n')).toMatch(/^screen\.srt line 1: no subtitle cues found/);
  });

  it('reads SRT as real files are: blank lines inside text, no blank lines between cues, ":" before ms, no numbers', () => {
    const { transcript, skipped } = parseSrt(
      '1\n00:00:01,000 --> 00:00:02,000\nfirst line\n\nstill the first cue\n\n2\n00:00:03:250 --> 00:00:04:000\n{\\an8}<i>second</i>\n3\n00:00:05,000 --> 00:00:06,000\nthird, no blank line before\n00:00:07,000 --> 00:00:08,000\nfourth, no number\n',
    );
    expect(skipped).toEqual([]);
    expect(transcript.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [1, 2, 'first line still the first cue'],
      [3.25, 4, 'second'],
      [5, 6, 'third, no blank line before'],
      [7, 8, 'fourth, no number'],
    ]);
  });
});
