import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { UserFacingError } from '../errors.js';
import { ChunkPool } from './chunk-pool.js';
import { toRecordingError, toRecordingStartError } from './recording-errors.js';
import { journalPath, syncDir, trackSourceSchema, writeJournal, type RecordingJournal, type TrackSource } from './recording-journal.js';
import { trackFileName, TrackFile, type TrackBatch } from './track-file.js';
import { describeIssues } from '../zod-issues.js';

/**
 * Writes a recording's tracks (mic = You, system = Them; one WAV each, never mixed) so that a crash,
 * a full disk or a vanished folder loses at most `flushIntervalMs` of audio:
 * - `write` only converts samples into pooled memory chunks; file I/O runs on libuv's thread pool.
 * - A batch is written once its oldest audio is 3/4 of `flushIntervalMs` old (checked on every
 *   write and by a timer ticking every 1/4 interval), so timer jitter cannot push it past the
 *   interval. Each batch is appended, the header sizes patched, and the file fdatasynced.
 * - `recording.json` records the session and its state (see recording-journal.ts); a folder whose
 *   journal does not say `stopped` is found and repaired by recover-recordings.ts.
 */

const CHUNK_BYTES = 64 * 1024;

const trackOptionsSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be letters, digits, - or _ (it names the track file)'),
  source: trackSourceSchema,
  sampleRate: z.number().int().min(8000).max(384000),
  channels: z.number().int().min(1).max(16),
});

const writerOptionsSchema = z.object({
  dir: z.string().min(1),
  sessionId: z.string().min(1),
  tracks: z
    .array(trackOptionsSchema)
    .min(1)
    .refine((ts) => new Set(ts.map((t) => t.id)).size === ts.length, { message: 'track ids must be unique' }),
  /** The most audio may wait in memory; the issue requires durability at least once a second. */
  flushIntervalMs: z.number().int().min(20).max(1000).default(1000),
  /** `write` returns false once this much is queued (default: 2 s of all tracks' audio). */
  highWaterMarkBytes: z.number().int().positive().optional(),
  /** Past this much queued audio the disk is not keeping up and the recording stops (default: 60 s of audio). */
  maxBufferedBytes: z.number().int().positive().optional(),
  /** The install's data key: tracks are then encrypted at rest (AES-256-GCM records, one per flush). */
  encryptionKey: z
    .instanceof(Buffer)
    .refine((k) => k.length === 32, 'must be 32 bytes')
    .optional(),
});

export type RecordingTrackOptions = z.input<typeof trackOptionsSchema>;
export type RecordingWriterOptions = z.input<typeof writerOptionsSchema>;

export type WriterState = 'recording' | 'paused' | 'stopping' | 'stopped' | 'failed';

export interface RecordedTrack {
  id: string;
  source: TrackSource;
  /** Absolute path of the WAV file. */
  file: string;
  sampleRate: number;
  channels: number;
  /** Frames in the file's data chunk. */
  frames: number;
  durationSec: number;
}

export interface RecordingSummary {
  sessionId: string;
  dir: string;
  journalFile: string;
  startedAt: string;
  stoppedAt: string;
  /** The longest track. */
  durationSec: number;
  tracks: RecordedTrack[];
  /** Set when the recording stopped early (disk full, folder unwritable); the audio before it is kept. */
  error?: UserFacingError;
}

export interface RecordingWriterStats {
  state: WriterState;
  bufferedBytes: number;
  highWaterMarkBytes: number;
  maxBufferedBytes: number;
  flushes: number;
  lastFlushMs: number;
  maxFlushMs: number;
  /** Memory held for queued audio; bounded by the peak backlog, not by the recording's length. */
  queueMemoryBytes: number;
  tracks: { id: string; source: TrackSource; framesReceived: number; framesDurable: number; framesDroppedWhilePaused: number }[];
  error?: UserFacingError;
}

