import { describe, expect, it } from 'vitest';
import { toJson, toSrt, toText, toVtt } from './format-transcript.js';
import { parseJsonTranscript } from './parse-json-transcript.js';
import { parseSrt } from './parse-srt.js';
import { parseVtt } from './parse-vtt.js';
import type { Transcript } from './transcript.js';

const t: Transcript = {
  durationSec: 3725.5,
  language: 'en',
  segments: [
    { start: 1.2, end: 4.8, speaker: 'Priya Raman', text: 'Tell me about <Kafka> & the ledger.', words: [{ start: 1.2, end: 1.5, text: 'Tell', p: 0.98 }] },
    { start: 62.0004, end: 65.5, speaker: null, text: 'Unattributed\nline.', words: [] },
    { start: 3721, end: 3725.5, speaker: 'Sam', text: 'Idempotency keys, mostly.', words: [] },
  ],
};

describe('format-transcript', () => {
  it('toVtt writes voice tags, escapes markup, keeps one line per cue', () => {
    expect(toVtt(t)).toBe(
      'WEBVTT\n\n' +
        '00:00:01.200 --> 00:00:04.800\n<v Priya Raman>Tell me about &lt;Kafka&gt; &amp; the ledger.</v>\n\n' +
        '00:01:02.000 --> 00:01:05.500\nUnattributed line.\n\n' +
        '01:02:01.000 --> 01:02:05.500\n<v Sam>Idempotency keys, mostly.</v>\n',
    );
  });

  it('toSrt numbers cues and prefixes speakers', () => {
    expect(toSrt(t)).toBe(
      '1\n00:00:01,200 --> 00:00:04,800\nPriya Raman: Tell me about <Kafka> & the ledger.\n\n' +
        '2\n00:01:02,000 --> 00:01:05,500\nUnattributed line.\n\n' +
        '3\n01:02:01,000 --> 01:02:05,500\nSam: Idempotency keys, mostly.\n',
    );
  });

  it('toText writes [hh:mm:ss] Speaker: text lines', () => {
    expect(toText(t)).toBe('[00:00:01] Priya Raman: Tell me about <Kafka> & the ledger.\n[00:01:02] Unattributed line.\n[01:02:01] Sam: Idempotency keys, mostly.\n');
  });

  it('toJson has exactly the documented keys, in order, ms precision', () => {
    const json = JSON.stringify(toJson(t));
    expect(json).toBe(
      '{"durationSec":3725.5,"segments":[' +
        '{"start":1.2,"end":4.8,"speaker":"Priya Raman","text":"Tell me about <Kafka> & the ledger.","words":[{"start":1.2,"end":1.5,"text":"Tell"}]},' +
        '{"start":62,"end":65.5,"speaker":null,"text":"Unattributed\\nline.","words":[]},' +
        '{"start":3721,"end":3725.5,"speaker":"Sam","text":"Idempotency keys, mostly.","words":[]}]}',
    );
  });

  const withoutWords = (x: Transcript) =>
    x.segments.map((s) => ({ start: Math.round(s.start * 1000) / 1000, end: s.end, speaker: s.speaker, text: s.text.replace(/\s+/g, ' ') }));

  it('round-trips through VTT and JSON; SRT keeps text and times', () => {
    expect(withoutWords(parseVtt(toVtt(t)).transcript)).toEqual(withoutWords(t));
    expect(parseVtt(toVtt(t)).transcript.durationSec).toBe(3725.5);
    const viaJson = parseJsonTranscript(JSON.stringify(toJson(t)));
    expect(viaJson.segments[0]!.words).toEqual([{ start: 1.2, end: 1.5, text: 'Tell' }]);
    expect(withoutWords(viaJson)).toEqual(withoutWords(t));
    // SRT speakers come back through the "Name:" convention: 2 of 3 cues carry one, and the unlabelled cue continues the previous speaker.
    const srt = parseSrt(toSrt(t)).transcript;
    expect(srt.segments.map((s) => s.text)).toEqual(withoutWords(t).map((s) => s.text));
    expect(srt.segments.map((s) => s.speaker)).toEqual(['Priya Raman', 'Priya Raman', 'Sam']);
  });
});
