import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors.js';
import { parseSrt } from './parse-srt.js';

describe('parseSrt', () => {
  it('reads numbered cues, strips font/italic/ASS markup, keeps Name: speakers', () => {
    const t = parseSrt(
      '1\r\n00:00:01,000 --> 00:00:03,500\r\nMei Tanaka: I use <font color="#fff">Snowflake</font>\r\nand {\\an8}<i>dbt</i>.\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\nLuis Ortega: Great &amp; thanks.\r\n',
      'screen.srt',
    );
    expect(t).toEqual({
      durationSec: 6,
      segments: [
        { start: 1, end: 3.5, speaker: 'Mei Tanaka', text: 'I use Snowflake and dbt.', words: [] },
        { start: 4, end: 6, speaker: 'Luis Ortega', text: 'Great & thanks.', words: [] },
      ],
    });
  });

  it('tolerates missing cue numbers, "." before milliseconds and long hours', () => {
    const t = parseSrt('00:00:01.250 --> 00:00:02.000\nhello\n\n7\n100:00:00,000 --> 100:00:01,000\nlate\n');
    expect(t.segments.map((s) => [s.start, s.end, s.text])).toEqual([
      [1.25, 2, 'hello'],
      [360000, 360001, 'late'],
    ]);
  });

  it('names the line of a broken cue', () => {
    const message = (text: string) => {
      try {
        parseSrt(text, 'screen.srt');
      } catch (e) {
        expect(e).toBeInstanceOf(UserFacingError);
        expect((e as UserFacingError).code).toBe('transcript-malformed');
        return (e as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(message('1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:05,000 --> 00:00:03,000\nbackwards\n')).toBe(
      'screen.srt line 6: cue ends at 00:00:03,000 before it starts at 00:00:05,000',
    );
    expect(message('1\n00:00:01,000 --> 00:00:xx,000\nbad\n')).toMatch(/^screen\.srt line 2: bad end timestamp "00:00:xx,000"/);
    expect(message('1\nhello there\n')).toMatch(/^screen\.srt line 2: expected a cue timing/);
    expect(message('Just some notes\nabout the call\n')).toMatch(/^screen\.srt line 1: expected a cue number or a timing/);
    expect(message('\n\n')).toMatch(/^screen\.srt line 1: no subtitle cues found/);
  });
});
