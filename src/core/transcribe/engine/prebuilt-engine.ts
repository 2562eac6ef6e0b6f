import { createRequire } from 'node:module';
import type { EngineTranscribeOptions, LoadedModel, SpeechSpan, VadOptions, WhisperEngine } from './whisper-engine.js';

// The prebuilt @fugood/whisper.node binary: portable but built without this CPU's vector
// extensions (~28x slower encode measured here), so it is only the fallback when no native build exists.
interface FugoodTask<T> {
  stop(): Promise<void>;
  promise: Promise<T>;
}
interface FugoodContext {
  transcribeData(pcm16: ArrayBuffer, options: Record<string, unknown>): FugoodTask<{
    language?: string;
    segments: { text: string; t0: number; t1: number }[];
    isAborted: boolean;
  }>;
  bench(threads: number): Promise<{ encodeMs: number }>;
  release(): Promise<void>;
  getModelInfo(): Record<string, unknown>;
}
interface FugoodVadContext {
  detectSpeechData(pcm16: ArrayBuffer, options: Record<string, unknown>): Promise<{ t0: number; t1: number }[]>;
  release(): Promise<void>;
}
interface FugoodModule {
  initWhisper(options: { filePath: string; useGpu?: boolean }): Promise<FugoodContext>;
  initWhisperVad(options: { filePath: string; nThreads?: number; useGpu?: boolean }): Promise<FugoodVadContext>;
}

function toPcm16(pcm: Float32Array): ArrayBuffer {
  const out = new Int16Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) {
    const s = Math.max(-1, Math.min(1, pcm[i]!));
    out[i] = s < 0 ? s * 0x8000 : s * 0x7fff;
  }
  return out.buffer;
}

export function loadPrebuiltEngine(): WhisperEngine {
  const fugood = createRequire(import.meta.url)('@fugood/whisper.node') as FugoodModule;
  return {
    kind: 'prebuilt',
    description: 'prebuilt @fugood/whisper.node (portable build, no CPU-specific vector code)',
    async loadModel(modelPath, options) {
      const ctx = await fugood.initWhisper({ filePath: modelPath, useGpu: options?.useGpu ?? true });
      const info = ctx.getModelInfo();
      const model: LoadedModel = {
        path: modelPath,
        info: { type: String(info.type ?? 'unknown'), multilingual: Boolean(info.isMultilingual ?? info.multilingual) },
        async transcribe(pcm, options: EngineTranscribeOptions) {
          const task = ctx.transcribeData(toPcm16(pcm), {
            language: options.language,
            maxThreads: options.threads,
            tokenTimestamps: false,
            prompt: options.initialPrompt,
            onProgress: options.onProgress,
          });
          const onAbort = () => void task.stop();
          options.signal?.addEventListener('abort', onAbort, { once: true });
          try {
            const r = await task.promise;
            if (r.isAborted || options.signal?.aborted) throw Object.assign(new Error('cancelled'), { code: 'ERR_CANCELLED' });
            return {
              language: r.language ?? options.language,
              // This binding reports milliseconds and no token timings.
              segments: r.segments.map((s) => ({ start: s.t0 / 1000, end: s.t1 / 1000, text: s.text, noSpeechProb: null, tokens: [] })),
            };
          } finally {
            options.signal?.removeEventListener('abort', onAbort);
          }
        },
        async benchEncode(threads) {
          return (await ctx.bench(threads)).encodeMs;
        },
        release: () => ctx.release(),
      };
      return model;
    },
    async detectSpeech(pcm, vad: VadOptions): Promise<SpeechSpan[]> {
      const ctx = await fugood.initWhisperVad({ filePath: vad.modelPath, nThreads: 1, useGpu: false });
      try {
        const spans = await ctx.detectSpeechData(toPcm16(pcm), {
          threshold: vad.threshold,
          minSpeechDurationMs: vad.minSpeechMs,
          minSilenceDurationMs: vad.minSilenceMs,
          speechPadMs: vad.speechPadMs,
          maxSpeechDurationS: vad.maxSpeechSec,
        });
        return spans.map((s) => ({ start: s.t0 / 100, end: s.t1 / 100 }));
      } finally {
        await ctx.release();
      }
    },
  };
}
