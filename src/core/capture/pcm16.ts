import os from 'node:os';

// Every platform Debrief ships on is little-endian; the typed-array fast path relies on it.
const hostIsLittleEndian = os.endianness() === 'LE';

/**
 * Encodes `samples` as PCM16 LE into `out` starting at byte `byteOffset` (must be even) and
 * returns the bytes written. Floats are clamped to [-1, 1]; NaN becomes silence.
 */
export function encodePcm16Into(samples: Float32Array | Int16Array, out: Buffer, byteOffset: number): number {
  const n = samples.length;
  if (byteOffset % 2 !== 0 || (out.byteOffset + byteOffset) % 2 !== 0) throw new RangeError('PCM16 output offset must be even');
  if (byteOffset + n * 2 > out.length) throw new RangeError('PCM16 output buffer too small');
  if (!hostIsLittleEndian) {
    for (let i = 0; i < n; i++) out.writeInt16LE(toInt16(samples, i), byteOffset + i * 2);
    return n * 2;
  }
  const dst = new Int16Array(out.buffer, out.byteOffset + byteOffset, n);
  if (samples instanceof Int16Array) {
    dst.set(samples);
  } else {
    for (let i = 0; i < n; i++) {
      const v = samples[i]! * 32768;
      // Comparisons are false for NaN, and Int16Array stores NaN as 0.
      dst[i] = v >= 32767 ? 32767 : v <= -32768 ? -32768 : Math.round(v);
    }
  }
  return n * 2;
}

function toInt16(samples: Float32Array | Int16Array, i: number): number {
  if (samples instanceof Int16Array) return samples[i]!;
  const v = samples[i]! * 32768;
  return v >= 32767 ? 32767 : v <= -32768 ? -32768 : Number.isNaN(v) ? 0 : Math.round(v);
}
