import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { UserFacingError } from '../errors.js';
import { LiveTranscriber, type SpeechDetector } from '../transcribe/live-transcriber.js';
import { SAMPLE_RATE, type Transcriber } from '../transcribe/transcriber.js';
import type { Segment } from '../transcript/transcript.js';
import { LiveResampler } from './live-resampler.js';
import { createRecordingWriter, type RecordingSummary, type RecordingWriter } from './recording-writer.js';
import type { TrackSource } from './recording-journal.js';

/**
 * One place that runs recordings: per session a crash-safe writer (one WAV per track) and a live
 * transcriber fed the same audio at 16 kHz, with results handed to a store as they come. Electron-free:
 * the IPC handlers drive it in the app and in tests alike.
 */

export interface CaptureTrackRequest {
  source: TrackSource;
  /** 'You', 'Them', or a name. */
  speakerLabel: string;
  sampleRate: number;
}

export interface StartRecordingRequest {
  title: string;
  kind: 'intake' | 'interview';
  consentText: string;
  consentAcknowledgedAt: string;
  rubricVersionId?: string | null;
  interviewer?: string | null;
  tracks: CaptureTrackRequest[];
}

export interface StartedTrack {
  id: string;
  source: TrackSource;
  speakerLabel: string;
  path: string;
  sampleRate: number;
  channels: number;
}

/** Where a recording's session, live segments and final state are kept (the app's SQLite store). */
export interface CaptureStore {
  createSession(input: StartRecordingRequest & { id: string; startedAt: string; tracks: StartedTrack[] }): Promise<void>;
  appendSegments(sessionId: string, trackId: string, segments: Segment[]): Promise<void>;
  finishSession(sessionId: string, result: { status: 'complete' | 'failed'; endedAt: string; tracks: { id: string; durationSec: number }[] }): Promise<void>;
}

export interface CaptureServiceOptions {
  /** Each recording gets a folder here, named by its session id. */
  recordingsDir: string;
  store: CaptureStore;
  /** The loaded model for live transcription, or null when none is installed (then it only records). */
  transcriber: () => Promise<Transcriber | null>;
  detectSpeech: SpeechDetector;
  /** The install's data key: recorded tracks are then encrypted at rest. */
  encryptionKey?: Buffer;
  /** Durability interval of the writer (at most 1 s, the promise to the user). */
  flushIntervalMs?: number;
  /** A live chunk that could not be transcribed or stored; the audio is safe on disk regardless. */
  onLiveError?: (sessionId: string, err: unknown) => void;
  /** A live chunk's segments are stored (for measuring live lag). */
  onChunkStored?: (sessionId: string, trackId: string, chunk: { startSec: number; endSec: number }, segments: number) => void;
}

export type RecordingState = 'recording' | 'paused' | 'finishing' | 'stopped' | 'failed';

export interface RecordingStatus {
  sessionId: string;
  state: RecordingState;
  /** Recorded seconds (pauses excluded). */
  elapsedSec: number;
  /** Audio waiting for live transcription. */
  backlogSec: number;
  liveTranscription: boolean;
  error: { code: string; message: string } | null;
  /** Seconds recorded per track: a track falling behind the others has stopped getting audio. */
  tracks: { id: string; recordedSec: number }[];
}

/** Seconds of audio each track holds: what the writer received, less what arrived while paused. */
function recordedLengths(rec: ActiveRecording): { id: string; recordedSec: number }[] {
  return rec.writer.stats().tracks.map((t, i) => ({
    id: rec.tracks[i]!.id,
    recordedSec: (t.framesReceived - t.framesDroppedWhilePaused) / rec.tracks[i]!.sampleRate,
  }));
}

interface ActiveRecording {
  sessionId: string;
  writer: RecordingWriter;
  live: LiveTranscriber | null;
  tracks: StartedTrack[];
  state: RecordingState;
  error: UserFacingError | null;
  /** Resampling is async; chain per track so chunks reach the transcriber in order. */
  feed: Map<string, Promise<void>>;
  /** Per track: its audio at 16 kHz for live transcription, converted as one continuous signal. */
  resamplers: Map<string, LiveResampler>;
  finished: Promise<RecordingSummary> | null;
}

