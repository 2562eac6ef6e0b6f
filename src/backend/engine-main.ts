import { UserFacingError } from '../core/errors.js';
import { loadEngine } from '../core/transcribe/engine/load-engine.js';
import type { LoadedModel } from '../core/transcribe/engine/whisper-engine.js';
import { engineRequestSchema, type EngineReply } from './engine-protocol.js';
import { engineTransport } from './engine-transport.js';

/**
 * The engine process: whisper.cpp and nothing else. A native crash (or a kill) here ends only
 * this process; the backend's engine client starts a new one and the recording goes on.
 */
const transport = await engineTransport();
const reply = (message: EngineReply) => transport.send(message);
const engine = loadEngine();
const models = new Map<number, LoadedModel>();
const aborts = new Map<number, AbortController>();
// The backend went away (it stopped or crashed): an engine with nobody to answer has no reason to stay.
transport.onClosed(() => process.exit(0));

transport.onMessage((raw) => {
  const parsed = engineRequestSchema.safeParse(raw);
  if (!parsed.success) return; // nothing to answer: the id itself may be what is malformed
  const request = parsed.data;
  if (request.op === 'abort') {
    aborts.get(request.id)?.abort();
    return;
  }
  void run(request).then(
    (value) => reply({ kind: 'result', id: request.id, value }),
    (err: unknown) =>
      reply({
        kind: 'error',
        id: request.id,
        message: err instanceof Error ? err.message : String(err),
        ...(err instanceof UserFacingError ? { code: err.code } : {}),
      }),
  );
});

async function run(request: Exclude<ReturnType<typeof engineRequestSchema.parse>, { op: 'abort' }>): Promise<unknown> {
  switch (request.op) {
    case 'describe':
      return { kind: engine.kind, description: engine.description };
    case 'loadModel': {
      const model = await engine.loadModel(request.modelPath, { useGpu: request.useGpu });
      models.set(request.id, model);
      return { modelId: request.id, info: model.info };
    }
    case 'transcribe': {
      const controller = new AbortController();
      aborts.set(request.id, controller);
      try {
        return await modelOf(request.modelId).transcribe(request.pcm, {
          ...request.options,
          signal: controller.signal,
          onProgress: (percent) => reply({ kind: 'progress', id: request.id, percent }),
        });
      } finally {
        aborts.delete(request.id);
      }
    }
    case 'benchEncode':
      return modelOf(request.modelId).benchEncode(request.threads);
    case 'release': {
      const model = models.get(request.modelId);
      models.delete(request.modelId);
      await model?.release();
      return null;
    }
    case 'detectSpeech':
      return engine.detectSpeech(request.pcm, request.vad);
  }
}

function modelOf(modelId: number): LoadedModel {
  const model = models.get(modelId);
  if (!model) throw new Error(`model ${modelId} is not loaded in this engine process`);
  return model;
}
