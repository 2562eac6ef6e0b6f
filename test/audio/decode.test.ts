import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSilent, rms } from '../../src/core/audio/audio-level.js';
import { decodeAudioFile } from '../../src/core/audio/decode-audio-file.js';
import { toMono16k } from '../../src/core/audio/resample.js';
import { UserFacingError } from '../../src/core/errors.js';

/**
 * Fixtures are made at test time with the system's sox, ffmpeg and espeak-ng, so every container is
 * produced by a real encoder. A missing tool fails the suite with a message saying what to install.
 */

let dir: string;
const at = (name: string) => path.join(dir, name);

function run(tool: string, args: string[]): void {
  execFileSync(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function requireTool(tool: string, probe: string[]): void {
  try {
    execFileSync(tool, probe, { stdio: 'ignore' });
  } catch {
    throw new Error(`test/audio/decode.test.ts needs "${tool}" on PATH to build its fixtures (Debian: apt-get install ${tool === 'espeak-ng' ? 'espeak-ng' : tool})`);
  }
}

/** Amplitude of the `freq` Hz component of `x` (Goertzel), for a sine of amplitude A this is ≈ A. */
function toneAmplitude(x: Float32Array, rate: number, freq: number): number {
  const w = (2 * Math.PI * freq) / rate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < x.length; i++) {
    const s0 = x[i]! + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (2 * Math.sqrt(Math.max(0, power))) / x.length;
}

async function expectUserError(promise: Promise<unknown>, code: string, mentions: string): Promise<UserFacingError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected a UserFacingError ${code}`).toBeInstanceOf(UserFacingError);
  const ufe = err as UserFacingError;
  expect(ufe.code).toBe(code);
  expect(ufe.message).toContain(mentions);
  return ufe;
}

beforeAll(() => {
  requireTool('sox', ['--version']);
  requireTool('ffmpeg', ['-version']);
  requireTool('espeak-ng', ['--version']);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-audio-'));

  for (const rate of [8000, 22050, 44100, 48000]) {
    run('sox', ['-n', '-r', String(rate), '-c', '1', '-b', '16', at(`tone-${rate}-mono.wav`), 'synth', '2', 'sine', '440', 'vol', '0.5']);
  }
  // Left channel 440 Hz, right channel 1000 Hz: shows which channel ended up where.
  for (const rate of [22050, 44100, 48000]) {
    run('sox', ['-n', '-r', String(rate), '-c', '2', '-b', '16', at(`lr-${rate}.wav`), 'synth', '2', 'sine', '440', 'sine', '1000', 'vol', '0.5']);
  }
  const src = at('lr-44100.wav');
  const ff = (out: string, codec: string[]) => run('ffmpeg', ['-v', 'error', '-y', '-i', src, ...codec, at(out)]);
  ff('lr.mp3', ['-c:a', 'libmp3lame', '-b:a', '128k']);
  ff('lr.flac', ['-c:a', 'flac']);
  ff('lr.ogg', ['-c:a', 'libvorbis']);
  ff('lr.m4a', ['-c:a', 'aac', '-b:a', '128k']);
  ff('lr.webm', ['-c:a', 'libopus']);
  ff('lr.opus', ['-c:a', 'libopus']);
  run('espeak-ng', ['-w', at('speech.wav'), 'Tell me about a time you disagreed with your manager about a hiring decision.']);

  // Bad inputs.
  fs.writeFileSync(at('empty.wav'), '');
  fs.writeFileSync(at('notes.wav'), 'Interview notes: candidate was strong on SQL.\n');
  fs.copyFileSync(at('lr.mp3'), at('cut.mp3'));
  fs.truncateSync(at('cut.mp3'), Math.floor(fs.statSync(at('lr.mp3')).size * 0.6));
  run('sh', ['-c', `head -c 100000 '${at('lr-44100.wav')}' > '${at('cut.wav')}'`]);
  run('sh', ['-c', `head -c 30 '${at('lr-44100.wav')}' > '${at('header-only.wav')}'`]);
  run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red:s=8x8', '-frames:v', '1', at('picture.png')]);
  fs.copyFileSync(at('picture.png'), at('picture.mp3'));
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('decodeAudioFile + toMono16k on real encodings', () => {
  it.each([8000, 22050, 44100, 48000])('mono WAV at %i Hz: duration, 16 kHz length, 440 Hz survives', async (rate) => {
    const audio = await decodeAudioFile(at(`tone-${rate}-mono.wav`));
    expect(audio.format).toBe('wav');
    expect(audio.sampleRate).toBe(rate);
    expect(audio.channels).toHaveLength(1);
    expect(audio.durationSec).toBeCloseTo(2, 1);
    expect(Math.abs(audio.durationSec - 2)).toBeLessThanOrEqual(0.05);

    const pcm = await toMono16k(audio);
    expect(Math.abs(pcm.length - 32000)).toBeLessThanOrEqual(1);
    expect(toneAmplitude(pcm, 16000, 440)).toBeGreaterThan(0.45);
    expect(toneAmplitude(pcm, 16000, 1000)).toBeLessThan(0.01);
    expect(isSilent(pcm)).toBe(false);
  });

  it.each(['lr.mp3', 'lr.flac', 'lr.ogg', 'lr.m4a', 'lr.webm', 'lr.opus', 'lr-22050.wav', 'lr-48000.wav'])(
    '%s: stereo, 2 s, downmix keeps both tones at half level, channel pick isolates one',
    async (name) => {
      const audio = await decodeAudioFile(at(name));
      expect(audio.channels).toHaveLength(2);
      expect(Math.abs(audio.durationSec - 2)).toBeLessThanOrEqual(0.05);

      const mix = await toMono16k(audio);
      expect(Math.abs(mix.length - Math.round(audio.durationSec * 16000))).toBeLessThanOrEqual(1);
      expect(toneAmplitude(mix, 16000, 440)).toBeGreaterThan(0.2);
      expect(toneAmplitude(mix, 16000, 440)).toBeLessThan(0.3);
      expect(toneAmplitude(mix, 16000, 1000)).toBeGreaterThan(0.2);

      const left = await toMono16k(audio, { channel: 0 });
      expect(toneAmplitude(left, 16000, 440)).toBeGreaterThan(0.42);
      expect(toneAmplitude(left, 16000, 1000)).toBeLessThan(0.02);
      const right = await toMono16k(audio, { channel: 1 });
      expect(toneAmplitude(right, 16000, 1000)).toBeGreaterThan(0.42);
      expect(toneAmplitude(right, 16000, 440)).toBeLessThan(0.02);
    },
  );

  it('reports the container found by content', async () => {
    const formats = await Promise.all(['lr.mp3', 'lr.flac', 'lr.ogg', 'lr.m4a', 'lr.webm', 'lr.opus'].map(async (n) => (await decodeAudioFile(at(n))).format));
    expect(formats).toEqual(['mp3', 'flac', 'ogg', 'm4a', 'webm', 'opus']);
  });

  it('espeak-ng speech: duration matches sox, audible after resampling', async () => {
    const soxSeconds = Number(execFileSync('soxi', ['-D', at('speech.wav')]).toString().trim());
    const audio = await decodeAudioFile(at('speech.wav'));
    expect(Math.abs(audio.durationSec - soxSeconds)).toBeLessThanOrEqual(0.05);
    const pcm = await toMono16k(audio);
    expect(Math.abs(pcm.length - soxSeconds * 16000)).toBeLessThanOrEqual(2);
    expect(rms(pcm)).toBeGreaterThan(0.01);
  });

  it('rejects a channel that does not exist', async () => {
    const audio = await decodeAudioFile(at('tone-8000-mono.wav'));
    await expect(toMono16k(audio, { channel: 1 })).rejects.toThrow(/channel 1 does not exist.*1 channel/);
  });
});

describe('decodeAudioFile on bad input', () => {
  it('missing path → audio-not-found', async () => {
    await expectUserError(decodeAudioFile(at('no-such-interview.wav')), 'audio-not-found', 'no-such-interview.wav');
  });

  it('a folder → audio-not-found', async () => {
    await expectUserError(decodeAudioFile(dir), 'audio-not-found', dir);
  });

  it('zero-byte file → audio-empty', async () => {
    await expectUserError(decodeAudioFile(at('empty.wav')), 'audio-empty', 'empty.wav');
  });

  it('text renamed .wav → audio-unsupported, lists supported formats', async () => {
    const err = await expectUserError(decodeAudioFile(at('notes.wav')), 'audio-unsupported', 'notes.wav');
    expect(err.message).toMatch(/not WAV audio/);
    expect(err.message).toMatch(/Supported formats: WAV, MP3, FLAC/);
  });

  it('PNG → audio-unsupported, whatever its name', async () => {
    await expectUserError(decodeAudioFile(at('picture.png')), 'audio-unsupported', 'picture.png');
    await expectUserError(decodeAudioFile(at('picture.mp3')), 'audio-unsupported', 'picture.mp3');
  });

  it('truncated MP3 → audio-corrupt saying it is cut short', async () => {
    const err = await expectUserError(decodeAudioFile(at('cut.mp3')), 'audio-corrupt', 'cut.mp3');
    expect(err.message).toMatch(/incomplete/);
  });

  it('truncated WAV → audio-corrupt with promised vs present seconds', async () => {
    const err = await expectUserError(decodeAudioFile(at('cut.wav')), 'audio-corrupt', 'cut.wav');
    expect(err.message).toMatch(/promises 2\.00 s .* only 0\.\d\d s/);
  });

  it('WAV cut inside its header → audio-corrupt naming the chunk', async () => {
    const err = await expectUserError(decodeAudioFile(at('header-only.wav')), 'audio-corrupt', 'header-only.wav');
    expect(err.message).toMatch(/"fmt " chunk/);
  });

  it('allowTruncated salvages what precedes the cut and says so', async () => {
    const audio = await decodeAudioFile(at('cut.mp3'), { allowTruncated: true });
    expect(audio.truncated).toMatch(/MP3 frame/);
    expect(audio.durationSec).toBeGreaterThan(1);
    expect(audio.durationSec).toBeLessThan(1.5);
    const wav = await decodeAudioFile(at('cut.wav'), { allowTruncated: true });
    expect(wav.durationSec).toBeCloseTo((100000 - 44) / 4 / 44100, 3);
  });

  it('a decoder that does not finish in time → audio-corrupt, not a hang', async () => {
    const err = await expectUserError(decodeAudioFile(at('lr.mp3'), { timeoutMs: 1 }), 'audio-corrupt', 'lr.mp3');
    expect(err.message).toMatch(/did not finish/);
  });
});
