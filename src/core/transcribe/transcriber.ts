import os from 'node:os';
import { UserFacingError } from '../errors.js';
import type { Segment, Transcript } from '../transcript/transcript.js';
import { rawToSegment } from './raw-to-transcript.js';
import { guardSegments } from './segment-guards.js';
import type { LoadedModel, SpeechSpan, VadOptions, WhisperEngine } from './engine/whisper-engine.js';

export const SAMPLE_RATE = 16_000;

export interface TranscribeJob {
  /** 16 kHz mono samples. */
  pcm: Float32Array;
  /** Label for every segment (track-based speaker: 'You', 'Them', a name), or null. */
  speaker?: string | null;
  /** Seconds added to every time (a chunk's position in its recording). */
  offsetSec?: number;
  language?: string;
  initialPrompt?: string;
  /** false: the caller already cut the audio to speech, so whisper.cpp's own VAD is not run again. */
  vad?: boolean;
  signal?: AbortSignal;
  onProgress?: (percent: number) => void;
  /**
   * `background` (transcribing a stored session): runs only when no other job waits, so a live
   * recording's chunk waits at most for the one background piece already running. Default `live`.
   */
  priority?: 'live' | 'background';
}

export interface TranscriberOptions {
  engine: WhisperEngine;
  modelPath: string;
  /** Silero VAD model; when set, silence is skipped before decoding. */
  vadModelPath?: string | null;
  threads?: number;
  wordTimestamps?: boolean;
  /** Left out: whisper.cpp's default (on where the backend supports it). */
  flashAttention?: boolean;
}

export function defaultThreads(): number {
  return Math.max(1, Math.min(8, os.availableParallelism?.() ?? os.cpus().length));
}

/**
 * Keeps one model loaded across jobs and runs jobs one at a time (whisper.cpp already uses every core
 * for one job; running two would only thrash the caches). Live jobs go before background ones.
 */
export class Transcriber {
  private model: Promise<LoadedModel> | undefined;
  private readonly waiting: { live: (() => void)[]; background: (() => void)[] } = { live: [], background: [] };
  private running: Promise<unknown> | null = null;
  private pending = 0;

  constructor(private readonly options: TranscriberOptions) {}

  get engine(): WhisperEngine {
    return this.options.engine;
  }

  /** Speech spans by the configured Silero VAD model, or null when none is configured. */
  async detectSpeech(pcm: Float32Array): Promise<SpeechSpan[] | null> {
    const modelPath = this.options.vadModelPath;
    return modelPath ? this.options.engine.detectSpeech(pcm, { modelPath }) : null;
  }

  /** Jobs waiting or running. */
  get backlog(): number {
    return this.pending;
  }

  loadedModel(): Promise<LoadedModel> {
    this.model ??= this.options.engine.loadModel(this.options.modelPath, flashAttentionOption(this.options.flashAttention)).catch((cause) => {
      this.model = undefined;
      throw new UserFacingError(`Could not load the Whisper model ${this.options.modelPath}: ${(cause as Error).message}`, 'model-load-failed', { cause });
    });
    return this.model;
  }

  transcribe(job: TranscribeJob): Promise<Transcript> {
    this.pending++;
    const turn = new Promise<void>((resolve) => this.waiting[job.priority ?? 'live'].push(resolve));
    const run = turn.then(() => this.run(job));
    const settled = run.catch(() => undefined).then(() => {
      this.running = null;
      this.next();
    });
    void turn.then(() => (this.running = settled));
    this.next();
    return run.finally(() => {
      this.pending--;
    });
  }

  /** Starts the next job when none runs: the oldest live one, else the oldest background one. */
  private next(): void {
    if (this.running) return;
    const start = this.waiting.live.shift() ?? this.waiting.background.shift();
    if (!start) return;
    // Marked busy at once, before the promise callbacks run, so two calls in one tick start one job.
    this.running = Promise.resolve();
    start();
  }

  /** Resolves when no job runs or waits. */
  private async idle(): Promise<void> {
    while (this.running || this.waiting.live.length > 0 || this.waiting.background.length > 0) await this.running;
  }

  private async run(job: TranscribeJob): Promise<Transcript> {
    if (job.signal?.aborted) throw cancelled();
    const durationSec = job.pcm.length / SAMPLE_RATE;
    if (job.pcm.length === 0) return { durationSec: 0, language: job.language ?? null, segments: [] };
    const model = await this.loadedModel();
    const language = job.language ?? (model.info.multilingual ? 'auto' : 'en');
    if (!model.info.multilingual && language !== 'en') {
      throw new UserFacingError(`The model ${model.path} is English-only; choose a multilingual model to transcribe "${language}".`, 'model-english-only');
    }
    const vad: VadOptions | undefined = this.options.vadModelPath && job.vad !== false ? { modelPath: this.options.vadModelPath } : undefined;
    let raw;
    try {
      raw = await model.transcribe(job.pcm, {
        threads: this.options.threads ?? defaultThreads(),
        language,
        wordTimestamps: this.options.wordTimestamps ?? true,
        initialPrompt: job.initialPrompt,
        vad,
        signal: job.signal,
        onProgress: job.onProgress,
      });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_CANCELLED' || job.signal?.aborted) throw cancelled();
      throw err;
    }
    const kept = guardSegments(raw.segments, { pcm: job.pcm, sampleRate: SAMPLE_RATE });
    const offset = job.offsetSec ?? 0;
    // Whisper can place a last timestamp past the audio's end; clamp to what was heard.
    const segments: Segment[] = kept
      .map((s) => ({ ...s, start: Math.min(s.start, durationSec), end: Math.min(s.end, durationSec) }))
      .map((s) => rawToSegment(s, job.speaker ?? null, offset));
    job.onProgress?.(100);
    return { durationSec, language: raw.language === 'auto' ? null : raw.language, segments };
  }

  async dispose(): Promise<void> {
    const model = this.model;
    this.model = undefined;
    await this.idle();
    if (model) await (await model.catch(() => undefined))?.release();
  }
}

function cancelled(): UserFacingError {
  return new UserFacingError('Transcription was cancelled.', 'cancelled');
}

function flashAttentionOption(flashAttention: boolean | undefined): { flashAttention?: boolean } {
  return flashAttention === undefined ? {} : { flashAttention };
}
