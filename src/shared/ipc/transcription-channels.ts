import { z } from 'zod';
import { id, type ChannelSpecs } from './primitives.js';

/** "Transcribe" / "Transcribe again" on a stored session: a background queue with progress and cancel. */

export const transcriptionJobSchema = z.object({
  sessionId: id,
  model: z.string().nullable(),
  state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  fraction: z.number().min(0).max(1),
  segmentCount: z.number().int().nonnegative().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export const transcriptionChannels = {
  /** Queues the session; `model` another installed model than the default ("Transcribe again"). */
  'transcription:start': {
    input: z.object({ sessionId: id, model: z.string().trim().min(1, 'choose a model').max(200).optional() }).strict(),
    output: transcriptionJobSchema,
  },
  'transcription:cancel': { input: z.object({ sessionId: id }).strict(), output: transcriptionJobSchema.nullable() },
  /** Polled while a job runs; null when the session was never queued in this run of the app. */
  'transcription:status': { input: z.object({ sessionId: id }).strict(), output: transcriptionJobSchema.nullable() },
} as const satisfies ChannelSpecs;
