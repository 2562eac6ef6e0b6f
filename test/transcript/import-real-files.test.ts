import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/speech.js';

/**
 * Transcript files as people have them, through the real `debrief` command and store: what is
 * stored is exactly what the file says, what was left out is named, and a refusal changes nothing.
 */
describe('debrief import: the files people really have', () => {
  let dir: string;
  let env: Record<string, string>;
  const file = (name: string, content: string | Buffer) => {
    const at = path.join(dir, name);
    fs.writeFileSync(at, content);
    return at;
  };
  const stored = (id: string) =>
    (JSON.parse(runCli(['sessions', 'show', id, '--json'], env).stdout) as { segments: { start: number; end: number; speaker: string | null; text: string }[] }).segments.map(
      (s) => [s.start, s.end, s.speaker, s.text],
    );
  const imported = (at: string) => {
    const r = runCli(['import', at], env);
    expect(r.code, r.stderr).toBe(0);
    return { id: r.stdout.trim(), summary: r.stderr.trim() };
  };
  const sessionCount = () => (JSON.parse(runCli(['sessions', 'list', '--json'], env).stdout) as unknown[]).length;

  beforeAll(() => {
    dir = tempDir();
    env = { DEBRIEF_HOME: path.join(dir, 'home') };
  });

  it('an SRT whose cues are not separated by blank lines is split on its timing lines', () => {
    const { id, summary } = imported(
      file('run-together.srt', '1\n00:00:01,000 --> 00:00:03,000\nLuis Ortega: Tell me about the dashboard.\n2\n00:00:03,500 --> 00:00:06,000\nMei Tanaka: I own it end to end.\n00:00:06,500 --> 00:00:08,000\nIt refreshes hourly.\n'),
    );
    expect(summary).toBe('Imported 3 cues from run-together.srt');
    expect(stored(id)).toEqual([
      [1, 3, 'Luis Ortega', 'Tell me about the dashboard.'],
      [3.5, 6, 'Mei Tanaka', 'I own it end to end.'],
      [6.5, 8, 'Mei Tanaka', 'It refreshes hourly.'],
    ]);
  });

  it('a Windows-1252 SRT is stored as written and found by searching "café"', () => {
    const latin = Buffer.from('1\r\n00:00:01,000 --> 00:00:04,000\r\nJosé: We met at the café near the office, naïvely.\r\n', 'latin1');
    const { id } = imported(file('windows-1252.srt', latin));
    expect(stored(id)).toEqual([[1, 4, 'José', 'We met at the café near the office, naïvely.']]);
    const hits = JSON.parse(runCli(['search', 'café', '--json'], env).stdout) as { sessionId: string; text: string }[];
    expect(hits.map((h) => h.sessionId)).toContain(id);
    expect(JSON.stringify(hits)).not.toContain('\uFFFD');
  });

  it('UTF-16 with a BOM, blank lines inside a cue, ASS tags and italics', () => {
    const srt = '1\r\n00:00:01,000 --> 00:00:03,000\r\n{\\an8}<i>First line</i>\r\n\r\nsecond line of the same cue\r\n\r\n2\r\n00:00:04,000 --> 00:00:05,000\r\nNext.\r\n';
    const { id } = imported(file('utf16.srt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(srt, 'utf16le')])));
    expect(stored(id)).toEqual([
      [1, 3, null, 'First line second line of the same cue'],
      [4, 5, null, 'Next.'],
    ]);
  });

  it('a VTT with a bad cue keeps the rest and says which lines it skipped; settings, STYLE and REGION are fine', () => {
    const vtt = [
      'WEBVTT',
      '',
      'STYLE',
      '::cue { color: white }',
      '',
      'REGION',
      'id:bottom width:80%',
      '',
      '00:00:01.000 --> 00:00:03.000 align:start position:0% region:bottom',
      '<v.interviewer Dana Whitfield>Walk me through the outage.</v>',
      '',
      '00:00:60.000 --> 00:01:02.000',
      '<v Tomasz Kowalczyk>This cue has a bad timing.',
      '',
      '00:00:04.000 --> 00:00:07.000',
      '<v Tomasz Kowalczyk>We lost the primary &amp; failed over.',
      '',
      '00:00:09.000 --> 00:00:08.000',
      '<v Dana Whitfield>Backwards.',
      '',
    ].join('\n');
    const { id, summary } = imported(file('meeting.vtt', vtt));
    expect(summary).toBe('Imported 2 cues; skipped 1 cue with a bad timing (line 12); 1 cue that ends before it starts (line 18) from meeting.vtt');
    expect(stored(id)).toEqual([
      [1, 3, 'Dana Whitfield', 'Walk me through the outage.'],
      [4, 7, 'Tomasz Kowalczyk', 'We lost the primary & failed over.'],
    ]);
  });

  it('refuses a header-only VTT, a NUL-laden file and a file that is no transcript, each in one clean line, storing nothing', () => {
    const before = sessionCount();
    const cases: [string, RegExp][] = [
      [file('header-only.vtt', 'WEBVTT\nKind: captions\nLanguage: en\n\n'), /header-only\.vtt has no cues with text; there is nothing to import\./],
      [file('nul.json', '{"segments": [\0\0\0]}'), /nul\.json: not valid JSON/],
      [file('nul.vtt', 'WEBVTT\0\n\n00:00:01.000 --> 00:00:02.000\nhi\n'), /nul\.vtt line 1: missing the "WEBVTT" header/],
      [file('notes.srt', 'Meeting notes\nWe talked about hiring.\n'), /notes\.srt line 1: no subtitle cues found/],
    ];
    for (const [at, message] of cases) {
      const r = runCli(['import', at], env);
      expect(r.code, at).not.toBe(0);
      expect(r.stderr, at).toMatch(message);
      // One line, and no raw control bytes echoed from the file.
      expect(r.stderr.trimEnd().split('\n'), at).toHaveLength(1);
      expect(r.stderr.trimEnd(), at).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    }
    expect(sessionCount()).toBe(before);
  });
});
