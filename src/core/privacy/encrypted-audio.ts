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
/** Recorded tracks encrypted at rest are named `<track>.dbaudio` (a plain one is `<track>.wav`). */
export const ENCRYPTED_AUDIO_EXTENSION = '.dbaudio';
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

/**
 * Encrypts one record as its parts ([length], the ciphertext of each view, tag), written with one
 * writev: joining the recorder's queued chunks, or the parts, would copy the audio once more.
 */
export function sealRecordParts(fileKeyBytes: Buffer, fileHeader: Buffer, index: number, plain: Buffer | Buffer[]): Buffer[] {
  const views = Array.isArray(plain) ? plain : [plain];
  const total = views.reduce((sum, v) => sum + v.length, 0);
  const cipher = createCipheriv('aes-256-gcm', fileKeyBytes, nonce(index));
  cipher.setAAD(aad(fileHeader, index, total));
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32LE(total);
  const parts = [length, ...views.map((v) => cipher.update(v))];
  cipher.final(); // GCM emits nothing more at the end
  parts.push(cipher.getAuthTag());
  return parts;
}

/** One record as a single buffer (tests that build or damage files by hand). */
export function sealRecord(fileKeyBytes: Buffer, fileHeader: Buffer, index: number, plain: Buffer): Buffer {
  return Buffer.concat(sealRecordParts(fileKeyBytes, fileHeader, index, plain));
}

/** True when `file` starts like Debrief's encrypted audio (it is not a WAV then). */
export async function isEncryptedAudioFile(file: string): Promise<boolean> {
  const fh = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.equals(MAGIC);
  } finally {
    await fh.close();
  }
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

  /** One record of PCM (whole frames, given as one buffer or several in order); written after everything before it. */
  async append(pcm: Buffer | Buffer[]): Promise<void> {
    if ((Array.isArray(pcm) ? pcm.reduce((sum, v) => sum + v.length, 0) : pcm.length) === 0) return;
    let parts = sealRecordParts(this.key, this.fileHeader, this.records, pcm);
    const recordBytes = parts.reduce((sum, b) => sum + b.length, 0);
    let written = 0;
    while (written < recordBytes) {
      const { bytesWritten } = await this.fh.writev(parts, this.offset + written);
      written += bytesWritten;
      parts = dropLeading(parts, bytesWritten);
    }
    // Counted once the whole record is in the file: a record cut by a failed write is the tail.
    this.records++;
    this.offset += recordBytes;
    await this.fh.datasync();
  }

  /** Cuts a record a failed write left half-written (so the file ends on a whole record), syncs, closes. */
  async close(): Promise<void> {
    try {
      const { size } = await this.fh.stat();
      if (size > this.offset) {
        await this.fh.truncate(this.offset);
        await this.fh.datasync();
      }
    } finally {
      await this.fh.close();
    }
  }
}

function dropLeading(parts: Buffer[], bytes: number): Buffer[] {
  let i = 0;
  let left = bytes;
  while (i < parts.length && left >= parts[i]!.length) left -= parts[i++]!.length;
  const rest = parts.slice(i);
  if (left > 0 && rest.length > 0) rest[0] = rest[0]!.subarray(left);
  return rest;
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
  return decryptAudio(await fs.readFile(file), installKey, file);
}

/** True when the bytes start like Debrief's encrypted audio. */
export function looksEncryptedAudio(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.equals(bytes.subarray(0, MAGIC.length));
}

