import { z } from 'zod';
import { fileTokenSchema } from './file-channels.js';
import { noInput, type ChannelSpecs } from './primitives.js';

/** Settings → Transcription: the model catalog, downloads in the background, import, remove, default. */

const modelName = z.string().trim().min(1, 'choose a model').max(200);

export const modelDownloadSchema = z.object({
  name: z.string(),
  state: z.enum(['downloading', 'paused', 'failed']),
  receivedBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative().nullable(),
  bytesPerSecond: z.number().nonnegative(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export const modelRowSchema = z.object({
  name: z.string(),
  /** Exact on disk when installed; the catalog's (maybe rounded) size otherwise; null when unknown. */
  bytes: z.number().nonnegative().nullable(),
  languages: z.enum(['english', 'multilingual']),
  quantization: z.string().nullable(),
  /** "Fast, fair accuracy": how it trades speed for quality. */
  hint: z.string(),
  status: z.enum(['installed', 'partial', 'available']),
  /** In the catalog (downloadable), as opposed to a file the user imported. */
  inCatalog: z.boolean(),
  recommended: z.boolean(),
  isDefault: z.boolean(),
});

export const modelsViewSchema = z.object({
  models: z.array(modelRowSchema),
  downloads: z.array(modelDownloadSchema),
  /** What transcription uses when nothing is chosen: the default, else the best installed one; null when none is installed. */
  inUse: z.string().nullable(),
  recommended: z.object({ name: z.string(), bytes: z.number().nullable() }),
});

export const modelChannels = {
  'models:list': { input: noInput, output: modelsViewSchema },
  /** Starts or resumes a download; its progress shows in `models:list`. */
  'models:download': { input: z.object({ name: modelName }).strict(), output: modelsViewSchema },
  'models:pause': { input: z.object({ name: modelName }).strict(), output: modelsViewSchema },
  'models:cancel': { input: z.object({ name: modelName }).strict(), output: modelsViewSchema },
  'models:remove': { input: z.object({ name: modelName }).strict(), output: modelsViewSchema },
  /** Installs a ggml model file the user chose in the OS dialog (copied into the models folder). */
  'models:import': { input: z.object({ fileToken: fileTokenSchema }).strict(), output: modelsViewSchema },
  'models:setDefault': { input: z.object({ name: modelName.nullable() }).strict(), output: modelsViewSchema },
} as const satisfies ChannelSpecs;