export class CaptureService {
  private readonly active = new Map<string, ActiveRecording>();

  constructor(private readonly opts: CaptureServiceOptions) {}

  async start(request: StartRecordingRequest): Promise<{ sessionId: string; tracks: StartedTrack[] }> {
    if (!request.consentText.trim() || !request.consentAcknowledgedAt) {
      throw new UserFacingError('Recording needs the consent notice acknowledged first.', 'consent-required');
    }
    if (request.tracks.length === 0) throw new UserFacingError('Choose at least one audio source to record.', 'no-tracks');
    const sessionId = randomUUID();
    const dir = path.join(this.opts.recordingsDir, sessionId);
    const writerTracks = request.tracks.map((t, i) => ({ id: `${i}-${t.source}`, source: t.source, sampleRate: t.sampleRate, channels: 1 }));
    const writer = await createRecordingWriter({
      dir,
      sessionId,
      // Twice a second: a crash or power cut then loses well under the promised second.
      flushIntervalMs: this.opts.flushIntervalMs ?? 500,
      tracks: writerTracks,
      ...(this.opts.encryptionKey ? { encryptionKey: this.opts.encryptionKey } : {}),
    });
    // The store keeps the file the writer made (plain WAV or encrypted), not a name derived again.
    const tracks: StartedTrack[] = request.tracks.map((t, i) => ({
      id: randomUUID(),
      source: t.source,
      speakerLabel: t.speakerLabel,
      path: writer.files.get(writerTracks[i]!.id)!,
      sampleRate: t.sampleRate,
      channels: 1,
    }));
    const startedAt = new Date().toISOString();
    try {
      await this.opts.store.createSession({ ...request, id: sessionId, startedAt, tracks });
    } catch (err) {
      await writer.stop();
      throw err;
    }
    const transcriber = await this.opts.transcriber().catch(() => null);
    const rec: ActiveRecording = {
      sessionId,
      writer,
      tracks,
      state: 'recording',
      error: null,
      feed: new Map(),
      resamplers: new Map(tracks.map((t) => [t.id, new LiveResampler(t.sampleRate, SAMPLE_RATE)])),
      finished: null,
      live: transcriber
        ? new LiveTranscriber({
            transcriber,
            detectSpeech: this.opts.detectSpeech,
            tracks: tracks.map((t) => ({ id: t.id, speaker: t.speakerLabel })),
            onSegments: async (trackId, segments, chunk) => {
              await this.opts.store.appendSegments(sessionId, trackId, segments);
              this.opts.onChunkStored?.(sessionId, trackId, chunk, segments.length);
            },
            onError: (err) => this.opts.onLiveError?.(sessionId, err),
          })
        : null,
    };
    writer.onError((err) => {
      // Disk full or folder unwritable: the writer already stopped and kept a valid file.
      rec.error = err;
      rec.state = 'failed';
      void this.finish(rec, 'failed');
    });
    this.active.set(sessionId, rec);
    return { sessionId, tracks };
  }

  /**
   * One chunk of 16-bit PCM for a track, as recorded. Returns false when the writer is over its
   * high-water mark: the caller should wait (`whenDrained`) before sending more.
   */
  write(sessionId: string, trackId: string, pcm: Int16Array): boolean {
    const rec = this.get(sessionId);
    if (rec.state === 'failed') throw rec.error ?? new UserFacingError('The recording stopped.', 'recording-stopped');
    if (rec.state !== 'recording' && rec.state !== 'paused') {
      throw new UserFacingError('The recording has been stopped; audio sent after Stop is not saved.', 'recording-stopped');
    }
    const index = rec.tracks.findIndex((t) => t.id === trackId);
    if (index < 0) throw new UserFacingError(`The recording has no track ${trackId}.`, 'track-not-found');
    const track = rec.tracks[index]!;
    const accepted = rec.writer.write(`${index}-${track.source}`, pcm);
    if (rec.state === 'recording' && rec.live) this.feedLive(rec, track, pcm);
    return accepted;
  }

  whenDrained(sessionId: string): Promise<void> {
    return this.get(sessionId).writer.whenDrained();
  }