export interface RecordingWriter {
  /** Each track's file (absolute), by track id: what the store keeps, so no one derives the name again. */
  readonly files: ReadonlyMap<string, string>;
  /**
   * Queues interleaved samples for a track without blocking. Returns false when the queue is over
   * the high-water mark (wait for `whenDrained()`), or when the recording has stopped or failed.
   * Samples written while paused are dropped.
   */
  write(trackId: string, samples: Float32Array | Int16Array): boolean;
  readonly bufferedBytes: number;
  /** Resolves once queued audio is back under the high-water mark (or the recording has ended). */
  whenDrained(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Writes what is queued, finalizes the files and the journal. Safe to call more than once. */
  stop(): Promise<RecordingSummary>;
  /** Called once if the recording stops by itself; returns an unsubscribe function. */
  onError(cb: (err: UserFacingError) => void): () => void;
  stats(): RecordingWriterStats;
}

export async function createRecordingWriter(options: RecordingWriterOptions): Promise<RecordingWriter> {
  const parsed = writerOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new UserFacingError(`Recording options: ${describeIssues(parsed.error, { topLevel: 'options' })}`, 'recording-invalid-options');
  }
  const opts = parsed.data;
  const dir = path.resolve(opts.dir);
  const bytesPerSecond = opts.tracks.reduce((sum, t) => sum + t.sampleRate * t.channels * 2, 0);
  const highWaterMarkBytes = opts.highWaterMarkBytes ?? Math.max(CHUNK_BYTES, 2 * bytesPerSecond);
  const maxBufferedBytes = Math.max(opts.maxBufferedBytes ?? 60 * bytesPerSecond, highWaterMarkBytes + CHUNK_BYTES * opts.tracks.length);

  const startedAt = new Date().toISOString();
  let journal: RecordingJournal = {
    version: 1,
    session_id: opts.sessionId,
    started_at: startedAt,
    state: 'recording',
    updated_at: startedAt,
    tracks: opts.tracks.map((t) => ({ id: t.id, source: t.source, file: trackFileName(t.id, opts.encryptionKey !== undefined), sample_rate: t.sampleRate, channels: t.channels })),
  };

  const tracks: TrackFile[] = [];
  try {
    await makeRecordingDir(dir);
    if (await exists(journalPath(dir))) {
      throw new UserFacingError(`${journalPath(dir)} already exists: ${dir} holds another recording`, 'recording-exists');
    }
    // Journal first: any folder with track files in it is then known to recovery.
    await writeJournal(dir, journal);
    for (const t of opts.tracks) tracks.push(await TrackFile.create(dir, t, opts.encryptionKey));
    await syncDir(dir);
  } catch (err) {
    await Promise.all(tracks.map((t) => t.close()));
    throw toRecordingStartError(err, dir);
  }

  const byId = new Map(tracks.map((t) => [t.spec.id, t]));
  const pool = new ChunkPool(CHUNK_BYTES);
  const errorListeners = new Set<(err: UserFacingError) => void>();
  const drainWaiters: (() => void)[] = [];
  const flushAfterMs = opts.flushIntervalMs * 0.75;

  let state: WriterState = 'recording';
  let error: UserFacingError | undefined;
  let queuedBytes = 0; // in the tracks' queues
  let inFlightBytes = 0; // taken by the running flush
  let oldestQueuedAt = -1;
  let flushing: Promise<void> | null = null;
  let flushAgain = false;
  let flushes = 0;
  let lastFlushMs = 0;
  let maxFlushMs = 0;
  let journalChain: Promise<void> = Promise.resolve();
  let finished: Promise<void> | null = null;
  let stopping: Promise<RecordingSummary> | null = null;
  let stoppedAt = startedAt;

  const bufferedBytes = () => queuedBytes + inFlightBytes;

  const notifyDrained = () => {
    if (bufferedBytes() >= highWaterMarkBytes && (state === 'recording' || state === 'paused')) return;
    for (const resolve of drainWaiters.splice(0)) resolve();
  };

  const updateJournal = (patch: Partial<RecordingJournal>): Promise<void> => {
    // A failed write must not wedge later ones, so each update starts after the previous settles.
    journalChain = journalChain.catch(() => undefined).then(async () => {
      journal = { ...journal, ...patch, updated_at: new Date().toISOString() };
      await writeJournal(dir, journal);
    });
    return journalChain;
  };

