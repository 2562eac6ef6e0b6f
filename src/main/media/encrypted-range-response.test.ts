import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENCRYPTED_AUDIO_EXTENSION, ENCRYPTED_AUDIO_HEADER_BYTES, EncryptedAudioWriter } from '../../core/privacy/encrypted-audio.js';
import { fileRangeResponse } from './file-range-response.js';

const RATE = 8000;
const RECORD_BYTES = RATE * 2; // a second of mono PCM16 per record, as the recorder flushes

// The player's view of a recording encrypted at rest: the WAV it holds, by ranges, decrypting only
// what a range touches; a tampered record plays as silence and is named, the rest still plays.
describe('fileRangeResponse over an encrypted recording', () => {
  let dir: string;
  let file: string;
  const key = randomBytes(32);
  const pcm = randomBytes(RECORD_BYTES * 3);
  const bytes = async (r: Response) => Buffer.from(await r.arrayBuffer());

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'debrief-enc-range-'));
    file = path.join(dir, `mic${ENCRYPTED_AUDIO_EXTENSION}`);
    const writer = await EncryptedAudioWriter.create(file, key, { sampleRate: RATE, channels: 1 });
    for (let i = 0; i < 3; i++) await writer.append(pcm.subarray(i * RECORD_BYTES, (i + 1) * RECORD_BYTES));
    await writer.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves the whole recording as a WAV: header, then exactly the PCM that was recorded', async () => {
    const r = await fileRangeResponse(file, null, { encryptionKey: key });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('audio/wav');
    expect(r.headers.get('content-length')).toBe(String(44 + pcm.length));
    expect(r.headers.get('x-debrief-damaged')).toBeNull();
    const body = await bytes(r);
    expect(body.toString('ascii', 0, 4)).toBe('RIFF');
    expect(body.readUInt32LE(24)).toBe(RATE);
    expect(body.readUInt32LE(40)).toBe(pcm.length);
    expect(body.subarray(44).equals(pcm)).toBe(true);
  });

  it('answers a range across a record boundary with those bytes only, and past the end with 416', async () => {
    const start = 44 + RECORD_BYTES - 100;
    const r = await fileRangeResponse(file, `bytes=${start}-${start + 199}`, { encryptionKey: key });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe(`bytes ${start}-${start + 199}/${44 + pcm.length}`);
    expect((await bytes(r)).equals(pcm.subarray(RECORD_BYTES - 100, RECORD_BYTES + 100))).toBe(true);
    expect((await fileRangeResponse(file, `bytes=${44 + pcm.length}-`, { encryptionKey: key })).status).toBe(416);
  });

  it('without the key (the store locked) it refuses rather than serving ciphertext', async () => {
    const r = await fileRangeResponse(file, null);
    expect(r.status).toBe(403);
    expect(await r.text()).toBe('This recording is encrypted and the store is locked');
  });

  it('a tampered record is silence, named in X-Debrief-Damaged; the records around it still play', async () => {
    const copy = path.join(dir, `tampered${ENCRYPTED_AUDIO_EXTENSION}`);
    const sealed = fs.readFileSync(file);
    // One byte of the second record's ciphertext flipped.
    sealed[ENCRYPTED_AUDIO_HEADER_BYTES + (4 + RECORD_BYTES + 16) + 4 + 10]! ^= 0x01;
    fs.writeFileSync(copy, sealed);
    const r = await fileRangeResponse(copy, null, { encryptionKey: key });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.headers.get('x-debrief-damaged')!)).toEqual([{ startSec: 1, endSec: 2 }]);
    const body = (await bytes(r)).subarray(44);
    expect(body.subarray(0, RECORD_BYTES).equals(pcm.subarray(0, RECORD_BYTES))).toBe(true);
    expect(body.subarray(RECORD_BYTES, 2 * RECORD_BYTES).equals(Buffer.alloc(RECORD_BYTES))).toBe(true);
    expect(body.subarray(2 * RECORD_BYTES).equals(pcm.subarray(2 * RECORD_BYTES))).toBe(true);
  });
});
