/**
 * The standard whisper.cpp ggml models (models/download-ggml-model.sh) and the
 * Silero VAD model (models/download-vad-model.sh), as published on Hugging Face.
 *
 * Checksums and sizes come from whisper.cpp's models/README.md ("Available
 * models"), which publishes a SHA-1 and a rounded disk size for only some of
 * them. Where it publishes none the field is null: never fill one in from memory,
 * a wrong checksum would reject every good download. No exact byte sizes are
 * published, so `bytes` is null throughout and the download trusts the server's
 * Content-Length; `approxBytes` is the README's rounded figure, for display.
 */
export const WHISPER_MODEL_BASE_URL = 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main/';
export const VAD_MODEL_BASE_URL = 'https://huggingface.co/ggml-org/whisper-vad/resolve/main/';
export const DEFAULT_VAD_MODEL = 'silero-v6.2.0';

/** One downloadable model; model-catalog-schema.ts holds the rules every entry must satisfy (checked by the tests). */
export interface CatalogEntry {
  /** What users type: 'tiny.en', 'large-v3-turbo-q5_0', 'silero-v6.2.0'. */
  name: string;
  kind: 'whisper' | 'vad';
  fileName: string;
  url: string;
  /** null for the VAD model. */
  sizeClass: 'tiny' | 'base' | 'small' | 'medium' | 'large' | null;
  quantization: 'q5_0' | 'q5_1' | 'q8_0' | null;
  englishOnly: boolean;
  /** Exact size in bytes; null when not published. */
  bytes: number | null;
  /** Rounded size as published ("75 MiB"), for display; null when not published. */
  approxBytes: number | null;
  /** SHA-1 of the file; null when not published. */
  sha1: string | null;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

function whisper(name: string, approxBytes: number | null, sha1: string | null): CatalogEntry {
  const fileName = `ggml-${name}.bin`;
  const sizeClass = name.replace(/^(tiny|base|small|medium|large).*$/, '$1') as CatalogEntry['sizeClass'];
  const quantization = (/-(q5_0|q5_1|q8_0)$/.exec(name)?.[1] ?? null) as CatalogEntry['quantization'];
  return {
    name,
    kind: 'whisper',
    fileName,
    url: WHISPER_MODEL_BASE_URL + fileName,
    sizeClass,
    quantization,
    englishOnly: /\.en(-|$)/.test(name),
    bytes: null,
    approxBytes: approxBytes === null ? null : Math.round(approxBytes),
    sha1,
  };
}

export const MODEL_CATALOG: readonly CatalogEntry[] = [
  whisper('tiny', 75 * MiB, 'bd577a113a864445d4c299885e0cb97d4ba92b5f'),
  whisper('tiny.en', 75 * MiB, 'c78c86eb1a8faa21b369bcd33207cc90d64ae9df'),
  whisper('tiny-q5_1', null, null),
  whisper('tiny.en-q5_1', null, null),
  whisper('tiny-q8_0', null, null),
  whisper('base', 142 * MiB, '465707469ff3a37a2b9b8d8f89f2f99de7299dac'),
  whisper('base.en', 142 * MiB, '137c40403d78fd54d454da0f9bd998f78703390c'),
  whisper('base-q5_1', null, null),
  whisper('base.en-q5_1', null, null),
  whisper('base-q8_0', null, null),
  whisper('small', 466 * MiB, '55356645c2b361a969dfd0ef2c5a50d530afd8d5'),
  whisper('small.en', 466 * MiB, 'db8a495a91d927739e50b3fc1cc4c6b8f6c2d022'),
  whisper('small-q5_1', null, null),
  whisper('small.en-q5_1', null, null),
  whisper('small-q8_0', null, null),
  whisper('medium', 1.5 * GiB, 'fd9727b6e1217c2f614f9b698455c4ffd82463b4'),
  whisper('medium.en', 1.5 * GiB, '8c30f0e44ce9560643ebd10bbe50cd20eafd3723'),
  whisper('medium-q5_0', null, null),
  whisper('medium.en-q5_0', null, null),
  whisper('medium-q8_0', null, null),
  whisper('large-v3', 2.9 * GiB, 'ad82bf6a9043ceed055076d0fd39f5f186ff8062'),
  whisper('large-v3-q5_0', 1.1 * GiB, 'e6e2ed78495d403bef4b7cff42ef4aaadcfea8de'),
  whisper('large-v3-turbo', 1.5 * GiB, '4af2b29d7ec73d781377bfd1758ca957a807e941'),
  whisper('large-v3-turbo-q5_0', 547 * MiB, 'e050f7970618a659205450ad97eb95a18d69c9ee'),
  whisper('large-v3-turbo-q8_0', null, null),
  {
    name: DEFAULT_VAD_MODEL,
    kind: 'vad',
    fileName: `ggml-${DEFAULT_VAD_MODEL}.bin`,
    url: `${VAD_MODEL_BASE_URL}ggml-${DEFAULT_VAD_MODEL}.bin`,
    sizeClass: null,
    quantization: null,
    englishOnly: false,
    bytes: null,
    // whisper.cpp's README shows the download as "864.35K".
    approxBytes: Math.round(864.35 * 1024),
    sha1: null,
  },
];

/** Finds a catalog entry by name ('tiny.en') or file name ('ggml-tiny.en.bin'). */
export function findCatalogEntry(
  nameOrFileName: string,
  catalog: readonly CatalogEntry[] = MODEL_CATALOG,
): CatalogEntry | undefined {
  return catalog.find((e) => e.name === nameOrFileName || e.fileName === nameOrFileName);
}
