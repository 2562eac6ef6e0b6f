import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors.js';
import { parseWavHeader, pcm16WavHeader, repairWavFile, WAV_HEADER_BYTES } from './wav-header.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-wav-header-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const MONO_48K = { sampleRate: 48000, channels: 1 };
const STEREO_16K = { sampleRate: 16000, channels: 2 };

/** Audio bytes with a recognisable pattern. */
const audio = (bytes: number) => Buffer.from(Array.from({ length: bytes }, (_, i) => (i * 37 + 11) & 0xff));

function file(name: string, contents: Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, contents);
  return p;
}

/** Header fields read straight from the bytes, independent of parseWavHeader. */
function fields(p: string) {
  const b = readFileSync(p);
  return {
    length: b.length,
    riff: b.toString('ascii', 0, 4),
    riffSize: b.readUInt32LE(4),
    wave: b.toString('ascii', 8, 12),
    channels: b.readUInt16LE(22),
    sampleRate: b.readUInt32LE(24),
    byteRate: b.readUInt32LE(28),
    blockAlign: b.readUInt16LE(32),
    bits: b.readUInt16LE(34),
    dataId: b.toString('ascii', 36, 40),
    dataSize: b.readUInt32LE(40),
    data: b.subarray(44),
  };
}

describe('pcm16WavHeader', () => {
  it('writes a canonical 44-byte PCM16 header', () => {
    const p = file('h.wav', Buffer.concat([pcm16WavHeader(STEREO_16K, 8), audio(8)]));
    expect(fields(p)).toMatchObject({ length: 52, riff: 'RIFF', riffSize: 44, wave: 'WAVE', channels: 2, sampleRate: 16000, byteRate: 64000, blockAlign: 4, bits: 16, dataId: 'data', dataSize: 8 });
  });
});

describe('parseWavHeader', () => {
  it('finds the data chunk after other chunks', () => {
    const canonical = pcm16WavHeader(MONO_48K, 4);
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([5, 0, 0, 0]), Buffer.from('abcde'), Buffer.from([0])]); // odd size is padded
    const head = Buffer.concat([canonical.subarray(0, 36), list, canonical.subarray(36)]);
    expect(parseWavHeader(head)).toMatchObject({ channels: 1, sampleRate: 48000, dataOffset: 44 + 14, declaredDataBytes: 4 });
  });

  it('returns null for something that is not a WAV file', () => {
    expect(parseWavHeader(Buffer.from('ID3\u0004 not a wav file at all, clearly'))).toBeNull();
    expect(parseWavHeader(Buffer.alloc(0))).toBeNull();
  });
});