  const finalJournalPatch = (): Partial<RecordingJournal> => ({
    state: 'stopped',
    stopped_at: stoppedAt,
    tracks: journal.tracks.map((jt) => ({ ...jt, frames: byId.get(jt.id)!.framesOnDisk })),
    ...(error ? { error: { code: error.code, message: error.message } } : {}),
  });

  /** Closes the files and records the end in the journal; after a failure every step is best effort. */
  const finish = async (): Promise<UserFacingError | undefined> => {
    for (const t of tracks) queuedBytes -= t.discardPending(pool);
    oldestQueuedAt = -1;
    const closeErrors = await Promise.all(tracks.map((t) => t.close()));
    stoppedAt = new Date().toISOString();
    const closeError = closeErrors.find((e) => e !== undefined) as UserFacingError | undefined;
    try {
      // On a full or read-only disk this fails too; the journal then still says `recording` and
      // recovery treats the folder as interrupted, which is safe: its WAV headers are already valid.
      await updateJournal(finalJournalPatch());
    } catch (err) {
      return closeError ?? toRecordingError(err, journalPath(dir));
    }
    return closeError;
  };

  const emitError = (err: UserFacingError) => {
    for (const cb of errorListeners) cb(err);
  };

  /** A failure found by a flush: nothing else touches the files now, so finish first, then report. */
  const failInFlush = async (err: UserFacingError) => {
    if (error) return;
    error = err;
    state = 'failed';
    clearInterval(timer);
    notifyDrained();
    finished = finish().then(() => undefined);
    await finished;
    notifyDrained();
    emitError(err);
  };

  /**
   * A failure found by `write` (disk not keeping up, WAV size limit): report at once, since a
   * stalled disk may never finish the running flush, then finish after it.
   */
  const failFromWrite = (err: UserFacingError) => {
    if (error) return;
    error = err;
    state = 'failed';
    clearInterval(timer);
    notifyDrained();
    emitError(err);
    finished = (flushing ?? Promise.resolve()).then(() => finish()).then(() => undefined);
    void finished.then(notifyDrained);
  };

