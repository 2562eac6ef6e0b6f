import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineTranscribeOptions, LoadedModel, RawTranscription, SpeechSpan, VadOptions, WhisperEngine } from './whisper-engine.js';

/** The shape of native/src/addon.cpp's exports. */
interface NativeModel {
  transcribe(pcm: Float32Array, options: Record<string, unknown>): Promise<RawTranscription & { elapsedMs: number; stateInitMs: number }>;
  benchEncode(threads: number): Promise<number>;
  info(): { type: string; multilingual: boolean; flashAttention: boolean; useGpu: boolean };
  release(): void;
}
export interface NativeBinding {
  loadModel(path: string, options: { useGpu?: boolean; flashAttention?: boolean }): Promise<NativeModel>;
  detectSpeech(vadModelPath: string, pcm: Float32Array, options: Record<string, unknown>): Promise<SpeechSpan[]>;
  systemInfo(): string;
  setVerbose(verbose: boolean): void;
  /** How many times a VAD model was read from disk (they stay loaded). */
  vadLoads(): number;
  /** Only in the dispatched build (scripts/build-engine.mjs --dispatch): loads the best CPU variant, or the one named. */
  loadBackends?(dir: string, cpuVariant?: string): { cpuVariant: string; gpuBackends: string[] };
}

/**
 * Where `npm install` (scripts/build-engine.mjs) puts the addon, else where its --dispatch build does
 * (what a package ships); DEBRIEF_WHISPER_ADDON overrides both.
 */
export function nativeAddonPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DEBRIEF_WHISPER_ADDON) return path.resolve(env.DEBRIEF_WHISPER_ADDON);
  // This file runs from src/ in tests and from dist/ or out/ (inside app.asar in a package) when built.
  return findAddonAbove(path.dirname(fileURLToPath(import.meta.url))) ?? path.join(process.cwd(), 'native', 'build', 'debrief_whisper.node');
}

/** The build folders looked in, in order: this machine's own build, then the dispatched one a package ships. */
export const ADDON_BUILDS = [['build'], ['build-dispatch', 'bin']] as const;

/** Walks up from `start` to the package root looking for the addon in each of ADDON_BUILDS. */
export function findAddonAbove(start: string, exists: (file: string) => boolean = fs.existsSync): string | undefined {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    for (const build of ADDON_BUILDS) {
      const candidate = path.join(dir, 'native', ...build, 'debrief_whisper.node');
      if (exists(candidate)) return candidate;
    }
    dir = path.dirname(dir);
  }
  return undefined;
}

/**
 * Electron reads app.asar/… paths from the archive, and loads an unpacked .node from beside it, but
 * the addon's own dlopen of the ggml CPU variants needs the real folder: app.asar.unpacked/….
 */
export function unpackedDir(dir: string): string {
  return dir.replace(/\.asar(?=[\\/]|$)/, '.asar.unpacked');
}

export function loadNativeBinding(addonPath = nativeAddonPath()): NativeBinding {
  return createRequire(import.meta.url)(addonPath) as NativeBinding;
}

/** DEBRIEF_ENGINE_CPU_VARIANT forces a dispatched build's CPU variant (to test an older CPU's code path). */
export function loadNativeEngine(addonPath = nativeAddonPath(), cpuVariant = process.env.DEBRIEF_ENGINE_CPU_VARIANT): WhisperEngine {
  const binding = loadNativeBinding(addonPath);
  binding.setVerbose(process.env.DEBRIEF_WHISPER_VERBOSE === '1');
  // The backends must be loaded before the first model: a dispatched build has no CPU code until then.
  const backends = binding.loadBackends?.(unpackedDir(path.dirname(addonPath)), cpuVariant || undefined);
  const built = backends ? `dispatched, CPU variant ${backends.cpuVariant}${backends.gpuBackends.map((g) => `, ${g}`).join('')}` : 'built for this CPU';
  return {
    kind: 'native',
    description: `whisper.cpp ${built} (${binding.systemInfo().trim()})`,
    cpuVariant: backends?.cpuVariant,
    async loadModel(modelPath, options) {
      const model = await binding.loadModel(modelPath, { useGpu: options?.useGpu, flashAttention: options?.flashAttention });
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
