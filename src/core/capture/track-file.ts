import fs from 'node:fs/promises';
import path from 'node:path';
import { ENCRYPTED_AUDIO_EXTENSION, EncryptedAudioWriter } from '../privacy/encrypted-audio.js';
import type { ChunkPool } from './chunk-pool.js';
import { encodePcm16Into } from './pcm16.js';
import { toRecordingError } from './recording-errors.js';
import type { TrackSource } from './recording-journal.js';
import { maxWavDataBytes, pcm16FrameBytes, pcm16WavHeader, WAV_HEADER_BYTES } from './wav-header.js';

export interface TrackSpec {
  id: string;
  source: TrackSource;
  sampleRate: number;
  channels: number;
}

/** Audio taken off a track's queue for one write; `chunks` go back to the pool afterwards. */
export interface TrackBatch {
  views: Buffer[];
  chunks: Buffer[];
  bytes: number;
}

const EMPTY_BATCH: TrackBatch = { views: [], chunks: [], bytes: 0 };

/** The one place a track's file name comes from: the journal and the writer both ask here. */
export function trackFileName(trackId: string, encrypted: boolean): string {
  return `${trackId}${encrypted ? ENCRYPTED_AUDIO_EXTENSION : '.wav'}`;
}

/**
 * One track's WAV file plus its in-memory queue. Each `writeBatch` appends at the end of the
 * audio, patches the header sizes to match, then fdatasyncs: after any completed batch the file on
 * disk is a valid WAV holding every byte written so far. With a key the file is encrypted audio
 * instead (encrypted-audio.ts): each batch is one authenticated record, durable when written.
 */
export class TrackFile {
  readonly frameBytes: number;
  readonly maxDataBytes: number;
  /** Bytes handed in by `append`. */
  receivedBytes = 0;
  /** Bytes the kernel accepted into the file (survive a process crash). */
  landedBytes = 0;
  /** Bytes covered by a completed fdatasync (survive power loss). */
  durableBytes = 0;
  droppedFrames = 0;

  private readonly full: Buffer[] = [];
  private current: Buffer | null = null;
  private currentFill = 0;
  private closed = false;

  private constructor(
    readonly spec: TrackSpec,
    readonly file: string,
    private readonly fh: fs.FileHandle | undefined,
    private readonly encrypted?: EncryptedAudioWriter,
  ) {
    this.frameBytes = pcm16FrameBytes(spec.channels);
    this.maxDataBytes = maxWavDataBytes(spec.channels);
  }

  /** Creates the file (never overwriting one) with a zero-length header, made durable. */
  static async create(dir: string, spec: TrackSpec, key?: Buffer): Promise<TrackFile> {
    const file = path.join(dir, trackFileName(spec.id, key !== undefined));
    let fh: fs.FileHandle | undefined;
    try {
      if (key) return new TrackFile(spec, file, undefined, await EncryptedAudioWriter.create(file, key, spec));
      fh = await fs.open(file, 'wx');
      await fh.write(pcm16WavHeader(spec, 0), 0, WAV_HEADER_BYTES, 0);
      await fh.datasync();
      return new TrackFile(spec, file, fh);
    } catch (err) {
      await fh?.close().catch(() => undefined);
      throw toRecordingError(err, file);
    }
  }

  get pendingBytes(): number {
    return this.full.length * (this.full[0]?.length ?? 0) + this.currentFill;
  }

  /** Copies samples into pooled chunks as PCM16; returns the bytes queued. */
  append(samples: Float32Array | Int16Array, pool: ChunkPool): number {
    let offset = 0;
    while (offset < samples.length) {
      if (!this.current) {
        this.current = pool.take();
        this.currentFill = 0;
      }
      const n = Math.min((this.current.length - this.currentFill) / 2, samples.length - offset);
      this.currentFill += encodePcm16Into(samples.subarray(offset, offset + n), this.current, this.currentFill);
      offset += n;
      if (this.currentFill === this.current.length) {
        this.full.push(this.current);
        this.current = null;
        this.currentFill = 0;
      }
    }
    const bytes = samples.length * 2;
    this.receivedBytes += bytes;
    return bytes;
  }

