import { importRecording } from '../core/capture/import-recording.js';
import { UserFacingError } from '../core/errors.js';
import { modelsDir } from '../core/app-paths.js';
import { loadEngine } from '../core/transcribe/engine/load-engine.js';
import { createModelManager } from '../core/transcribe/models/model-manager.js';
import { resolveTranscriptionModels } from '../core/transcribe/models/resolve-transcription-models.js';
import { Transcriber } from '../core/transcribe/transcriber.js';
import { getSession, replaceSessionTranscript, type Database } from '../db/index.js';
import type { CaptureDeps } from './handlers/capture-handlers.js';
import { findTrackAudioPath } from './media/track-audio-path.js';

/** One session's background transcription, as the renderer polls it. */
export interface TranscriptionJobView {
  sessionId: string;
  /** The model asked for; null: the default. */
  model: string | null;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  /** 0..1 of the session's audio transcribed. */
  fraction: number;
  segmentCount: number | null;
  error: { code: string; message: string } | null;
}

export interface SessionTranscriptionDeps {
  db: Database;
  home: string;
  /** The transcriber for a model name (undefined: the default one, shared with live transcription), or null when none is installed. */
  transcriberFor: (model: string | undefined) => Promise<Transcriber | null>;
  onError?: (message: string, error: unknown) => void;
  /** Frees what `transcriberFor` loaded beyond the shared transcriber (called by `dispose`). */
  release?: () => Promise<void>;
}

interface Job {
  view: TranscriptionJobView;
  abort: AbortController;
}

/**
 * "Transcribe" and "Transcribe again": stored sessions transcribed from their audio in the background,
 * one at a time, cancellable, with progress. Every piece goes to the transcriber at background priority,
 * so a live recording's chunks are never queued behind a long session. The old transcript stays until
 * the new one is complete (then both swap in one transaction); a failed or cancelled run changes nothing.
 */