  const flushOnce = async () => {
    const batches: TrackBatch[] = tracks.map((t) => t.takeBatch());
    const bytes = batches.reduce((sum, b) => sum + b.bytes, 0);
    if (bytes === 0) return;
    queuedBytes -= bytes;
    inFlightBytes += bytes;
    oldestQueuedAt = -1;
    const started = performance.now();
    const results = await Promise.allSettled(tracks.map((t, i) => t.writeBatch(batches[i]!)));
    for (const b of batches) for (const c of b.chunks) pool.give(c);
    inFlightBytes -= bytes;
    lastFlushMs = performance.now() - started;
    maxFlushMs = Math.max(maxFlushMs, lastFlushMs);
    flushes++;
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) await failInFlush(toRecordingError(failure.reason, dir));
  };

  const requestFlush = (): Promise<void> => {
    if (flushing) {
      flushAgain = true;
      return flushing;
    }
    const run = async () => {
      try {
        do {
          flushAgain = false;
          await flushOnce();
        } while (flushAgain && !error);
      } finally {
        // Cleared in the same tick as the last flushAgain check, so a request never falls between.
        flushing = null;
      }
      notifyDrained();
    };
    flushing = run();
    return flushing;
  };

  const flushIfDue = () => {
    if (oldestQueuedAt >= 0 && performance.now() - oldestQueuedAt >= flushAfterMs) void requestFlush();
  };

  const timer = setInterval(flushIfDue, Math.max(5, Math.floor(opts.flushIntervalMs / 4)));

  const summary = (): RecordingSummary => {
    const recorded = tracks.map((t) => ({
      id: t.spec.id,
      source: t.spec.source,
      file: t.file,
      sampleRate: t.spec.sampleRate,
      channels: t.spec.channels,
      frames: t.framesOnDisk,
      durationSec: t.framesOnDisk / t.spec.sampleRate,
    }));
    return {
      sessionId: opts.sessionId,
      dir,
      journalFile: journalPath(dir),
      startedAt,
      stoppedAt,
      durationSec: Math.max(...recorded.map((t) => t.durationSec)),
      tracks: recorded,
      ...(error ? { error } : {}),
    };
  };

  return {
    files: new Map(tracks.map((t) => [t.spec.id, t.file])),

    write(trackId, samples) {
      const track = byId.get(trackId);
      if (!track) throw new Error(`unknown track "${trackId}"; this recording has ${[...byId.keys()].join(', ')}`);
      if (samples.length % track.spec.channels !== 0) {
        throw new Error(`track "${trackId}" has ${track.spec.channels} channels; got ${samples.length} samples, not whole frames`);
      }
      if (state === 'paused') {
        track.droppedFrames += samples.length / track.spec.channels;
        return true;
      }
      if (state !== 'recording') return false;
      const bytes = samples.length * 2;
      if (track.receivedBytes + bytes > track.maxDataBytes) {
        failFromWrite(new UserFacingError(`${track.file} reached the 4 GiB WAV size limit; the recording stopped and is saved up to here`, 'recording-too-long'));
        return false;
      }
      if (bufferedBytes() + bytes > maxBufferedBytes) {
        const seconds = Math.round(maxBufferedBytes / bytesPerSecond);
        failFromWrite(
          new UserFacingError(
            `The disk is not keeping up: about ${seconds} s of audio is waiting to be written to ${dir}. Recording stopped; the audio saved so far is kept. Check that the disk is still connected.`,
            'recording-unwritable',
          ),
        );
        return false;
      }
      if (samples.length === 0) return bufferedBytes() < highWaterMarkBytes;
      if (oldestQueuedAt < 0) oldestQueuedAt = performance.now();
      queuedBytes += track.append(samples, pool);
      if (bufferedBytes() >= highWaterMarkBytes) {
        void requestFlush();
        return false;
      }
      flushIfDue();
      return true;
    },

    get bufferedBytes() {
      return bufferedBytes();
    },

    whenDrained() {
      if (bufferedBytes() < highWaterMarkBytes || (state !== 'recording' && state !== 'paused')) return Promise.resolve();
      return new Promise<void>((resolve) => drainWaiters.push(resolve));
    },

    async pause() {
      if (state !== 'recording') return;
      state = 'paused';
      await requestFlush();
      if (state !== 'paused') return;
      try {
        await updateJournal({ state: 'paused' });
      } catch (err) {
        await failInFlush(toRecordingError(err, journalPath(dir)));
      }
    },

    async resume() {
      if (state !== 'paused') return;
      state = 'recording';
      try {
        await updateJournal({ state: 'recording' });
      } catch (err) {
        await failInFlush(toRecordingError(err, journalPath(dir)));
      }
    },

    stop() {
      stopping ??= (async () => {
        if (state === 'recording' || state === 'paused') {
          state = 'stopping';
          clearInterval(timer);
          await requestFlush();
          await journalChain.catch(() => undefined);
          if (!error) {
            const finishError = await finish();
            if (finishError) {
              error = finishError;
              state = 'failed';
              emitError(finishError);
            } else {
              state = 'stopped';
            }
          }
        }
        await finished;
        notifyDrained();
        return summary();
      })();
      return stopping;
    },

    onError(cb) {
      errorListeners.add(cb);
      if (error) {
        const err = error;
        queueMicrotask(() => cb(err));
      }
      return () => errorListeners.delete(cb);
    },

    stats() {
      return {
        state,
        bufferedBytes: bufferedBytes(),
        highWaterMarkBytes,
        maxBufferedBytes,
        flushes,
        lastFlushMs,
        maxFlushMs,
        queueMemoryBytes: pool.allocated * pool.chunkBytes,
        tracks: tracks.map((t) => ({
          id: t.spec.id,
          source: t.spec.source,
          framesReceived: t.receivedBytes / t.frameBytes,
          framesDurable: Math.floor(t.durableBytes / t.frameBytes),
          framesDroppedWhilePaused: t.droppedFrames,
        })),
        ...(error ? { error } : {}),
      };
    },
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

async function makeRecordingDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (err) {
    // Node's recursive mkdir reports a read-only or forbidden parent as ENOENT; a plain mkdir of the
    // folder itself names the real cause (EROFS, EACCES) when its parent exists.
    if ((err as { code?: string }).code !== 'ENOENT') throw err;
    await fs.mkdir(dir).catch((plain: { code?: string }) => {
      throw plain.code === 'ENOENT' ? err : plain;
    });
  }
}
