import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_VAD_MODEL, findCatalogEntry, MODEL_CATALOG } from './model-catalog.js';
import { catalogEntrySchema } from './model-catalog-schema.js';

describe('MODEL_CATALOG', () => {
  it('is valid against its schema', () => {
    const parsed = z.array(catalogEntrySchema).safeParse(MODEL_CATALOG);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('lists the standard whisper.cpp models, their quantized variants and the Silero VAD model', () => {
    expect(MODEL_CATALOG.map((e) => e.name)).toEqual([
      'tiny', 'tiny.en', 'tiny-q5_1', 'tiny.en-q5_1', 'tiny-q8_0',
      'base', 'base.en', 'base-q5_1', 'base.en-q5_1', 'base-q8_0',
      'small', 'small.en', 'small-q5_1', 'small.en-q5_1', 'small-q8_0',
      'medium', 'medium.en', 'medium-q5_0', 'medium.en-q5_0', 'medium-q8_0',
      'large-v3', 'large-v3-q5_0', 'large-v3-turbo', 'large-v3-turbo-q5_0', 'large-v3-turbo-q8_0',
      'silero-v6.2.0',
    ]);
  });

  it('builds Hugging Face URLs and flags English-only models', () => {
    expect(findCatalogEntry('base.en')).toMatchObject({
      fileName: 'ggml-base.en.bin',
      url: 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.en.bin',
      sizeClass: 'base',
      quantization: null,
      englishOnly: true,
      sha1: '137c40403d78fd54d454da0f9bd998f78703390c',
    });
    expect(findCatalogEntry('ggml-small.en-q5_1.bin')).toMatchObject({ name: 'small.en-q5_1', englishOnly: true, quantization: 'q5_1' });
    expect(findCatalogEntry('large-v3-turbo-q8_0')).toMatchObject({ englishOnly: false, sizeClass: 'large', sha1: null });
    expect(findCatalogEntry(DEFAULT_VAD_MODEL)).toMatchObject({
      kind: 'vad',
      url: 'https://huggingface.co/ggml-org/whisper-vad/resolve/main/ggml-silero-v6.2.0.bin',
    });
    expect(findCatalogEntry('large-v9')).toBeUndefined();
  });

  it('carries a checksum exactly for the models whisper.cpp publishes one for', () => {
    const withSha1 = MODEL_CATALOG.filter((e) => e.sha1 !== null).map((e) => e.name);
    expect(withSha1).toEqual([
      'tiny', 'tiny.en', 'base', 'base.en', 'small', 'small.en', 'medium', 'medium.en',
      'large-v3', 'large-v3-q5_0', 'large-v3-turbo', 'large-v3-turbo-q5_0',
    ]);
    expect(new Set(MODEL_CATALOG.map((e) => e.sha1).filter(Boolean)).size).toBe(withSha1.length);
  });

  it('rejects an entry whose file name does not match its name', () => {
    const entry = { ...findCatalogEntry('tiny')!, fileName: 'ggml-base.bin' };
    expect(catalogEntrySchema.safeParse(entry).success).toBe(false);
    expect(catalogEntrySchema.safeParse({ ...findCatalogEntry('tiny')!, sha1: 'not-a-sha' }).success).toBe(false);
  });
});
