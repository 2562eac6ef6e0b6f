import { describe, expect, it } from 'vitest';
import { resampleChannel } from '../audio/resample.js';
import { LiveResampler } from './live-resampler.js';

/** A voice-like test signal: a few tones and some noise, from a fixed seed. */
function signal(rate: number, seconds: number): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  let seed = 7;
  for (let i = 0; i < out.length; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const t = i / rate;
    out[i] = 0.3 * Math.sin(2 * Math.PI * 220 * t) + 0.2 * Math.sin(2 * Math.PI * 1730 * t) + 0.1 * (seed / 2 ** 31 - 0.5);
  }
  return out;
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('LiveResampler', () => {
  for (const rate of [48000, 44100, 22050]) {
    it(`converts ${rate} Hz chunks to 16 kHz exactly as the whole signal would be`, async () => {
      const input = signal(rate, 2.3);
      const whole = await resampleChannel(input, rate, 16000);
      const live = new LiveResampler(rate, 16000);
      const parts: Float32Array[] = [];
      // 100 ms chunks like the recorder's, then irregular ones.
      const sizes = [rate / 10, rate / 10, 37, 1, 2000, rate / 10 + 3, 513];
      let at = 0;
      for (let i = 0; at < input.length; i++) {
        const size = Math.round(sizes[i % sizes.length]!);
        parts.push(await live.push(input.subarray(at, at + size)));
        at += size;
      }
      parts.push(await live.flush());
      const streamed = concat(parts);
      expect(streamed.length).toBe(whole.length);
      expect(maxDiff(streamed, whole)).toBeLessThan(1e-5);
    });
  }

  it('is needed: converting 100 ms chunks one by one dents every boundary', async () => {
    const input = signal(48000, 1);
    const whole = await resampleChannel(input, 48000, 16000);
    const parts: Float32Array[] = [];
    for (let at = 0; at < input.length; at += 4800) parts.push(await resampleChannel(input.subarray(at, at + 4800), 48000, 16000));
    // Thousands of times the streamed error, ten times a second.
    expect(maxDiff(concat(parts), whole)).toBeGreaterThan(0.01);
  });

  it('passes audio through when the rates already match', async () => {
    const live = new LiveResampler(16000, 16000);
    const chunk = signal(16000, 0.1);
    expect(await live.push(chunk)).toBe(chunk);
    expect((await live.flush()).length).toBe(0);
  });
});
