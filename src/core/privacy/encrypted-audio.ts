import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { UserFacingError } from '../errors.js';

/**
 * Audio encrypted at rest in authenticated chunks (AES-256-GCM), so that a crash loses at most the
 * chunk being written and one damaged chunk leaves the rest playable.
 *
 * File: a 32-byte header (magic, random file id, sample rate, channels), then records of
 * [u32 length][ciphertext][16-byte tag]. Each file has its own key, HKDF(install key, file id), and
 * record i uses nonce i; the header, i and the length are authenticated with each record, so records
 * cannot be swapped, moved between files or resized. A record cut short by a crash is the tail and
 * is dropped by recovery; a record failing authentication is reported and played as silence.
 */

const MAGIC = Buffer.from('DBRFAUD1', 'latin1');
export const ENCRYPTED_AUDIO_HEADER_BYTES = 32;
const TAG_BYTES = 16;
const LENGTH_BYTES = 4;
/** Larger records would not fit a second of 384 kHz 16-channel audio; anything bigger is damage. */
const MAX_RECORD_BYTES = 32 * 1024 * 1024;

export interface AudioFormat {
  sampleRate: number;
  channels: number;
}

function fileKey(key: Buffer, fileId: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, fileId, 'debrief audio file', 32));
}

function nonce(index: number): Buffer {
  const n = Buffer.alloc(12);
  n.writeUInt32BE(Math.floor(index / 2 ** 32), 4);
  n.writeUInt32BE(index % 2 ** 32, 8);
  return n;
}

function aad(header: Buffer, index: number, length: number): Buffer {
  const tail = Buffer.alloc(12);
  tail.writeUInt32BE(Math.floor(index / 2 ** 32), 0);
  tail.writeUInt32BE(index % 2 ** 32, 4);
  tail.writeUInt32BE(length, 8);
  return Buffer.concat([header, tail]);
}

function header(format: AudioFormat, fileId: Buffer): Buffer {
  const h = Buffer.alloc(ENCRYPTED_AUDIO_HEADER_BYTES);
  MAGIC.copy(h, 0);
  fileId.copy(h, 8);
  h.writeUInt32LE(format.sampleRate, 24);
  h.writeUInt16LE(format.channels, 28);
  return h;
}

/** Encrypts one record; exported for the bench, which times it apart from file I/O. */
export function sealRecord(fileKeyBytes: Buffer, fileHeader: Buffer, index: number, plain: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', fileKeyBytes, nonce(index));
  cipher.setAAD(aad(fileHeader, index, plain.length));
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32LE(plain.length);
  return Buffer.concat([length, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** Appends records to a new encrypted audio file; each `append` is durable (fdatasync) when it resolves. */
export class EncryptedAudioWriter {
  private records = 0;
  private offset = ENCRYPTED_AUDIO_HEADER_BYTES;

  private constructor(
    private readonly fh: fs.FileHandle,
    private readonly key: Buffer,
    private readonly fileHeader: Buffer,
  ) {}

  static async create(file: string, installKey: Buffer, format: AudioFormat): Promise<EncryptedAudioWriter> {
    const fileId = randomBytes(16);
    const h = header(format, fileId);
    const fh = await fs.open(file, 'wx', 0o600);
    try {
      await fh.write(h, 0, h.length, 0);
      await fh.datasync();
    } catch (err) {
      await fh.close().catch(() => undefined);
      throw err;
    }
    return new EncryptedAudioWriter(fh, fileKey(installKey, fileId), h);
  }

  /** One record of PCM (whole frames); written after everything before it. */
  async append(pcm: Buffer): Promise<void> {
    if (pcm.length === 0) return;
    const record = sealRecord(this.key, this.fileHeader, this.records, pcm);
    this.records++;
    let written = 0;
    while (written < record.length) {
      const { bytesWritten } = await this.fh.write(record, written, record.length - written, this.offset + written);
      written += bytesWritten;
    }
    this.offset += record.length;
    await this.fh.datasync();
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

export interface DecryptedAudio extends AudioFormat {
  /** PCM16 of every record; a damaged record's span is silence. */
  pcm: Buffer;
  records: number;
  /** Where authentication failed, in seconds of audio. */
  damaged: { startSec: number; endSec: number }[];
  /** Bytes after the last whole record (a crash mid-write): not audio. */
  tailBytes: number;
}

/** Reads and authenticates every record. Throws only when the file is not Debrief audio at all. */
export async function readEncryptedAudio(file: string, installKey: Buffer): Promise<DecryptedAudio> {
  const bytes = await fs.readFile(file);
  const h = bytes.subarray(0, ENCRYPTED_AUDIO_HEADER_BYTES);
  if (h.length < ENCRYPTED_AUDIO_HEADER_BYTES || !h.subarray(0, 8).equals(MAGIC)) {
    throw new UserFacingError(`${file} is not an encrypted Debrief recording, or its header is damaged.`, 'audio-damaged');
  }
  const format = { sampleRate: h.readUInt32LE(24), channels: h.readUInt16LE(28) };
  const key = fileKey(installKey, h.subarray(8, 24));
  const bytesPerSecond = format.sampleRate * format.channels * 2;
  const pieces: Buffer[] = [];
  const damaged: DecryptedAudio['damaged'] = [];
  let at = ENCRYPTED_AUDIO_HEADER_BYTES;
  let index = 0;
  let pcmBytes = 0;
  while (at + LENGTH_BYTES + TAG_BYTES <= bytes.length) {
    const length = bytes.readUInt32LE(at);
    const end = at + LENGTH_BYTES + length + TAG_BYTES;
    if (length > MAX_RECORD_BYTES || end > bytes.length) break;
    const body = bytes.subarray(at + LENGTH_BYTES, at + LENGTH_BYTES + length);
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, nonce(index));
      decipher.setAAD(aad(h, index, length));
      decipher.setAuthTag(bytes.subarray(end - TAG_BYTES, end));
      plain = Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      plain = Buffer.alloc(length);
      damaged.push({ startSec: pcmBytes / bytesPerSecond, endSec: (pcmBytes + length) / bytesPerSecond });
    }
    pieces.push(plain);
    pcmBytes += plain.length;
    at = end;
    index++;
  }
  return { ...format, pcm: Buffer.concat(pieces), records: index, damaged, tailBytes: bytes.length - at };
}

/** After a crash: cuts a record left half-written at the end. Running it twice changes nothing. */
export async function repairEncryptedAudio(file: string, installKey: Buffer): Promise<{ records: number; truncatedBytes: number }> {
  const audio = await readEncryptedAudio(file, installKey);
  if (audio.tailBytes > 0) {
    const { size } = await fs.stat(file);
    const fh = await fs.open(file, 'r+');
    try {
      await fh.truncate(size - audio.tailBytes);
      await fh.datasync();
    } finally {
      await fh.close();
    }
  }
  return { records: audio.records, truncatedBytes: audio.tailBytes };
}
