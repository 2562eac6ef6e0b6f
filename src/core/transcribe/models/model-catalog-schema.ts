import { z } from 'zod';
import type { CatalogEntry } from './model-catalog.js';

// Kept apart from the catalog itself so that resolving a model name (all `debrief transcribe` does
// with the catalog) never loads zod, ~13 MB resident.
const sha1Schema = z.string().regex(/^[0-9a-f]{40}$/, 'expected 40 lowercase hex digits');

export const catalogEntrySchema = z
  .object({
    /** What users type: 'tiny.en', 'large-v3-turbo-q5_0', 'silero-v6.2.0'. */
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
    kind: z.enum(['whisper', 'vad']),
    fileName: z.string().regex(/^ggml-[a-z0-9._-]+\.bin$/),
    url: z.url({ protocol: /^https$/ }),
    /** null for the VAD model. */
    sizeClass: z.enum(['tiny', 'base', 'small', 'medium', 'large']).nullable(),
    quantization: z.enum(['q5_0', 'q5_1', 'q8_0']).nullable(),
    englishOnly: z.boolean(),
    /** Exact size in bytes; null when not published. */
    bytes: z.number().int().positive().nullable(),
    /** Rounded size as published ("75 MiB"), for display; null when not published. */
    approxBytes: z.number().int().positive().nullable(),
    /** SHA-1 of the file; null when not published. */
    sha1: sha1Schema.nullable(),
  })
  .refine((e) => e.fileName === `ggml-${e.name}.bin`, { message: 'fileName must be ggml-<name>.bin' })
  .refine((e) => e.url.endsWith(`/${e.fileName}`), { message: 'url must end with the file name' })
  .refine((e) => e.kind === 'vad' || e.englishOnly === /\.en(-|$)/.test(e.name), {
    message: 'englishOnly must match a .en name',
  });

// The schema and the interface describe the same entry: each must be assignable to the other.
type Parsed = z.infer<typeof catalogEntrySchema>;
export type SchemaMatchesEntry = [Parsed, CatalogEntry] extends [CatalogEntry, Parsed] ? true : never;
export const schemaMatchesEntry: SchemaMatchesEntry = true;
