import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interviewWav, wavSeconds } from './interview-audio.js';

describe('interviewWav', () => {
  it('makes a 16 kHz mono 16-bit WAV of exactly the asked length with speech in it, and reuses it', async () => {
    const file = await interviewWav(25);
    expect(await wavSeconds(file)).toBeCloseTo(25, 2);
    const bytes = fs.readFileSync(file);
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    const fmt = bytes.indexOf('fmt ');
    expect(bytes.readUInt16LE(fmt + 10)).toBe(1); // channels
    expect(bytes.readUInt32LE(fmt + 12)).toBe(16_000); // sample rate
    expect(bytes.readUInt16LE(fmt + 22)).toBe(16); // bits per sample
    const data = bytes.indexOf('data');
    const samples = new Int16Array(bytes.buffer.slice(bytes.byteOffset + data + 8, bytes.byteOffset + bytes.length));
    // Speech is loud somewhere, and the pauses between turns are silent somewhere.
    const peak = samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0);
    expect(peak).toBeGreaterThan(8_000);
    expect(samples.slice(16_000 * 4, 16_000 * 12).some((s) => s === 0)).toBe(true);

    const mtime = fs.statSync(file).mtimeMs;
    expect(await interviewWav(25)).toBe(file);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
  });
});