  async pause(sessionId: string): Promise<void> {
    const rec = this.get(sessionId);
    if (rec.state !== 'recording') return;
    await rec.writer.pause();
    rec.state = 'paused';
  }

  async resume(sessionId: string): Promise<void> {
    const rec = this.get(sessionId);
    if (rec.state !== 'paused') return;
    await rec.writer.resume();
    rec.state = 'recording';
  }

  /** Stops recording; resolves once the files are final and the transcript's tail is stored. */
  async stop(sessionId: string): Promise<RecordingStatus> {
    const rec = this.get(sessionId);
    await this.finish(rec, 'complete');
    return this.status(sessionId);
  }

  status(sessionId: string): RecordingStatus {
    const rec = this.get(sessionId);
    const tracks = recordedLengths(rec);
    return {
      sessionId,
      state: rec.state,
      elapsedSec: Math.max(0, ...tracks.map((t) => t.recordedSec)),
      backlogSec: rec.live?.backlogSec ?? 0,
      liveTranscription: rec.live !== null,
      error: rec.error ? { code: rec.error.code, message: rec.error.message } : null,
      tracks,
    };
  }

  /** What a reloaded window needs to pick up the recordings still running: their tracks, how much each holds, and state. */
  activeRecordings(): { sessionId: string; state: RecordingState; tracks: (Omit<StartedTrack, 'path'> & { recordedSec: number })[] }[] {
    return [...this.active.values()]
      .filter((r) => r.state === 'recording' || r.state === 'paused')
      .map((r) => {
        const lengths = recordedLengths(r);
        return { sessionId: r.sessionId, state: r.state, tracks: r.tracks.map(({ path: _path, ...t }, i) => ({ ...t, recordedSec: lengths[i]!.recordedSec })) };
      });
  }

  /** Sessions being recorded now (at most one in the app, but nothing here depends on that). */
  activeSessions(): string[] {
    return [...this.active.values()].filter((r) => r.state === 'recording' || r.state === 'paused').map((r) => r.sessionId);
  }

  /** Stops everything (app quit): files and journals are finalized. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.active.values()].map((rec) => this.finish(rec, 'complete')));
  }

  private finish(rec: ActiveRecording, status: 'complete' | 'failed'): Promise<RecordingSummary> {
    rec.finished ??= (async () => {
      if (rec.state !== 'failed') rec.state = 'finishing';
      const summary = await rec.writer.stop();
      await Promise.all(rec.feed.values());
      if (rec.live) {
        // The last few milliseconds the resamplers held back for look-ahead.
        for (const track of rec.tracks) {
          const tail = await rec.resamplers.get(track.id)!.flush().catch(() => new Float32Array(0));
          if (tail.length > 0) rec.live.push(track.id, tail);
        }
        await rec.live.stop();
      }
      await this.opts.store.finishSession(rec.sessionId, {
        status: summary.error ? 'failed' : status,
        endedAt: summary.stoppedAt,
        tracks: summary.tracks.map((t, i) => ({ id: rec.tracks[i]!.id, durationSec: t.durationSec })),
      });
      if (rec.state !== 'failed') rec.state = 'stopped';
      return summary;
    })();
    return rec.finished;
  }

  private feedLive(rec: ActiveRecording, track: StartedTrack, pcm: Int16Array): void {
    const float = new Float32Array(pcm.length);
    for (let i = 0; i < pcm.length; i++) float[i] = pcm[i]! / 32768;
    const resampler = rec.resamplers.get(track.id)!;
    const previous = rec.feed.get(track.id) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        const at16k = await resampler.push(float);
        // Stop waits for these feeds before it ends live transcription, so the last chunk counts.
        if (at16k.length > 0) rec.live?.push(track.id, at16k);
      })
      .catch(() => {
        // A chunk that cannot be converted is still on disk; only its live transcript is missing.
      });
    rec.feed.set(track.id, next);
  }

  private get(sessionId: string): ActiveRecording {
    const rec = this.active.get(sessionId);
    if (!rec) throw new UserFacingError(`No recording is running for session ${sessionId}.`, 'recording-not-found');
    return rec;
  }
}
