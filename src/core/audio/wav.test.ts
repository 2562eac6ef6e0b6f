import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors.js';
import { decodePcm16Wav, encodeWav16, readWavHeader } from './wav.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof UserFacingError ? `${e.code}: ${e.message}` : `raw: ${String(e)}`;
  }
  return undefined;
};

describe('encodeWav16 / readWavHeader / decodePcm16Wav', () => {
  it('round-trips stereo PCM16 with a canonical 44-byte header', () => {
    const left = Float32Array.from([0, 0.5, -0.5, 1, -1]);
    const right = Float32Array.from([0.25, -0.25, 0, 2, Number.NaN]);
    const wav = encodeWav16([left, right], 16000);
    expect(wav.length).toBe(44 + 5 * 2 * 2);
    const h = readWavHeader(wav, 'x.wav');
    expect(h).toMatchObject({ sampleRate: 16000, channels: 2, bitsPerSample: 16, formatTag: 1, blockAlign: 4, dataOffset: 44, dataBytes: 20, dataSizeUnknown: false });
    const [l, r] = decodePcm16Wav(wav, h);
    expect(Array.from(l!)).toEqual([0, 0.5, -0.5, 32767 / 32768, -1]);
    // Out-of-range clamps, NaN becomes silence.
    expect(Array.from(r!)).toEqual([0.25, -0.25, 0, 32767 / 32768, 0]);
  });

  it('accepts a single Float32Array as mono', () => {
    const h = readWavHeader(encodeWav16(new Float32Array(10), 8000));
    expect(h.channels).toBe(1);
    expect(h.dataBytes).toBe(20);
  });

  it('skips unknown chunks (LIST) and honours the odd-size pad byte', () => {
    const plain = encodeWav16(new Float32Array([0.5]), 16000);
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([3, 0, 0, 0]), Buffer.from('abc'), Buffer.from([0])]);
    const withList = Buffer.concat([plain.subarray(0, 36), list, plain.subarray(36)]);
    const h = readWavHeader(withList);
    expect(h.dataOffset).toBe(44 + 12);
    expect(decodePcm16Wav(withList, h)[0]![0]).toBe(0.5);
  });

  it('treats a 0 or 0xFFFFFFFF data size as "runs to end of file"', () => {
    const wav = encodeWav16(new Float32Array(8), 16000);
    wav.writeUInt32LE(0xffffffff, 40);
    const h = readWavHeader(wav);
    expect(h.dataSizeUnknown).toBe(true);
    expect(decodePcm16Wav(wav, h)[0]).toHaveLength(8);
  });

  it('rejects broken headers with audio-corrupt naming the source and place', () => {
    const good = encodeWav16(new Float32Array(4), 16000);
    expect(codeOf(() => readWavHeader(good.subarray(0, 8), 'a.wav'))).toMatch(/^audio-corrupt: a\.wav: .*only 8 bytes/);
    const notRiff = Buffer.from(good);
    notRiff.write('RIFX', 0, 'latin1');
    expect(codeOf(() => readWavHeader(notRiff, 'b.wav'))).toMatch(/^audio-corrupt: b\.wav: .*"RIFF"/);
    const badAlign = Buffer.from(good);
    badAlign.writeUInt16LE(3, 32);
    expect(codeOf(() => readWavHeader(badAlign, 'c.wav'))).toMatch(/block align is 3, expected 2/);
    expect(codeOf(() => readWavHeader(good.subarray(0, 30), 'd.wav'))).toMatch(/ends inside the "fmt " chunk/);
    expect(codeOf(() => readWavHeader(good.subarray(0, 36), 'e.wav'))).toMatch(/no "data" chunk/);
    const zeroRate = Buffer.from(good);
    zeroRate.writeUInt32LE(0, 24);
    expect(codeOf(() => readWavHeader(zeroRate, 'f.wav'))).toMatch(/implausible sample rate 0/);
  });

  it('rejects a well-formed header with an unreadable bit depth as audio-unsupported', () => {
    const wav = encodeWav16(new Float32Array(4), 16000);
    wav.writeUInt16LE(12, 34);
    expect(codeOf(() => readWavHeader(wav, 'g.wav'))).toMatch(/^audio-unsupported: g\.wav: 12-bit integer/);
  });
});
