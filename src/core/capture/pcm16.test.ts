import { describe, expect, it } from 'vitest';
import { encodePcm16Into } from './pcm16.js';

const decode = (b: Buffer, n: number) => Array.from({ length: n }, (_, i) => b.readInt16LE(i * 2));

describe('encodePcm16Into', () => {
  it('scales floats, clamps out-of-range values and silences NaN', () => {
    const out = Buffer.alloc(16);
    const n = encodePcm16Into(new Float32Array([0, 0.5, -0.5, 1, -1, 2, -3, NaN]), out, 0);
    expect(n).toBe(16);
    expect(decode(out, 8)).toEqual([0, 16384, -16384, 32767, -32768, 32767, -32768, 0]);
  });

  it('copies Int16 samples as little-endian at the given offset', () => {
    const out = Buffer.alloc(10, 0x7f);
    encodePcm16Into(new Int16Array([1, -2, 32767]), out, 4);
    expect(out.subarray(0, 4).equals(Buffer.alloc(4, 0x7f))).toBe(true);
    expect([out.readInt16LE(4), out.readInt16LE(6), out.readInt16LE(8)]).toEqual([1, -2, 32767]);
  });

  it('rejects an odd offset or a buffer too small', () => {
    expect(() => encodePcm16Into(new Int16Array(1), Buffer.alloc(4), 1)).toThrow(/even/);
    expect(() => encodePcm16Into(new Int16Array(3), Buffer.alloc(4), 0)).toThrow(/too small/);
  });
});
