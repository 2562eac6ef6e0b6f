import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from '../support/run-cli.js';
import { speechWav, tempDir } from '../support/speech.js';
import { randomWeightModelPath, sileroVadModelPath, weightlessModelPath } from '../support/test-models.js';

const cliJson = z
  .object({
    durationSec: z.number(),
    segments: z.array(
      z.strictObject({
        start: z.number(),
        end: z.number(),
        speaker: z.string().nullable(),
        text: z.string(),
        words: z.array(z.strictObject({ start: z.number(), end: z.number(), text: z.string() })),
      }),
    ),
  })
  .strict();

const searchJson = z.array(
  z.strictObject({
    sessionId: z.string(),
    sessionTitle: z.string(),
    kind: z.string(),
    segmentId: z.string().nullable(),
    start: z.number().nullable(),
    end: z.number().nullable(),
    speaker: z.string().nullable(),
    snippet: z.string(),
    spansNext: z.boolean(),
  }),
);

const VTT = `WEBVTT

00:00:01.000 --> 00:00:04.500
<v Dana Recruiter>Welcome, thanks for making time today.

00:00:05.000 --> 00:00:11.000
<v Sam Candidate>Happy to be here. I migrated our billing platform to Postgres last spring.

00:00:11.500 --> 00:00:15.000
<v Dana Recruiter>What was the hardest part of that migration?
`;

describe('debrief CLI', () => {
  let dir: string;
  let env: Record<string, string>;
  let wav: string;

  beforeAll(() => {
    dir = tempDir();
    env = { DEBRIEF_HOME: path.join(dir, 'home') };
    wav = speechWav('Tell me about the hardest bug you shipped to production and what you learned.', dir, 'answer', { rate: 44100, channels: 2, padSec: 1 });
  });

  it('prints help for every command', () => {
    for (const args of [['--help'], ['transcribe', '--help'], ['import', '--help'], ['search', '--help'], ['models', '--help'], ['sessions', '--help']]) {
      const r = runCli(args, env);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: debrief/);
    }
  });

  it('transcribes a 44.1 kHz stereo WAV with the real engine, prints the JSON schema and stores the session', () => {
    const r = runCli(['transcribe', wav, '--model', randomWeightModelPath(), '--vad', sileroVadModelPath(), '--threads', '2', '--json'], env);
    expect(r.stderr).toMatch(/Stored session/);
    expect(r.code).toBe(0);
    const out = cliJson.parse(JSON.parse(r.stdout));
    expect(out.durationSec).toBeGreaterThan(3);
    expect(out.segments.length).toBeGreaterThan(0);
    for (const s of out.segments) {
      expect(s.end).toBeLessThanOrEqual(out.durationSec + 0.01);
      expect(s.start).toBeLessThanOrEqual(s.end);
    }
    const list = runCli(['sessions', 'list', '--json'], env);
    const sessions = JSON.parse(list.stdout) as { title: string; source: string }[];
    expect(sessions.some((s) => s.title === 'answer.wav' && s.source === 'audio-file')).toBe(true);
  });

  it('transcribes mp3 and flac too (weightless model: full compute, empty text)', () => {
    for (const ext of ['mp3', 'flac']) {
      const file = path.join(dir, `answer.${ext}`);
      execFileSync('sox', [wav, file]);
      const r = runCli(['transcribe', file, '--model', weightlessModelPath(), '--no-vad', '--json', '--no-store'], env);
      expect(r.code, r.stderr).toBe(0);
      const out = cliJson.parse(JSON.parse(r.stdout));
      expect(out.durationSec).toBeGreaterThan(3);
    }
  });

  it('imports a VTT with speakers, finds it by search, and shows it', () => {
    const vtt = path.join(dir, 'screen.vtt');
    fs.writeFileSync(vtt, VTT);
    const imported = runCli(['import', vtt], env);
    expect(imported.code, imported.stderr).toBe(0);
    const id = imported.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const search = runCli(['search', 'postgres', 'migration', '--json'], env);
    expect(search.code, search.stderr).toBe(0);
    const hits = searchJson.parse(JSON.parse(search.stdout));
    expect(hits[0]).toMatchObject({ sessionId: id, start: 5, end: 11, speaker: 'Sam Candidate' });

    // Stemming: "migrated" in the text, "migrating" in the query.
    const stemmed = searchJson.parse(JSON.parse(runCli(['search', 'migrating', '--json'], env).stdout));
    expect(stemmed.map((h) => h.sessionId)).toContain(id);

    const shown = runCli(['sessions', 'show', id, '--vtt'], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Sam Candidate/);
    expect(shown.stdout).toMatch(/00:00:05\.000 --> 00:00:11\.000/);
  });

  it('search takes the filters as flags: a kept session, an explained empty result, clear errors', () => {
    const vtt = path.join(dir, 'filtered.vtt');
    fs.writeFileSync(vtt, VTT);
    const id = runCli(['import', vtt], env).stdout.trim();
    const kept = searchJson.parse(JSON.parse(runCli(['search', 'postgres', '--kind', 'interview', '--json'], env).stdout));
    expect(kept.map((h) => h.sessionId)).toContain(id);

    // Contradictory dates are an explained empty result, not a failure.
    const backwards = runCli(['search', 'postgres', '--from', '2025-03-01', '--to', '2025-02-01', '--json'], env);
    expect(backwards.code, backwards.stderr).toBe(0);
    expect(searchJson.parse(JSON.parse(backwards.stdout))).toEqual([]);
    expect(backwards.stderr).toMatch(/dates run backwards/);

    const cases: [string[], RegExp][] = [
      [['search', 'postgres', '--kind', 'banana'], /intake or interview/],
      [['search', 'postgres', '--from', '2025-13-01'], /start date must look like/],
      [['search', 'postgres', '--requisition', 'No such role'], /No requisition is called "No such role"/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args, env);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  });

  it('rejects bad input with a clear message, a non-zero exit, and the store untouched', () => {
    const sessionsBefore = runCli(['sessions', 'list', '--json'], env).stdout;
    const corrupt = path.join(dir, 'corrupt.wav');
    fs.writeFileSync(corrupt, Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt '), Buffer.alloc(64, 7)]));
    const empty = path.join(dir, 'empty.mp3');
    fs.writeFileSync(empty, '');
    const silent = path.join(dir, 'silent.wav');
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', silent, 'trim', '0', '3']);
    const notModel = path.join(dir, 'fake-model.bin');
    fs.writeFileSync(notModel, 'this is not a ggml file');
    const brokenVtt = path.join(dir, 'broken.vtt');
    fs.writeFileSync(brokenVtt, 'WEBVTT\n\n00:00:01.000 --> banana\nhello\n');

    const cases: [string[], RegExp][] = [
      [['transcribe', path.join(dir, 'missing.wav'), '--model', weightlessModelPath()], /missing\.wav/],
      [['transcribe', corrupt, '--model', weightlessModelPath()], /corrupt\.wav/],
      [['transcribe', empty, '--model', weightlessModelPath()], /empty\.mp3/],
      [['transcribe', silent, '--model', weightlessModelPath()], /silent/],
      [['transcribe', wav, '--model', notModel], /fake-model\.bin/],
      [['transcribe', wav, '--model', 'no-such-model'], /no-such-model/],
      [['import', brokenVtt], /line 3/],
      [['search', '"unbalanced'], /quote/i],
      [['search', '*)(^:'], /search/i],
      [['sessions', 'show', 'nope'], /nope/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args, env);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(runCli(['sessions', 'list', '--json'], env).stdout).toBe(sessionsBefore);
  });
});