/** readEncryptedAudio over bytes already read; `file` names it in errors. */
export function decryptAudio(bytes: Buffer, installKey: Buffer, file: string): DecryptedAudio {
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

export interface EncryptedAudioLayout extends AudioFormat {
  records: number;
  /** PCM bytes in the whole records. */
  pcmBytes: number;
  /** Bytes after the last whole record. */
  tailBytes: number;
}

/**
 * The records' lengths, read without the key: enough to find a tail a crash left, so recovery
 * needs no key. Throws when the file is not Debrief audio at all.
 */
export async function scanEncryptedAudio(file: string): Promise<EncryptedAudioLayout> {
  const fh = await fs.open(file, 'r');
  try {
    const { size } = await fh.stat();
    const h = Buffer.alloc(ENCRYPTED_AUDIO_HEADER_BYTES);
    const { bytesRead } = await fh.read(h, 0, h.length, 0);
    if (bytesRead < h.length || !h.subarray(0, 8).equals(MAGIC)) {
      throw new UserFacingError(`${file} is not an encrypted Debrief recording, or its header is damaged.`, 'audio-damaged');
    }
    const lengthBytes = Buffer.alloc(LENGTH_BYTES);
    let at = ENCRYPTED_AUDIO_HEADER_BYTES;
    let records = 0;
    let pcmBytes = 0;
    // The same walk as readEncryptedAudio: a length that runs past the end, or is absurd, ends it.
    while (at + LENGTH_BYTES + TAG_BYTES <= size) {
      await fh.read(lengthBytes, 0, LENGTH_BYTES, at);
      const length = lengthBytes.readUInt32LE(0);
      const end = at + LENGTH_BYTES + length + TAG_BYTES;
      if (length > MAX_RECORD_BYTES || end > size) break;
      pcmBytes += length;
      records++;
      at = end;
    }
    return { sampleRate: h.readUInt32LE(24), channels: h.readUInt16LE(28), records, pcmBytes, tailBytes: size - at };
  } finally {
    await fh.close();
  }
}

/** After a crash: cuts a record left half-written at the end. Needs no key; running it twice changes nothing. */
export async function repairEncryptedAudio(file: string): Promise<EncryptedAudioLayout & { truncatedBytes: number }> {
  const layout = await scanEncryptedAudio(file);
  if (layout.tailBytes > 0) {
    const { size } = await fs.stat(file);
    const fh = await fs.open(file, 'r+');
    try {
      await fh.truncate(size - layout.tailBytes);
      await fh.datasync();
    } finally {
      await fh.close();
    }
  }
  return { ...layout, tailBytes: 0, truncatedBytes: layout.tailBytes };
}

/** Where each record lies, for reading any span of a long recording without decrypting all of it. */
export interface EncryptedAudioIndex extends AudioFormat {
  file: string;
  records: { offset: number; length: number; pcmStart: number }[];
  pcmBytes: number;
  /** Records that failed authentication when indexed, in seconds; they read as silence. */
  damaged: { startSec: number; endSec: number }[];
  /** @internal the file's derived key and header, for openRecord. */
  fileKey: Buffer;
  header: Buffer;
}

/**
 * Walks the records (one read each, memory bounded by a record) and authenticates every one, so a
 * player knows before it plays which spans are damaged.
 */
export async function indexEncryptedAudio(file: string, installKey: Buffer): Promise<EncryptedAudioIndex> {
  const fh = await fs.open(file, 'r');
  try {
    const { size } = await fh.stat();
    const h = Buffer.alloc(ENCRYPTED_AUDIO_HEADER_BYTES);
    const { bytesRead } = await fh.read(h, 0, h.length, 0);
    if (bytesRead < h.length || !h.subarray(0, 8).equals(MAGIC)) {
      throw new UserFacingError(`${file} is not an encrypted Debrief recording, or its header is damaged.`, 'audio-damaged');
    }
    const format = { sampleRate: h.readUInt32LE(24), channels: h.readUInt16LE(28) };
    const index: EncryptedAudioIndex = { ...format, file, records: [], pcmBytes: 0, damaged: [], fileKey: fileKey(installKey, h.subarray(8, 24)), header: h };
    const bytesPerSecond = format.sampleRate * format.channels * 2;
    const lengthBytes = Buffer.alloc(LENGTH_BYTES);
    let at = ENCRYPTED_AUDIO_HEADER_BYTES;
    while (at + LENGTH_BYTES + TAG_BYTES <= size) {
      await fh.read(lengthBytes, 0, LENGTH_BYTES, at);
      const length = lengthBytes.readUInt32LE(0);
      const end = at + LENGTH_BYTES + length + TAG_BYTES;
      if (length > MAX_RECORD_BYTES || end > size) break;
      const record = { offset: at, length, pcmStart: index.pcmBytes };
      const sealed = Buffer.alloc(length + TAG_BYTES);
      await fh.read(sealed, 0, sealed.length, at + LENGTH_BYTES);
      if (openRecord(index, index.records.length, sealed) === undefined) {
        index.damaged.push({ startSec: record.pcmStart / bytesPerSecond, endSec: (record.pcmStart + length) / bytesPerSecond });
      }
      index.records.push(record);
      index.pcmBytes += length;
      at = end;
    }
    return index;
  } finally {
    await fh.close();
  }
}

/** Record `i`'s PCM from its sealed bytes (ciphertext then tag); undefined when authentication fails. */
export function openRecord(index: EncryptedAudioIndex, i: number, sealed: Buffer): Buffer | undefined {
  const length = sealed.length - TAG_BYTES;
  try {
    const decipher = createDecipheriv('aes-256-gcm', index.fileKey, nonce(i));
    decipher.setAAD(aad(index.header, i, length));
    decipher.setAuthTag(sealed.subarray(length));
    return Buffer.concat([decipher.update(sealed.subarray(0, length)), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** PCM bytes [start, end) of an indexed file; damaged records read as silence. */
export async function readPcmRange(index: EncryptedAudioIndex, start: number, end: number): Promise<Buffer> {
  const pieces: Buffer[] = [];
  const fh = await fs.open(index.file, 'r');
  try {
    // Records are in order: the first one ending after `start`, on to the one holding `end`.
    let lo = 0;
    let hi = index.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = index.records[mid]!;
      if (r.pcmStart + r.length <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < index.records.length && index.records[i]!.pcmStart < end; i++) {
      const r = index.records[i]!;
      const sealed = Buffer.alloc(r.length + TAG_BYTES);
      await fh.read(sealed, 0, sealed.length, r.offset + LENGTH_BYTES);
      const pcm = openRecord(index, i, sealed) ?? Buffer.alloc(r.length);
      pieces.push(pcm.subarray(Math.max(0, start - r.pcmStart), Math.min(r.length, end - r.pcmStart)));
    }
  } finally {
    await fh.close();
  }
  return Buffer.concat(pieces);
}

/** Indexes of the files used lately: a player asks for many ranges of one file, and the page asks whether it is damaged. */
const indexCache = new Map<string, { size: number; mtimeMs: number; key: Buffer; index: Promise<EncryptedAudioIndex> }>();
const INDEX_CACHE_FILES = 4;

/** indexEncryptedAudio, reused while the file is unchanged (same size and modification time). */
export async function cachedEncryptedAudioIndex(file: string, installKey: Buffer): Promise<EncryptedAudioIndex> {
  const { size, mtimeMs } = await fs.stat(file);
  const hit = indexCache.get(file);
  if (hit && hit.size === size && hit.mtimeMs === mtimeMs && hit.key.equals(installKey)) return hit.index;
  const index = indexEncryptedAudio(file, installKey);
  indexCache.delete(file);
  indexCache.set(file, { size, mtimeMs, key: installKey, index });
  for (const old of indexCache.keys()) if (indexCache.size > INDEX_CACHE_FILES) indexCache.delete(old);
  index.catch(() => indexCache.delete(file));
  return index;
}

/** "0:01–0:02": where a recording failed authentication, for the user. */
export function describeDamage(damaged: EncryptedAudioIndex['damaged']): string | undefined {
  if (damaged.length === 0) return undefined;
  const clock = (sec: number) => `${Math.floor(sec / 60)}:${String(Math.floor(sec % 60)).padStart(2, '0')}`;
  const spans = damaged.map((d) => `${clock(d.startSec)}–${clock(d.endSec)}`).join(', ');
  return `This recording is damaged: ${spans} failed its integrity check and plays as silence. The rest plays as recorded.`;
}
