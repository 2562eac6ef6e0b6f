import { modelsDir, recordingsDir } from '../core/app-paths.js';
import { CaptureService } from '../core/capture/capture-service.js';
import { recoverIntoSessions, type RecoveryNotice } from '../core/capture/recover-into-sessions.js';
import { findUnfinishedRecordings } from '../core/capture/recover-recordings.js';
import { loadEngine } from '../core/transcribe/engine/load-engine.js';
import type { WhisperEngine } from '../core/transcribe/engine/whisper-engine.js';
import { energySpeechDetector, type SpeechDetector } from '../core/transcribe/live-transcriber.js';
import { createModelManager } from '../core/transcribe/models/model-manager.js';
import { resolveTranscriptionModels } from '../core/transcribe/models/resolve-transcription-models.js';
import { Transcriber } from '../core/transcribe/transcriber.js';
import { recordingStore, type Database } from '../db/index.js';
import type { CaptureDeps } from './handlers/capture-handlers.js';
import { readDefaultModel } from './handlers/model-handlers.js';

export interface CaptureSetupOptions {
  db: Database;
  home: string;
  /** Model files to use instead of the best installed ones (tests, `DEBRIEF_MODEL`). */
  modelPath?: string;
  vadModelPath?: string | null;
  threads?: number;
  engine?: () => WhisperEngine;
  /** The install's data key (the store's): recordings are then encrypted at rest. */
  encryptionKey?: Buffer;
  onError?: (message: string, err: unknown) => void;
}

/**
 * Recording for the app, Electron-free so tests run the same thing: one Transcriber (the model stays
 * loaded across live chunks and imports), Silero VAD to cut live audio when installed (frame energy
 * otherwise), and recovery of recordings a crash left open, started at launch.
 */
export async function setUpCapture(opts: CaptureSetupOptions): Promise<CaptureDeps & { dispose(): Promise<void> }> {
  const store = recordingStore(opts.db);
  let transcriberPromise: Promise<{ transcriber: Transcriber; detectSpeech: SpeechDetector } | null> | undefined;

  const loadTranscriber = () =>
    (transcriberPromise ??= (async () => {
      try {
        const models = createModelManager({ modelsDir: modelsDir(opts.home) });
        const resolved = opts.modelPath
          ? { modelPath: opts.modelPath, vadModelPath: opts.vadModelPath ?? null }
          : await resolveTranscriptionModels(models, { model: process.env.DEBRIEF_MODEL ?? (await readDefaultModel(opts.db)) });
        const engine = (opts.engine ?? loadEngine)();
        const transcriber = new Transcriber({ engine, modelPath: resolved.modelPath, vadModelPath: resolved.vadModelPath, threads: opts.threads });
        await transcriber.loadedModel();
        const vadModelPath = resolved.vadModelPath;
        const detectSpeech: SpeechDetector = vadModelPath ? (pcm) => engine.detectSpeech(pcm, { modelPath: vadModelPath }) : energySpeechDetector();
        return { transcriber, detectSpeech };
      } catch (err) {
        // No model installed (or a broken one): recording still works, live transcription is off.
        opts.onError?.('live transcription is unavailable', err);
        transcriberPromise = undefined;
        return null;
      }
    })());

  const fallbackDetector = energySpeechDetector();
  const service = new CaptureService({
    recordingsDir: recordingsDir(opts.home),
    store,
    encryptionKey: opts.encryptionKey,
    transcriber: async () => (await loadTranscriber())?.transcriber ?? null,
    detectSpeech: async (pcm) => ((await loadTranscriber())?.detectSpeech ?? fallbackDetector)(pcm),
    onLiveError: (sessionId, err) => opts.onError?.(`live transcription of session ${sessionId} failed`, err),
  });

  // Which recordings a crash left open is known before anything can start a new one; recovering them
  // (and transcribing what live transcription missed) runs in the background, so the window need not wait.
  const quitting = new AbortController();
  const unfinished = await findUnfinishedRecordings(recordingsDir(opts.home)).catch((err: unknown) => {
    opts.onError?.('could not look for interrupted recordings', err);
    return [];
  });
  const recovery: Promise<RecoveryNotice[]> =
    unfinished.length === 0
      ? Promise.resolve([])
      : (async () =>
          recoverIntoSessions({
            recordingsDir: recordingsDir(opts.home),
            store,
            unfinished,
            // Loaded only when there is something to recover, not at every launch.
            transcriber: (await loadTranscriber())?.transcriber ?? null,
            signal: quitting.signal,
            encryptionKey: opts.encryptionKey,
            onError: (dir, err) => opts.onError?.(`could not recover the recording in ${dir}`, err),
          }))();

  return {
    service,
    transcriber: async () => (await loadTranscriber())?.transcriber ?? null,
    recoveryNotices: () => recovery,
    dispose: async () => {
      quitting.abort();
      await recovery.catch(() => undefined);
      await service.stopAll();
      await (await transcriberPromise)?.transcriber.dispose();
    },
  };
}