  takeBatch(): TrackBatch {
    if (this.full.length === 0 && this.currentFill === 0) return EMPTY_BATCH;
    const chunks = this.full.splice(0, this.full.length);
    const views = chunks.slice();
    if (this.current && this.currentFill > 0) {
      chunks.push(this.current);
      views.push(this.current.subarray(0, this.currentFill));
      this.current = null;
      this.currentFill = 0;
    }
    return { views, chunks, bytes: views.reduce((sum, v) => sum + v.length, 0) };
  }

  /** Queued audio that will never be written (the recording failed); returns its chunks to the pool. */
  discardPending(pool: ChunkPool): number {
    const batch = this.takeBatch();
    for (const c of batch.chunks) pool.give(c);
    if (this.current) {
      pool.give(this.current);
      this.current = null;
    }
    return batch.bytes;
  }

  /** Appends the batch, patches the header, fdatasyncs. Throws a UserFacingError naming this file. */
  async writeBatch(batch: TrackBatch): Promise<void> {
    if (batch.bytes === 0) return;
    if (this.encrypted) return this.writeRecord(batch);
    const fh = this.fh!;
    try {
      let views = batch.views;
      while (views.length > 0) {
        const { bytesWritten } = await fh.writev(views, WAV_HEADER_BYTES + this.landedBytes);
        // Counted before the next call, so a later ENOSPC still knows how much landed.
        this.landedBytes += bytesWritten;
        views = dropLeadingBytes(views, bytesWritten);
      }
      await fh.write(pcm16WavHeader(this.spec, this.headerDataBytes()), 0, WAV_HEADER_BYTES, 0);
      await fh.datasync();
      this.durableBytes = this.landedBytes;
    } catch (err) {
      throw toRecordingError(err, this.file);
    }
  }

  /** The batch as one record: it counts only once whole and synced (a part of one is no audio). */
  private async writeRecord(batch: TrackBatch): Promise<void> {
    try {
      await this.encrypted!.append(batch.views);
      this.landedBytes += batch.bytes;
      this.durableBytes = this.landedBytes;
    } catch (err) {
      throw toRecordingError(err, this.file);
    }
  }

  /** Whole frames that landed, capped at what a WAV header can declare. */
  headerDataBytes(): number {
    const whole = this.landedBytes - (this.landedBytes % this.frameBytes);
    return Math.min(whole, this.maxDataBytes);
  }

  get framesOnDisk(): number {
    return this.headerDataBytes() / this.frameBytes;
  }

  /**
   * Final header patch, cut of a half frame left by a short write, fdatasync, close. Tries every
   * step even after one fails (the disk may be full or gone) and returns the first failure.
   */
  async close(): Promise<unknown> {
    if (this.closed) return undefined;
    this.closed = true;
    let firstError: unknown;
    const attempt = async (step: () => Promise<unknown>) => {
      try {
        await step();
      } catch (err) {
        firstError ??= err;
      }
    };
    const dataBytes = this.headerDataBytes();
    const fh = this.fh;
    if (this.encrypted) {
      await attempt(() => this.encrypted!.close());
    } else if (fh) {
      if (dataBytes < this.landedBytes) await attempt(() => fh.truncate(WAV_HEADER_BYTES + dataBytes));
      await attempt(() => fh.write(pcm16WavHeader(this.spec, dataBytes), 0, WAV_HEADER_BYTES, 0));
      await attempt(() => fh.datasync());
      await attempt(() => fh.close());
    }
    if (firstError === undefined) this.durableBytes = dataBytes;
    return firstError === undefined ? undefined : toRecordingError(firstError, this.file);
  }
}

function dropLeadingBytes(views: Buffer[], bytes: number): Buffer[] {
  let i = 0;
  let left = bytes;
  while (i < views.length && left >= views[i]!.length) left -= views[i++]!.length;
  const rest = views.slice(i);
  if (left > 0 && rest.length > 0) rest[0] = rest[0]!.subarray(left);
  return rest;
}
