import { z } from 'zod';

/**
 * Backend ⇄ engine process messages. PCM travels as Float32Array (structured clone), never JSON.
 * Options are the engine's own minus what cannot cross a process (the abort signal and progress
 * callback become `abort` requests and `progress` events).
 */
const requestId = z.number().int().nonnegative();
const pcm = z.custom<Float32Array>((value) => value instanceof Float32Array, "PCM must be a Float32Array");
const vad = z.object({
  modelPath: z.string().min(1),
  threshold: z.number().optional(),
  minSpeechMs: z.number().optional(),
  minSilenceMs: z.number().optional(),
  speechPadMs: z.number().optional(),
  maxSpeechSec: z.number().optional(),
});

export const engineRequestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('describe'), id: requestId }),
  z.object({ op: z.literal('loadModel'), id: requestId, modelPath: z.string().min(1), useGpu: z.boolean().optional() }),
  z.object({
    op: z.literal('transcribe'),
    id: requestId,
    modelId: requestId,
    pcm,
    options: z.object({
      threads: z.number().int().positive(),
      language: z.string(),
      wordTimestamps: z.boolean(),
      initialPrompt: z.string().optional(),
      vad: vad.optional(),
    }),
  }),
  z.object({ op: z.literal('benchEncode'), id: requestId, modelId: requestId, threads: z.number().int().positive() }),
  z.object({ op: z.literal('release'), id: requestId, modelId: requestId }),
  z.object({ op: z.literal('detectSpeech'), id: requestId, pcm, vad }),
  z.object({ op: z.literal('abort'), id: requestId }),
]);

export const engineReplySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('result'), id: requestId, value: z.unknown() }),
  z.object({ kind: z.literal('error'), id: requestId, message: z.string(), code: z.string().optional() }),
  z.object({ kind: z.literal('progress'), id: requestId, percent: z.number() }),
]);

export type EngineRequest = z.infer<typeof engineRequestSchema>;
export type EngineReply = z.infer<typeof engineReplySchema>;
