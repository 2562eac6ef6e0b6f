/** What Debrief needs from a whisper.cpp binding; the native build and the prebuilt fallback both provide it. */
export interface VadOptions {
  modelPath: string;
  threshold?: number;
  minSpeechMs?: number;
  minSilenceMs?: number;
  speechPadMs?: number;
  maxSpeechSec?: number;
}

export interface EngineTranscribeOptions {
  threads: number;
  /** 'en', 'de', … or 'auto' to detect (multilingual models only). */
  language: string;
  wordTimestamps: boolean;
  initialPrompt?: string;
  vad?: VadOptions;
  signal?: AbortSignal;
  /** 0–100 */
  onProgress?: (percent: number) => void;
}

export interface RawToken {
  text: string;
  start: number;
  end: number;
  p: number;
}

export interface RawSegment {
  start: number;
  end: number;
  text: string;
  noSpeechProb: number | null;
  tokens: RawToken[];
}

export interface RawTranscription {
  language: string;
  segments: RawSegment[];
}

export interface ModelInfo {
  type: string;
  multilingual: boolean;
  /** How whisper.cpp was asked to run the model (the native engine reports it). */
  flashAttention?: boolean;
  useGpu?: boolean;
}

export interface LoadedModel {
  readonly path: string;
  readonly info: ModelInfo;
  /** The samples are read in place by the native engine: leave them unchanged until the promise settles. */
  transcribe(pcm16kMono: Float32Array, options: EngineTranscribeOptions): Promise<RawTranscription>;
  /** Milliseconds to encode one 30-s window, as whisper.cpp's bench measures it. */
  benchEncode(threads: number): Promise<number>;
  release(): Promise<void>;
}

export interface SpeechSpan {
  start: number;
  end: number;
}

export interface WhisperEngine {
  readonly kind: 'native' | 'prebuilt';
  /** Human-readable build facts (CPU features compiled in). */
  readonly description: string;
  /** The ggml-cpu variant a dispatched build loaded for this CPU (haswell, zen4, …); absent for a single-CPU build. */
  readonly cpuVariant?: string;
  /** Options left out take whisper.cpp's defaults (GPU where present, flash attention on). */
  loadModel(modelPath: string, options?: { useGpu?: boolean; flashAttention?: boolean }): Promise<LoadedModel>;
  detectSpeech(pcm16kMono: Float32Array, vad: VadOptions): Promise<SpeechSpan[]>;
}