export class SessionTranscriptionQueue {
  private readonly jobs = new Map<string, Job>();
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SessionTranscriptionDeps) {}

  /** Queues the session; refused at once (before queuing) when it has no audio to transcribe. */
  async start(sessionId: string, model?: string): Promise<TranscriptionJobView> {
    const current = this.jobs.get(sessionId);
    if (current && (current.view.state === 'queued' || current.view.state === 'running')) return { ...current.view };
    const tracks = await this.audioTracks(sessionId);
    const job: Job = {
      view: { sessionId, model: model ?? null, state: 'queued', fraction: 0, segmentCount: null, error: null },
      abort: new AbortController(),
    };
    this.jobs.set(sessionId, job);
    this.chain = this.chain.then(() => this.run(job, tracks, model));
    return { ...job.view };
  }

  cancel(sessionId: string): TranscriptionJobView | null {
    const job = this.jobs.get(sessionId);
    if (!job) return null;
    if (job.view.state === 'queued' || job.view.state === 'running') {
      job.abort.abort();
      if (job.view.state === 'queued') job.view.state = 'cancelled';
    }
    return { ...job.view };
  }

  status(sessionId: string): TranscriptionJobView | null {
    const job = this.jobs.get(sessionId);
    return job ? { ...job.view } : null;
  }

  /** Sessions queued or being transcribed (the Interviews list shows them as transcribing). */
  activeSessionIds(): Set<string> {
    return new Set([...this.jobs.values()].filter((j) => j.view.state === 'queued' || j.view.state === 'running').map((j) => j.view.sessionId));
  }

  /** Cancels everything and waits for the running job to stop (app quit). */
  async dispose(): Promise<void> {
    for (const id of this.activeSessionIds()) this.cancel(id);
    await this.chain;
    await this.deps.release?.();
  }

  private async audioTracks(sessionId: string) {
    const session = await getSession(this.deps.db, sessionId);
    if (!session) throw new UserFacingError('That session no longer exists (it may have been deleted).', 'session-not-found');
    if (session.status === 'recording') throw new UserFacingError('This session is still being recorded: it is transcribed live; stop the recording first.', 'session-recording');
    if (session.audioDeletedAt) throw new UserFacingError('The audio of this session was deleted by the retention policy, so it cannot be transcribed again.', 'audio-deleted');
    const found = await Promise.all(session.tracks.map(async (t) => ({ ...t, file: await findTrackAudioPath(this.deps.db, t.id, this.deps.home) })));
    const playable = found.filter((t): t is typeof t & { file: string } => t.file !== undefined);
    if (playable.length === 0) {
      throw new UserFacingError(
        session.tracks.length === 0
          ? 'This session has no audio (it was imported as a transcript), so there is nothing to transcribe.'
          : 'The audio file of this session is missing (it may have been moved or deleted), so it cannot be transcribed.',
        'audio-missing',
      );
    }
    return { tracks: playable, durationSec: session.durationSec ?? 0 };
  }

  private async run(job: Job, audio: Awaited<ReturnType<SessionTranscriptionQueue['audioTracks']>>, model: string | undefined): Promise<void> {
    if (job.abort.signal.aborted) return;
    job.view.state = 'running';
    try {
      const transcriber = await this.deps.transcriberFor(model);
      if (!transcriber) throw new UserFacingError('No Whisper model is installed: download or import one in Settings, then transcribe again.', 'model-missing');
      // A stereo file split into You and Them is one file behind two tracks: transcribed once, split again.
      const byFile = new Map<string, typeof audio.tracks>();
      for (const t of audio.tracks) byFile.set(t.file, [...(byFile.get(t.file) ?? []), t]);
      const files = [...byFile.entries()];
      const total = Math.max(audio.durationSec, 1) * files.length;
      const results = [];
      for (const [index, [file, tracks]] of files.entries()) {
        const imported = await importRecording(file, {
          transcriber,
          splitStereo: tracks.length === 2,
          signal: job.abort.signal,
          priority: 'background',
          onProgress: (doneSec) => (job.view.fraction = Math.min(0.99, (index * Math.max(audio.durationSec, 1) + doneSec) / total)),
        });
        results.push(
          ...imported.tracks.map((t, i) => ({
            trackId: tracks[i]?.id ?? tracks[0]!.id,
            // Each track keeps its speaker's current name.
            segments: t.segments.map((s) => ({ ...s, speaker: tracks[i]?.speakerLabel ?? s.speaker })),
          })),
        );
      }
      if (job.abort.signal.aborted) throw cancelledError();
      job.view.segmentCount = await replaceSessionTranscript(this.deps.db, job.view.sessionId, results);
      job.view.fraction = 1;
      job.view.state = 'done';
    } catch (error) {
      if (job.abort.signal.aborted) {
        job.view.state = 'cancelled';
        return;
      }
      job.view.state = 'failed';
      if (error instanceof UserFacingError) job.view.error = { code: error.code, message: error.message };
      else {
        this.deps.onError?.(`transcribing session ${job.view.sessionId} failed`, error);
        job.view.error = { code: 'transcription-failed', message: `Transcription failed: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
  }
}

function cancelledError(): Error {
  return Object.assign(new Error('cancelled'), { code: 'ERR_CANCELLED' });
}

/**
 * The queue the app uses: the default model is the transcriber live recording already keeps loaded
 * (so its jobs share one priority queue); another model is loaded on the same engine when asked
 * for, one at a time.
 */
export function createSessionTranscription(opts: {
  db: Database;
  home: string;
  capture: Pick<CaptureDeps, 'transcriber'>;
  onError?: (message: string, error: unknown) => void;
}): SessionTranscriptionQueue {
  const manager = createModelManager({ modelsDir: modelsDir(opts.home) });
  let other: { model: string; transcriber: Transcriber } | undefined;
  return new SessionTranscriptionQueue({
    db: opts.db,
    home: opts.home,
    onError: opts.onError,
    release: async () => {
      await other?.transcriber.dispose();
      other = undefined;
    },
    transcriberFor: async (model) => {
      const shared = await opts.capture.transcriber();
      if (model === undefined) return shared;
      if (other?.model === model) return other.transcriber;
      const resolved = await resolveTranscriptionModels(manager, { model });
      await other?.transcriber.dispose();
      const transcriber = new Transcriber({ engine: shared?.engine ?? loadEngine(), modelPath: resolved.modelPath, vadModelPath: resolved.vadModelPath });
      other = { model, transcriber };
      return transcriber;
    },
  });
}