describe('repairWavFile', () => {
  it('cuts a half sample and sets the sizes of a file left with placeholder sizes (mono)', async () => {
    const p = file('a.wav', Buffer.concat([pcm16WavHeader(MONO_48K, 0), audio(1001)]));
    const r = await repairWavFile(p, MONO_48K);
    expect(r).toMatchObject({ frames: 500, dataBytes: 1000, truncatedBytes: 1, repaired: true, headerRewritten: false });
    expect(r.durationSec).toBeCloseTo(500 / 48000, 9);
    const f = fields(p);
    expect(f).toMatchObject({ length: 1044, riffSize: 1036, dataSize: 1000 });
    expect(f.data.equals(audio(1000))).toBe(true);
  });

  it('cuts a partial frame of a stereo file, keeping every whole frame', async () => {
    const p = file('b.wav', Buffer.concat([pcm16WavHeader(STEREO_16K, 0), audio(4 * 10 + 3)]));
    const r = await repairWavFile(p, STEREO_16K);
    expect(r).toMatchObject({ frames: 10, dataBytes: 40, truncatedBytes: 3, repaired: true });
    expect(fields(p)).toMatchObject({ length: 84, dataSize: 40, riffSize: 76 });
  });

  it('handles zero audio: a header-only file stays as it is', async () => {
    const p = file('c.wav', pcm16WavHeader(MONO_48K, 0));
    const r = await repairWavFile(p, MONO_48K);
    expect(r).toMatchObject({ frames: 0, dataBytes: 0, durationSec: 0, repaired: false, truncatedBytes: 0 });
    expect(fields(p)).toMatchObject({ length: 44, riffSize: 36, dataSize: 0 });
  });

  it('rewrites a header cut short by a crash from the journal format', async () => {
    const p = file('d.wav', pcm16WavHeader(MONO_48K, 0).subarray(0, 20));
    const r = await repairWavFile(p, MONO_48K);
    expect(r).toMatchObject({ frames: 0, headerRewritten: true, repaired: true });
    expect(fields(p)).toMatchObject({ length: WAV_HEADER_BYTES, riff: 'RIFF', sampleRate: 48000, dataSize: 0, riffSize: 36 });
  });

  it('recomputes garbage sizes (streaming placeholders, random values) from the file length', async () => {
    for (const [riffSize, dataSize] of [
      [0xffffffff, 0xffffffff],
      [12, 987654321],
      [0, 0],
    ] as const) {
      const header = pcm16WavHeader(MONO_48K, 0);
      header.writeUInt32LE(riffSize, 4);
      header.writeUInt32LE(dataSize, 40);
      const p = file(`e-${riffSize}-${dataSize}.wav`, Buffer.concat([header, audio(960)]));
      const r = await repairWavFile(p, MONO_48K);
      expect(r).toMatchObject({ frames: 480, repaired: true, truncatedBytes: 0, headerRewritten: false });
      expect(fields(p)).toMatchObject({ length: 1004, riffSize: 996, dataSize: 960 });
      expect(fields(p).data.equals(audio(960))).toBe(true);
    }
  });

  it('rewrites a garbled fmt from the journal format without touching the audio', async () => {
    const p = file('f.wav', Buffer.concat([Buffer.alloc(44, 0xab), audio(100)]));
    const r = await repairWavFile(p, STEREO_16K);
    expect(r).toMatchObject({ frames: 25, headerRewritten: true, repaired: true });
    expect(fields(p)).toMatchObject({ riff: 'RIFF', channels: 2, sampleRate: 16000, dataSize: 100 });
    expect(fields(p).data.equals(audio(100))).toBe(true);
  });

  it('trusts the journal over a header that disagrees with it', async () => {
    const p = file('g.wav', Buffer.concat([pcm16WavHeader({ sampleRate: 44100, channels: 1 }, 0), audio(200)]));
    const r = await repairWavFile(p, MONO_48K);
    expect(r).toMatchObject({ sampleRate: 48000, headerRewritten: true, frames: 100 });
  });

  it('refuses a file it cannot understand when no format is known', async () => {
    const p = file('h.wav', Buffer.concat([Buffer.alloc(44, 0xab), audio(100)]));
    const err = await repairWavFile(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).code).toBe('recording-unrepairable');
    expect((err as UserFacingError).message).toContain('h.wav');
    expect(readFileSync(p).length).toBe(144);
  });

  it('patches the data size in place when the data chunk is not at byte 36', async () => {
    const canonical = pcm16WavHeader(MONO_48K, 0);
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([4, 0, 0, 0]), Buffer.from('abcd')]);
    const p = file('i.wav', Buffer.concat([canonical.subarray(0, 36), list, canonical.subarray(36), audio(11)]));
    const r = await repairWavFile(p, MONO_48K);
    expect(r).toMatchObject({ frames: 5, truncatedBytes: 1, headerRewritten: false });
    const b = readFileSync(p);
    expect(b.length).toBe(56 + 10);
    expect(b.readUInt32LE(52)).toBe(10);
    expect(b.readUInt32LE(4)).toBe(b.length - 8);
  });

  it('is idempotent: a second repair changes nothing', async () => {
    const p = file('j.wav', Buffer.concat([pcm16WavHeader(STEREO_16K, 0), audio(4003)]));
    await repairWavFile(p, STEREO_16K);
    const once = readFileSync(p);
    const again = await repairWavFile(p, STEREO_16K);
    expect(again).toMatchObject({ repaired: false, truncatedBytes: 0, frames: 1000 });
    expect(readFileSync(p).equals(once)).toBe(true);
  });
});
