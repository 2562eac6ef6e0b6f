import { describe, expect, it } from 'vitest';
import { isSilent, rms, toDbfs } from './audio-level.js';
import { resampleChannel, toMono16k } from './resample.js';

const sine = (freq: number, rate: number, seconds: number, amp = 0.5) =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate));

/** RMS error against an ideal sine at `rate`, ignoring the filter's edge transients. */
function errorDb(got: Float32Array, freq: number, rate: number, amp = 0.5): number {
  const ideal = sine(freq, rate, got.length / rate, amp);
  const margin = 200;
  const err = new Float32Array(got.length - 2 * margin);
  for (let i = margin; i < got.length - margin; i++) err[i - margin] = got[i]! - ideal[i]!;
  return toDbfs(rms(err) / rms(ideal));
}

describe('resampleChannel', () => {
  it('returns the input untouched when the rates match', async () => {
    const x = sine(440, 16000, 0.1);
    expect(await resampleChannel(x, 16000, 16000)).toBe(x);
  });

  it.each([
    [44100, 16000],
    [48000, 16000],
    [22050, 16000],
    [8000, 16000],
    [16000, 44100],
  ])('%i → %i keeps a 1 kHz tone accurate (< -55 dB error) and the length exact', async (from, to) => {
    const y = await resampleChannel(sine(1000, from, 1), from, to);
    expect(y.length).toBe(to);
    expect(errorDb(y, 1000, to)).toBeLessThan(-55);
  });

  it('removes content above the new Nyquist instead of aliasing it into speech', async () => {
    // 11 kHz at 44.1 kHz would fold to 5 kHz at 16 kHz without an anti-aliasing filter.
    const y = await resampleChannel(sine(11000, 44100, 1), 44100, 16000);
    expect(toDbfs(rms(y.subarray(200, -200)) / rms(sine(11000, 44100, 1)))).toBeLessThan(-60);
  });

  it('keeps a constant constant (unity DC gain on every filter phase)', async () => {
    const y = await resampleChannel(new Float32Array(44100).fill(0.25), 44100, 16000);
    for (const v of y.subarray(100, -100)) expect(v).toBeCloseTo(0.25, 4);
  });

  it('falls back to libsamplerate when the polyphase table would be huge (coprime rates)', async () => {
    const y = await resampleChannel(sine(1000, 44101, 0.25), 44101, 192000);
    expect(Math.abs(y.length - 48000)).toBeLessThanOrEqual(1);
    expect(errorDb(y, 1000, 192000)).toBeLessThan(-55);
  });

  it('rejects fractional or zero rates', async () => {
    await expect(resampleChannel(new Float32Array(4), 44100.5, 16000)).rejects.toThrow(RangeError);
    await expect(resampleChannel(new Float32Array(4), 0, 16000)).rejects.toThrow(RangeError);
  });
});

describe('toMono16k and levels', () => {
  it('mixes antiphase channels to silence, picks either one loud', async () => {
    const left = sine(440, 48000, 0.5);
    const right = left.map((v) => -v);
    const audio = { sampleRate: 48000, channels: [left, right], durationSec: 0.5, format: 'wav' };
    expect(isSilent(await toMono16k(audio))).toBe(true);
    expect(isSilent(await toMono16k(audio, { channel: 1 }))).toBe(false);
    expect(rms(await toMono16k(audio, { channel: 0 }))).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it('rms and isSilent: empty is silent, -40 dBFS noise is not, threshold is adjustable', () => {
    expect(rms(new Float32Array(0))).toBe(0);
    expect(isSilent(new Float32Array(100))).toBe(true);
    const quiet = sine(300, 16000, 0.2, 0.01 * Math.SQRT2); // RMS 0.01 = -40 dBFS
    expect(toDbfs(rms(quiet))).toBeCloseTo(-40, 1);
    expect(isSilent(quiet)).toBe(false);
    expect(isSilent(quiet, -30)).toBe(true);
  });
});
