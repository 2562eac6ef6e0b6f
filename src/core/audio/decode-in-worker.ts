import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Runs audio-decode in a worker thread. Damaged files can send a decoder into a loop or make it
 * grow a JS array until V8 aborts the whole process (seen while fuzzing); in a worker, a hang is
 * ended by terminate() and an out-of-memory kills only the worker. Sample buffers are transferred,
 * not copied. The worker source is inline so it works the same under tsx, vitest and Electron.
 */

export interface RawDecoded {
  channelData: Float32Array[];
  sampleRate: number;
}

/** Why the worker gave up: the decoder threw, ran out of its memory budget, or took too long. */
export class DecodeFailure extends Error {
  constructor(
    message: string,
    readonly reason: 'decoder-error' | 'out-of-memory' | 'timeout',
  ) {
    super(message);
    this.name = 'DecodeFailure';
  }
}

/** JS heap for the decoder; sample and WASM buffers live outside it, so this only caps runaway parsers. */
const WORKER_HEAP_MB = 512;

const decoderUrl = pathToFileURL(createRequire(import.meta.url).resolve('audio-decode')).href;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.decoderUrl).then(async ({ default: decode }) => {
  try {
    const r = await decode(new Uint8Array(workerData.bytes));
    const buffers = [...new Set(r.channelData.map((c) => c.buffer))];
    parentPort.postMessage({ ok: true, sampleRate: r.sampleRate, channelData: r.channelData }, buffers);
  } catch (e) {
    parentPort.postMessage({ ok: false, message: String((e && e.message) || e) });
  }
});
`;

type WorkerReply = { ok: true; sampleRate: number; channelData: Float32Array[] } | { ok: false; message: string };

/** Decodes whole-file `bytes` (any format audio-decode knows). The bytes' buffer is transferred away. */
export function decodeInWorker(bytes: Uint8Array, timeoutMs: number): Promise<RawDecoded> {
  // Transfer needs a buffer of our own; a view into a shared (pooled) buffer is copied first.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  const buffer = own.buffer as ArrayBuffer;
  return new Promise<RawDecoded>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { decoderUrl, bytes: buffer },
      transferList: [buffer],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => settle(() => reject(new DecodeFailure(`decoding did not finish within ${Math.round(timeoutMs / 1000)} s`, 'timeout'))),
      timeoutMs,
    );
    worker.once('message', (reply: WorkerReply) =>
      settle(() => (reply.ok ? resolve({ sampleRate: reply.sampleRate, channelData: reply.channelData }) : reject(new DecodeFailure(reply.message, 'decoder-error')))),
    );
    worker.once('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new DecodeFailure(`the decoder ran out of memory (over ${WORKER_HEAP_MB} MB)`, 'out-of-memory')
            : new DecodeFailure(err.message, 'decoder-error'),
        ),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new DecodeFailure(`the decoder stopped unexpectedly (exit code ${code})`, 'decoder-error'))));
  });
}
