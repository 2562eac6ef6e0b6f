import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENCRYPTED_AUDIO_HEADER_BYTES, EncryptedAudioWriter, readEncryptedAudio, repairEncryptedAudio } from '../../src/core/privacy/encrypted-audio.js';
import { scratchDir } from '../capture/support/scratch-dir.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const FRAMES = 1600;
const counterSample = (frame: number) => (frame % 65536) - 32768;

function firstCounterMismatch(pcm: Buffer): number {
  for (let i = 0; i < pcm.length / 2; i++) if (pcm.readInt16LE(i * 2) !== counterSample(i)) return i;
  return -1;
}

async function writeRecords(file: string, key: Buffer, records: number): Promise<Buffer[]> {
  const writer = await EncryptedAudioWriter.create(file, key, { sampleRate: 16000, channels: 1 });
  const written: Buffer[] = [];
  for (let r = 0; r < records; r++) {
    const pcm = Buffer.alloc(FRAMES * 2);
    for (let i = 0; i < FRAMES; i++) pcm.writeInt16LE(counterSample(r * FRAMES + i), i * 2);
    await writer.append(pcm);
    written.push(pcm);
  }
  await writer.close();
  return written;
}

describe('audio encrypted in authenticated chunks', () => {
  it('reads back exactly what was written, and holds none of it in the clear', async () => {
    const file = path.join(scratchDir('debrief-audio-enc-'), 'mic.enc');
    const key = randomBytes(32);
    const written = await writeRecords(file, key, 10);
    const audio = await readEncryptedAudio(file, key);
    expect(audio).toMatchObject({ sampleRate: 16000, channels: 1, records: 10, damaged: [], tailBytes: 0 });
    expect(audio.pcm.equals(Buffer.concat(written))).toBe(true);
    expect(fs.readFileSync(file).includes(written[3]!.subarray(0, 64))).toBe(false);
  });

  it('a tampered chunk is reported damaged and played as silence; the rest still plays', async () => {
    const file = path.join(scratchDir('debrief-audio-enc-'), 'mic.enc');
    const key = randomBytes(32);
    const written = await writeRecords(file, key, 10);
    const bytes = fs.readFileSync(file);
    const recordBytes = 4 + FRAMES * 2 + 16;
    bytes[ENCRYPTED_AUDIO_HEADER_BYTES + 4 * recordBytes + 100]! ^= 0x01; // one bit of record 4
    fs.writeFileSync(file, bytes);

    const audio = await readEncryptedAudio(file, key);
    expect(audio.records).toBe(10);
    expect(audio.damaged).toEqual([{ startSec: 0.4, endSec: 0.5 }]);
    for (let r = 0; r < 10; r++) {
      const got = audio.pcm.subarray(r * FRAMES * 2, (r + 1) * FRAMES * 2);
      expect(got.equals(r === 4 ? Buffer.alloc(FRAMES * 2) : written[r]!), `record ${r}`).toBe(true);
    }
    // The wrong key authenticates nothing.
    expect((await readEncryptedAudio(file, randomBytes(32))).damaged).toHaveLength(10);
  });

  it('killed with SIGKILL mid-stream loses at most the chunk being written, and recovery keeps the rest', async () => {
    const file = path.join(scratchDir('debrief-audio-enc-'), 'mic.enc');
    const key = randomBytes(32);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures', 'encrypted-audio-child.ts'), file, key.toString('hex')], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (/durable 12\n/.test(stdout)) child.kill('SIGKILL');
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('close', (_c, sig) => resolve(sig)));
    expect(signal).toBe('SIGKILL');
    const said = [...stdout.matchAll(/^durable (\d+)$/gm)].map((m) => Number(m[1]));
    const durable = said[said.length - 1]!;

    const repaired = await repairEncryptedAudio(file);
    // Every record reported durable is there, plus at most the one in flight.
    expect(repaired.records).toBeGreaterThanOrEqual(durable);
    expect(repaired.records).toBeLessThanOrEqual(durable + 1);
    const audio = await readEncryptedAudio(file, key);
    expect(audio).toMatchObject({ damaged: [], tailBytes: 0, records: repaired.records });
    expect(firstCounterMismatch(audio.pcm)).toBe(-1);
    expect(await repairEncryptedAudio(file)).toMatchObject({ records: repaired.records, pcmBytes: audio.pcm.length, truncatedBytes: 0 });
  });

  it('a record cut short at the end (power loss mid-write) is dropped by recovery', async () => {
    const file = path.join(scratchDir('debrief-audio-enc-'), 'mic.enc');
    const key = randomBytes(32);
    await writeRecords(file, key, 5);
    const whole = fs.statSync(file).size;
    fs.appendFileSync(file, Buffer.concat([Buffer.from([0x80, 0x0c, 0, 0]), randomBytes(1000)]));
    expect((await readEncryptedAudio(file, key)).tailBytes).toBe(1004);
    expect(await repairEncryptedAudio(file)).toMatchObject({ records: 5, truncatedBytes: 1004, tailBytes: 0 });
    expect(fs.statSync(file).size).toBe(whole);
  });
});
