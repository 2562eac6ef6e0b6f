import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineTranscribeOptions, LoadedModel, RawTranscription, SpeechSpan, VadOptions, WhisperEngine } from './whisper-engine.js';

/** The shape of native/src/addon.cpp's exports. */
interface NativeModel {
  transcribe(pcm: Float32Array, options: Record<string, unknown>): Promise<RawTranscription & { elapsedMs: number }>;
  benchEncode(threads: number): Promise<number>;
  info(): { type: string; multilingual: boolean };
  release(): void;
}
interface NativeBinding {
  loadModel(path: string, options: { useGpu: boolean }): Promise<NativeModel>;
  detectSpeech(vadModelPath: string, pcm: Float32Array, options: Record<string, unknown>): Promise<SpeechSpan[]>;
  systemInfo(): string;
  setVerbose(verbose: boolean): void;
}

/** Where `npm install` (scripts/build-engine.mjs) puts the addon; DEBRIEF_WHISPER_ADDON overrides it. */
export function nativeAddonPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DEBRIEF_WHISPER_ADDON) return path.resolve(env.DEBRIEF_WHISPER_ADDON);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  // Walk up to the package root: this file runs from src/ in tests and from dist/ or out/ when built.
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'native', 'build', 'debrief_whisper.node');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.join(process.cwd(), 'native', 'build', 'debrief_whisper.node');
}

export function loadNativeEngine(addonPath = nativeAddonPath()): WhisperEngine {
  const binding = createRequire(import.meta.url)(addonPath) as NativeBinding;
  binding.setVerbose(process.env.DEBRIEF_WHISPER_VERBOSE === '1');
  return {
    kind: 'native',
    description: `whisper.cpp built for this CPU (${binding.systemInfo().trim()})`,
    async loadModel(modelPath, options) {
      const model = await binding.loadModel(modelPath, { useGpu: options?.useGpu ?? true });
      return wrapModel(modelPath, model);
    },
    detectSpeech(pcm, vad) {
      return binding.detectSpeech(vad.modelPath, pcm, vadParams(vad));
    },
  };
}

function vadParams(vad: VadOptions): Record<string, unknown> {
  return { ...vad };
}

function wrapModel(modelPath: string, model: NativeModel): LoadedModel {
  return {
    path: modelPath,
    info: model.info(),
    async transcribe(pcm, options: EngineTranscribeOptions) {
      // The addon polls this cell from its worker thread; flipping it stops whisper.cpp between graph steps.
      const cancel = new Int32Array(1);
      const onAbort = () => {
        cancel[0] = 1;
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.signal?.aborted) cancel[0] = 1;
      try {
        const raw = await model.transcribe(pcm, {
          threads: options.threads,
          language: options.language,
          wordTimestamps: options.wordTimestamps,
          initialPrompt: options.initialPrompt,
          vad: options.vad ? vadParams(options.vad) : undefined,
          cancel,
          onProgress: options.onProgress,
        });
        return { language: raw.language, segments: raw.segments };
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    },
    benchEncode: (threads) => model.benchEncode(threads),
    async release() {
      model.release();
    },
  };
}
