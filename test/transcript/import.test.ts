import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/core/errors.js';
import { toVtt } from '../../src/core/transcript/format-transcript.js';
import { parseTranscriptFile } from '../../src/core/transcript/parse-transcript-file.js';
import { transcriptSchema, type Transcript } from '../../src/core/transcript/transcript.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/transcripts');
const fixture = (name: string) => path.join(fixtures, name);

const speakers = (t: Transcript) => [...new Set(t.segments.map((s) => s.speaker))];
const fullText = (t: Transcript) => t.segments.map((s) => s.text).join(' ');

async function failure(file: string): Promise<UserFacingError> {
  const err = await parseTranscriptFile(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserFacingError);
  expect((err as Error).message).toContain(file);
  return err as UserFacingError;
}

describe('importing real-world transcript exports', () => {
  it.each([
    ['zoom-backend-screen.vtt', ['Dana Whitfield', 'Tomasz Kowalczyk'], 25, 'idempotency keys', [100, 190]],
    ['teams-designer-interview.vtt', ['Priya Raman', 'Jordan Okafor'], 23, 'Fernleaf', [100, 190]],
    ['analyst-phone-screen.srt', ['Luis Ortega', 'Mei Tanaka'], 18, 'Harbor & Finch', [100, 190]],
    ['teams-account-executive.json', ['Hannah Brooks', 'Samuel Adeyemi'], 18, 'Larkspur Credit Union', [100, 190]],
    ['zoom-customer-success-timeline.json', ['Rachel Kim', 'Diego Fernández'], 17, 'Brightwater Dental', [100, 190]],
  ] as const)('%s: speakers, cue count, content, duration', async (name, who, count, phrase, [minSec, maxSec]) => {
    const t = (await parseTranscriptFile(fixture(name))).transcript;
    expect(transcriptSchema.safeParse(t).success).toBe(true);
    expect(speakers(t)).toEqual(who);
    expect(t.segments).toHaveLength(count);
    expect(fullText(t)).toContain(phrase);
    expect(t.durationSec).toBeGreaterThanOrEqual(minSec);
    expect(t.durationSec).toBeLessThanOrEqual(maxSec);
    expect(t.durationSec).toBe(Math.max(...t.segments.map((s) => s.end)));
    // Starts never go backwards and no markup survives.
    t.segments.forEach((s, i) => i > 0 && expect(s.start).toBeGreaterThanOrEqual(t.segments[i - 1]!.start));
    expect(fullText(t)).not.toMatch(/<\/?[a-z]|&amp;|-->/);
  });

  it('Zoom VTT: every cue is attributed and the "Name:" prefix is gone from the text', async () => {
    const t = (await parseTranscriptFile(fixture('zoom-backend-screen.vtt'))).transcript;
    expect(t.segments.every((s) => s.speaker !== null)).toBe(true);
    expect(t.segments.some((s) => /^(Dana Whitfield|Tomasz Kowalczyk):/.test(s.text))).toBe(false);
    const postgres = t.segments.find((s) => s.text.includes('Postgres failover'))!;
    expect(postgres.speaker).toBe('Tomasz Kowalczyk');
  });

  it('SRT: unlabelled continuation cues stay with the turn’s speaker, italics stripped', async () => {
    const t = (await parseTranscriptFile(fixture('analyst-phone-screen.srt'))).transcript;
    expect(t.segments.find((s) => s.text.startsWith('I own the weekly revenue dashboard'))!.speaker).toBe('Mei Tanaka');
    expect(t.segments.find((s) => s.text.startsWith('Nice. How do you check'))!.speaker).toBe('Luis Ortega');
  });

  it('Zoom timeline: entries without end_ts end where the next one starts', async () => {
    const raw = JSON.parse(fs.readFileSync(fixture('zoom-customer-success-timeline.json'), 'utf8')) as { timeline: { end_ts?: string }[] };
    const missing = raw.timeline.findIndex((e) => e.end_ts === undefined);
    const t = (await parseTranscriptFile(fixture('zoom-customer-success-timeline.json'))).transcript;
    expect(t.segments[missing]!.end).toBe(t.segments[missing + 1]!.start);
  });

  it('a Teams VTT re-exported by toVtt imports to the same segments', async () => {
    const original = (await parseTranscriptFile(fixture('teams-designer-interview.vtt'))).transcript;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-vtt-'));
    try {
      fs.writeFileSync(path.join(dir, 'again.vtt'), toVtt(original));
      expect((await parseTranscriptFile(path.join(dir, 'again.vtt'))).transcript).toEqual(original);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('transcript files that cannot be imported', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-import-'));
    fs.writeFileSync(path.join(dir, 'empty.vtt'), '');
    fs.writeFileSync(path.join(dir, 'blank.srt'), '\uFEFF\n  \n');
    fs.writeFileSync(path.join(dir, 'notes.docx'), 'PK\u0003\u0004 binary');
    fs.writeFileSync(path.join(dir, 'call-captions'), fs.readFileSync(fixture('teams-designer-interview.vtt')));
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('1\r\n00:00:01,000 --> 00:00:02,000\r\nJosé: ¿Listo?\r\n', 'utf16le')]);
    fs.writeFileSync(path.join(dir, 'windows.srt'), utf16);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a broken cue is skipped and reported; a file that is not a transcript names the line or the shape', async () => {
    const ts = await parseTranscriptFile(fixture('broken-timestamp.vtt'));
    expect(ts.transcript.segments.map((s) => s.text)).toEqual(['Thanks for joining.']);
    expect(ts.skipped).toEqual([{ line: 8, reason: 'bad-timing' }]);
    const backwards = await parseTranscriptFile(fixture('end-before-start.srt'));
    expect(backwards.skipped).toEqual([{ line: 6, reason: 'ends-before-start' }]);
    const header = await failure(fixture('missing-header.vtt'));
    expect(header.message).toMatch(/missing-header\.vtt line 1: missing the "WEBVTT" header/);
    const json = await failure(fixture('not-a-transcript.json'));
    expect(json.code).toBe('transcript-malformed');
    expect(json.message).toMatch(/found an object with keys name, version, candidates, notes/);
  });

  it('missing, folder, empty, unknown extension', async () => {
    expect((await failure(path.join(dir, 'nope.vtt'))).code).toBe('transcript-not-found');
    expect((await failure(dir)).code).toBe('transcript-unreadable');
    expect((await failure(path.join(dir, 'empty.vtt'))).code).toBe('transcript-empty');
    expect((await failure(path.join(dir, 'blank.srt'))).code).toBe('transcript-empty');
    const unknown = await failure(path.join(dir, 'notes.docx'));
    expect(unknown.code).toBe('transcript-unsupported');
    expect(unknown.message).toMatch(/unknown transcript format "\.docx"\. Supported: \.vtt/);
  });

  it('recognises a file without an extension by content, and reads UTF-16 SRT', async () => {
    expect(((await parseTranscriptFile(path.join(dir, 'call-captions'))).transcript).segments).toHaveLength(23);
    const t = (await parseTranscriptFile(path.join(dir, 'windows.srt'))).transcript;
    expect(t.segments).toEqual([{ start: 1, end: 2, speaker: 'José', text: '¿Listo?', words: [] }]);
  });
});
