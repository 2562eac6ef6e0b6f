import { UserFacingError } from '../core/errors.js';
import type { EngineTranscribeOptions, LoadedModel, ModelInfo, RawTranscription, SpeechSpan, VadOptions, WhisperEngine } from '../core/transcribe/engine/whisper-engine.js';
import { forkEngine, type EngineLink, type SpawnEngine } from './engine-link.js';
import { engineReplySchema, type EngineRequest } from './engine-protocol.js';

type Pending = { resolve(value: unknown): void; reject(err: Error): void; onProgress?: (percent: number) => void };
type RequestBody = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface EngineProcessOptions {
  /** Starts an engine process; default a Node child process of engine-main.ts (or the built engine.js). */
  spawn?: SpawnEngine;
  /** Told each time an engine process starts (its pid) and ends unexpectedly. */
  onSpawn?: (pid: number) => void;
  onCrash?: (detail: string) => void;
}

/**
 * whisper.cpp in a process of its own (see EngineLink), as a WhisperEngine. When it dies (a native crash, a
 * kill, out of memory) the calls in flight fail with 'engine-crashed' and the next call starts a
 * fresh process, loading the models it needs again, so live transcription resumes with the next chunk.
 */
export function engineProcessEngine(options: EngineProcessOptions = {}): WhisperEngine & { processId(): number | undefined; close(): Promise<void> } {
  const spawnProcess = options.spawn ?? forkEngine();
  let child: (EngineLink & { pid?: number }) | undefined;
  let generation = 0;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const exited: (() => void)[] = [];
  let facts: { kind: 'native' | 'prebuilt'; description: string } | undefined;

  const spawn = (): EngineLink => {
    if (child) return child;
    const started: EngineLink & { pid?: number } = spawnProcess();
    generation++;
    child = started;
    started.onMessage((raw) => {
      const parsed = engineReplySchema.safeParse(raw);
      if (!parsed.success) return;
      const message = parsed.data;
      const waiting = pending.get(message.id);
      if (!waiting) return;
      if (message.kind === 'progress') return waiting.onProgress?.(message.percent);
      pending.delete(message.id);
      if (message.kind === 'result') waiting.resolve(message.value);
      else waiting.reject(message.code ? new UserFacingError(message.message, message.code) : new Error(message.message));
    });
    started.onExit((detail, clean) => {
      if (child === started) child = undefined;
      if (pending.size > 0 || !clean) options.onCrash?.(detail);
      const crashed = new UserFacingError(`The transcription engine stopped (${detail}); it restarts with the next piece of audio.`, 'engine-crashed');
      for (const waiting of pending.values()) waiting.reject(crashed);
      pending.clear();
      for (const done of exited.splice(0)) done();
    });
    started.onStarted((pid) => {
      started.pid = pid;
      options.onSpawn?.(pid);
    });
    return started;
  };

  const call = <T>(body: RequestBody, extra: { onProgress?: (percent: number) => void; signal?: AbortSignal } = {}): Promise<T> => {
    const target = spawn();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => target.send({ op: 'abort', id }, () => undefined);
      extra.signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => extra.signal?.removeEventListener('abort', onAbort);
      pending.set(id, {
        resolve: (value) => (done(), resolve(value as T)),
        reject: (err) => (done(), reject(err)),
        onProgress: extra.onProgress,
      });
      target.send({ ...body, id } as EngineRequest, (err) => {
        if (!pending.has(id)) return;
        pending.delete(id);
        done();
        reject(new UserFacingError('The transcription engine is restarting; try again.', 'engine-crashed', { cause: err }));
      });
    });
  };

  const describe = () => {
    void call<{ kind: 'native' | 'prebuilt'; description: string }>({ op: 'describe' }).then((d) => (facts = d), () => undefined);
  };

  return {
    get kind() {
      return facts?.kind ?? 'native';
    },
    get description() {
      return facts ? `${facts.description} (in its own process)` : 'whisper.cpp (in its own process)';
    },
    async loadModel(modelPath, loadOptions = {}): Promise<LoadedModel> {
      // A model lives in one engine process; after a restart it is loaded again on first use.
      let loaded: { generation: number; modelId: number; info: ModelInfo } | undefined;
      const ensure = async () => {
        spawn();
        if (loaded?.generation === generation) return loaded.modelId;
        const at = generation;
        const result = await call<{ modelId: number; info: ModelInfo }>({ op: 'loadModel', modelPath, useGpu: loadOptions.useGpu });
        loaded = { generation: at, ...result };
        return result.modelId;
      };
      await ensure();
      if (!facts) describe();
      const info = loaded!.info;
      return {
        path: modelPath,
        info,
        async transcribe(pcm: Float32Array, opts: EngineTranscribeOptions): Promise<RawTranscription> {
          const modelId = await ensure();
          const { signal, onProgress, ...wire } = opts;
          return call<RawTranscription>({ op: 'transcribe', modelId, pcm, options: wire }, { signal, onProgress });
        },
        async benchEncode(threads: number): Promise<number> {
          return call<number>({ op: 'benchEncode', modelId: await ensure(), threads });
        },
        async release(): Promise<void> {
          if (loaded?.generation === generation && child) await call({ op: 'release', modelId: loaded.modelId }).catch(() => undefined);
          loaded = undefined;
        },
      };
    },
    detectSpeech(pcm: Float32Array, vad: VadOptions): Promise<SpeechSpan[]> {
      return call<SpeechSpan[]>({ op: 'detectSpeech', pcm, vad });
    },
    processId: () => child?.pid,
    async close() {
      const current = child;
      if (!current) return;
      await new Promise<void>((resolve) => {
        exited.push(resolve);
        current.kill();
      });
    },
  };
}
