import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors.js';
import { parseVtt } from './parse-vtt.js';

const refusal = (text: string): UserFacingError => {
  try {
    parseVtt(text, 'call.vtt');
  } catch (e) {
    if (e instanceof UserFacingError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('parseVtt', () => {
  it('reads voice tags (with classes and closing tags), ids, settings, hh-less times', () => {
    const t = parseVtt(
      [
        'WEBVTT - Teams export',
        'Language: en-US',
        '',
        'a1b2/12-0',
        '00:01.000 --> 00:04.500 align:start position:10%',
        '<v.loud Priya Raman>Tell me about <b>Kafka</b>.</v>',
        '',
        '00:00:05.000 --> 00:00:09.250',
        '<v Sam>It&apos;s our event bus &amp; more.</v>',
        '',
      ].join('\n'),
    ).transcript;
    expect(t).toEqual({
      durationSec: 9.25,
      language: 'en-US',
      segments: [
        { start: 1, end: 4.5, speaker: 'Priya Raman', text: 'Tell me about Kafka.', words: [] },
        { start: 5, end: 9.25, speaker: 'Sam', text: "It's our event bus & more.", words: [] },
      ],
    });
  });

  it('handles BOM, CRLF, NOTE/STYLE/REGION blocks and multi-line cues', () => {
    const text =
      '\uFEFFWEBVTT\r\n\r\nSTYLE\r\n::cue { color: lime }\r\n\r\nREGION\r\nid:fred\r\n\r\nNOTE a comment\r\nspanning lines\r\n\r\n1\r\n00:00:00.000 --> 00:00:02.000\r\nfirst line\r\n<i>second</i> line\r\n';
    const t = parseVtt(text).transcript;
    expect(t.segments).toEqual([{ start: 0, end: 2, speaker: null, text: 'first line second line', words: [] }]);
  });

  it('takes Zoom "Name: text" prefixes as speakers when most cues carry one', () => {
    const t = parseVtt(
      'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nDana Whitfield: Hi Tomasz.\n\n2\n00:00:02.500 --> 00:00:04.000\nTomasz Kowalczyk: Hi Dana, thanks.\n\n3\n00:00:04.000 --> 00:00:06.000\nand thanks for the reminder email: it helped.\n',
    ).transcript;
    expect(t.segments.map((s) => [s.speaker, s.text])).toEqual([
      ['Dana Whitfield', 'Hi Tomasz.'],
      ['Tomasz Kowalczyk', 'Hi Dana, thanks.'],
      // No prefix: the previous speaker continues (Zoom labels each turn).
      ['Tomasz Kowalczyk', 'and thanks for the reminder email: it helped.'],
    ]);
  });

  it('leaves a lone "Word:" or a sound label as text', () => {
    const t = parseVtt(
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nNote: we start at nine.\n\n00:00:02.000 --> 00:00:03.000\nplain words here\n\n00:00:03.000 --> 00:00:04.000\nmore plain words\n',
    ).transcript;
    expect(t.segments.map((s) => [s.speaker, s.text])).toEqual([
      [null, 'Note: we start at nine.'],
      [null, 'plain words here'],
      [null, 'more plain words'],
    ]);
    const b = parseVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n[Laughter] okay\n\n00:00:02.000 --> 00:00:03.000\n[Music] fine\n').transcript;
    expect(b.segments.map((s) => s.speaker)).toEqual([null, null]);
  });

  it('reads [Name] and >> Name: styles; a bare >> changes to an unnamed speaker', () => {
    const brackets = parseVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n[Priya] Welcome.\n\n00:00:02.000 --> 00:00:03.000\n[Jordan] Thanks.\n').transcript;
    expect(brackets.segments.map((s) => [s.speaker, s.text])).toEqual([
      ['Priya', 'Welcome.'],
      ['Jordan', 'Thanks.'],
    ]);
    const chevrons = parseVtt(
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n>> Luis: How long?\n\n00:00:02.000 --> 00:00:03.000\nabout what?\n\n00:00:03.000 --> 00:00:04.000\n>> Two years.\n',
    ).transcript;
    expect(chevrons.segments.map((s) => [s.speaker, s.text])).toEqual([
      ['Luis', 'How long?'],
      ['Luis', 'about what?'],
      [null, 'Two years.'],
    ]);
  });

  it('drops empty cues and sorts by start', () => {
    const t = parseVtt('WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nlater\n\n00:00:01.000 --> 00:00:02.000\n<c.yellow></c>\n\n00:00:02.000 --> 00:00:03.000\nearlier\n').transcript;
    expect(t.segments.map((s) => s.text)).toEqual(['earlier', 'later']);
    expect(t.durationSec).toBe(6);
  });

  it('skips a broken cue, keeps the rest and says which line it skipped', () => {
    const { transcript, skipped } = parseVtt(
      'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nok\n\n2\n00:00:03.000 --> 00:00:0x.000\nbad\n\n00:00:05.000 --> 00:00:04.000\nbackwards\n\nstray text\n\n00:00:06.000 --> 00:00:07.000\nfine\n',
      'call.vtt',
    );
    expect(transcript.segments.map((s) => s.text)).toEqual(['ok', 'fine']);
    expect(skipped).toEqual([
      { line: 8, reason: 'bad-timing' },
      { line: 11, reason: 'ends-before-start' },
      { line: 14, reason: 'no-timing' },
    ]);
  });

  it('refuses a file without the signature, or without a cue, in one line', () => {
    const header = refusal('00:00:01.000 --> 00:00:02.000\nno header\n');
    expect([header.code, header.message]).toEqual(['transcript-malformed', 'call.vtt line 1: missing the "WEBVTT" header a WebVTT file must start with']);
    const empty = refusal('WEBVTT\nKind: captions\nLanguage: en\n\nNOTE exported with no cues\n');
    expect([empty.code, empty.message]).toEqual(['transcript-empty', 'call.vtt has no cues with text; there is nothing to import.']);
    const allBad = refusal('WEBVTT\n\n00:00:01.000 -> 00:00:02.000\ntext\n');
    expect(allBad.message).toBe('call.vtt has no cues with text (skipped 1 block without a timing line (line 3)); there is nothing to import.');
  });

  it('keeps cues with settings, and passes STYLE and REGION blocks', () => {
    const { transcript, skipped } = parseVtt(
      'WEBVTT\n\nSTYLE\n::cue { color: yellow }\n\nREGION\nid:left width:40%\n\n00:00:01.000 --> 00:00:02.000 align:start position:0% region:left\n<v.loud Ana Ruiz>Hola &amp; <b>bienvenidos</b></v>\n',
    );
    expect(skipped).toEqual([]);
    expect(transcript.segments).toEqual([{ start: 1, end: 2, speaker: 'Ana Ruiz', text: 'Hola & bienvenidos', words: [] }]);
  });
});
