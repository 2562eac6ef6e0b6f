import { open, stat, type FileHandle } from 'node:fs/promises';
import { UserFacingError } from '../../errors.js';
import { EndOfFileError, FileCursor } from './file-cursor.js';
import { fileTypeName, QUANTIZATION_VERSION_FACTOR, tensorDataBytes, tensorTypeName } from './ggml-types.js';

/** 'lmgg' on disk: the uint32 0x67676d6c ("ggml") written little-endian. */
export const GGML_MAGIC = 0x67676d6c;

/** Multilingual Whisper vocabularies have 51865 tokens (51866 for large-v3); English-only ones 51864. */
const MULTILINGUAL_MIN_VOCAB = 51865;

export type SizeClass = 'tiny' | 'base' | 'small' | 'medium' | 'large' | 'unknown';

export interface WhisperHparams {
  nVocab: number;
  nAudioCtx: number;
  nAudioState: number;
  nAudioHead: number;
  nAudioLayer: number;
  nTextCtx: number;
  nTextState: number;
  nTextHead: number;
  nTextLayer: number;
  nMels: number;
  /** As stored: weight type + 1000 × quantization version. */
  ftype: number;
}

interface TensorSummary {
  /** 0 for whisper.cpp's weightless "for-tests" models. */
  tensorCount: number;
  /** Bytes of tensor data (headers excluded). */
  tensorBytes: number;
  /** File size. */
  bytes: number;
}

export interface WhisperModelInfo extends TensorSummary {
  kind: 'whisper';
  path: string;
  hparams: WhisperHparams;
  multilingual: boolean;
  sizeClass: SizeClass;
  /** Model-wide weight type (ggml_ftype), quantization version removed: 0 f32, 1 f16, 8 q5_0, 9 q5_1, 7 q8_0, … */
  ftype: number;
  ftypeName: string;
  quantizationVersion: number;
  melFilters: { nMel: number; nFft: number };
  vocabEntries: number;
}

export interface VadModelInfo extends TensorSummary {
  kind: 'vad';
  path: string;
  /** e.g. 'silero-16k' */
  modelType: string;
  /** e.g. '6.2.0' */
  version: string;
  windowSamples: number;
  contextSamples: number;
}

export type GgmlModelInfo = WhisperModelInfo | VadModelInfo;

/**
 * Reads a whisper.cpp ggml model's header and walks its tensor headers (seeking
 * over the data) so that a wrong, cut or corrupt file is caught before the
 * engine loads it. Recognises Whisper models and whisper.cpp's Silero VAD model.
 */
export async function inspectGgmlModel(path: string): Promise<GgmlModelInfo> {
  const bytes = await fileSize(path);
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw new UserFacingError(`Cannot read model file ${path}: ${(err as Error).message}`, 'model-unreadable', {
      cause: err,
    });
  }
  try {
    const cursor = new FileCursor(handle, bytes);
    const head = Buffer.from(await peek(handle, 16));
    if (head.length < 4 || head.readUInt32LE(0) !== GGML_MAGIC) {
      throw new UserFacingError(
        `${path} is not a whisper.cpp ggml model: ${describeFileStart(head, bytes)}.`,
        'model-not-ggml',
      );
    }
    cursor.skip(4);
    return looksLikeVadHeader(head)
      ? await readVadModel(path, cursor)
      : await readWhisperModel(path, cursor);
  } catch (err) {
    if (err instanceof TruncatedError) {
      throw new UserFacingError(
        `${path} is truncated: ${err.part} needs at least ${err.neededBytes} bytes but the file has ${err.fileBytes}. ` +
          'Download or copy it again.',
        'model-truncated',
      );
    }
    throw err;
  } finally {
    await handle.close();
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new UserFacingError(`${path} is not a file, so it cannot be a model.`, 'model-not-ggml');
    return s.size;
  } catch (err) {
    if (err instanceof UserFacingError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserFacingError(`Model file not found: ${path}`, 'model-not-found', { cause: err });
    }
    throw new UserFacingError(`Cannot read model file ${path}: ${(err as Error).message}`, 'model-unreadable', {
      cause: err,
    });
  }
}

async function peek(handle: FileHandle, n: number): Promise<Buffer> {
  const buf = Buffer.alloc(n);
  const { bytesRead } = await handle.read(buf, 0, n, 0);
  return buf.subarray(0, bytesRead);
}

/**
 * whisper.cpp's VAD files follow the magic with a length-prefixed model-type
 * string ("silero-16k"); Whisper files follow it with n_vocab (≈51 864), which
 * is never a plausible string length followed by printable text.
 */
function looksLikeVadHeader(head: Buffer): boolean {
  if (head.length < 9) return false;
  const len = head.readInt32LE(4);
  if (len < 1 || len > 64) return false;
  const text = head.subarray(8, Math.min(8 + len, head.length));
  return text.every((b) => b >= 0x20 && b < 0x7f);
}

class TruncatedError extends Error {
  constructor(
    readonly part: string,
    readonly neededBytes: number,
    readonly fileBytes: number,
  ) {
    super(`${part} is cut off`);
  }
}

/** Runs a read step; an end-of-file inside it becomes a TruncatedError naming the step. */
async function reading<T>(part: string, step: () => Promise<T> | T): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof EndOfFileError) throw new TruncatedError(part, err.neededBytes, err.fileBytes);
    throw err;
  }
}

function corrupt(path: string, what: string): UserFacingError {
  return new UserFacingError(`${path} is a damaged ggml model: ${what}.`, 'model-corrupt');
}

/** Sane upper bound for any count in a header; a larger one means garbage after the magic. */
const MAX_COUNT = 10_000_000;

function checkCount(path: string, field: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min || value > MAX_COUNT) {
    throw corrupt(path, `header field ${field} is ${value}`);
  }
  return value;
}

async function readWhisperModel(path: string, cursor: FileCursor): Promise<WhisperModelInfo> {
  const hparams = await reading('the header', async () => {
    // Read as one block so that a cut header reports the full size it needs.
    const raw = await cursor.bytes(11 * 4);
    const at = (i: number) => raw.readInt32LE(i * 4);
    return {
      nVocab: at(0),
      nAudioCtx: at(1),
      nAudioState: at(2),
      nAudioHead: at(3),
      nAudioLayer: at(4),
      nTextCtx: at(5),
      nTextState: at(6),
      nTextHead: at(7),
      nTextLayer: at(8),
      nMels: at(9),
      ftype: at(10),
    } satisfies WhisperHparams;
  });
  for (const [field, value] of Object.entries(hparams)) checkCount(path, field, value, field === 'ftype' ? 0 : 1);

  const melFilters = await reading('the mel filters', async () => {
    const nMel = checkCount(path, 'mel filters n_mel', await cursor.int32());
    const nFft = checkCount(path, 'mel filters n_fft', await cursor.int32());
    cursor.skip(nMel * nFft * 4);
    return { nMel, nFft };
  });

  const vocabEntries = await reading('the vocabulary', async () => {
    const count = checkCount(path, 'vocabulary size', await cursor.int32(), 0);
    for (let i = 0; i < count; i++) cursor.skip(await cursor.uint32());
    return count;
  });

  const tensors = await walkTensors(path, cursor);
  const ftype = hparams.ftype % QUANTIZATION_VERSION_FACTOR;
  return {
    kind: 'whisper',
    path,
    hparams,
    multilingual: hparams.nVocab >= MULTILINGUAL_MIN_VOCAB,
    sizeClass: sizeClassFor(hparams.nAudioLayer),
    ftype,
    ftypeName: fileTypeName(ftype),
    quantizationVersion: Math.floor(hparams.ftype / QUANTIZATION_VERSION_FACTOR),
    melFilters,
    vocabEntries,
    ...tensors,
  };
}

/** whisper.cpp names the model type by encoder depth (whisper_model_load). */
function sizeClassFor(nAudioLayer: number): SizeClass {
  switch (nAudioLayer) {
    case 4:
      return 'tiny';
    case 6:
      return 'base';
    case 12:
      return 'small';
    case 24:
      return 'medium';
    case 32:
      return 'large';
    default:
      return 'unknown';
  }
}

async function readVadModel(path: string, cursor: FileCursor): Promise<VadModelInfo> {
  const header = await reading('the VAD header', async () => {
    const typeLength = await cursor.int32();
    const modelType = (await cursor.bytes(typeLength)).toString('latin1');
    const version = [await cursor.int32(), await cursor.int32(), await cursor.int32()].join('.');
    const windowSamples = checkCount(path, 'n_window', await cursor.int32());
    const contextSamples = checkCount(path, 'n_context', await cursor.int32());
    const encoderLayers = checkCount(path, 'n_encoder_layers', await cursor.int32());
    // Per layer: in channels, out channels, kernel size; then LSTM input/hidden and final conv in/out.
    cursor.skip(encoderLayers * 3 * 4 + 4 * 4);
    return { modelType, version, windowSamples, contextSamples };
  });
  const tensors = await walkTensors(path, cursor);
  return { kind: 'vad', path, ...header, ...tensors };
}

/** Tensor records run to the end of the file: n_dims, name length, type, dims, name, data. */
async function walkTensors(path: string, cursor: FileCursor): Promise<TensorSummary> {
  let tensorCount = 0;
  let tensorBytes = 0;
  while (cursor.remaining > 0) {
    const index = tensorCount + 1;
    const { name, dataBytes } = await reading(`the header of tensor #${index}`, async () => {
      const nDims = await cursor.int32();
      const nameLength = await cursor.int32();
      const type = await cursor.int32();
      if (nDims < 0 || nDims > 4) throw corrupt(path, `tensor #${index} has ${nDims} dimensions`);
      if (nameLength < 0 || nameLength > 4096) throw corrupt(path, `tensor #${index} has a ${nameLength}-byte name`);
      let elements = 1;
      const dims: number[] = [];
      for (let d = 0; d < nDims; d++) {
        const size = await cursor.int32();
        if (size < 0) throw corrupt(path, `tensor #${index} has dimension ${size}`);
        dims.push(size);
        elements *= size;
      }
      const tensorName = (await cursor.bytes(nameLength)).toString('utf8');
      const data = tensorDataBytes(type, elements);
      if (data === null) {
        throw corrupt(
          path,
          `tensor '${tensorName}' has ${tensorTypeName(type)} with shape [${dims.join(', ')}], which ggml cannot store`,
        );
      }
      return { name: tensorName, dataBytes: data };
    });
    await reading(`the data of tensor '${name}' (#${index})`, () => cursor.skip(dataBytes));
    tensorCount++;
    tensorBytes += dataBytes;
  }
  return { tensorCount, tensorBytes, bytes: cursor.fileBytes };
}

/** Names what a non-ggml file looks like, so the user sees they picked the wrong file. */
export function describeFileStart(head: Buffer, fileBytes: number): string {
  if (fileBytes === 0) return 'the file is empty';
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  const hex = [...head.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const printable = [...head.subarray(0, 8)].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  const bytesShown = `first bytes ${hex} "${printable}"`;
  let looksLike: string | null = null;
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') looksLike = 'a WAV audio file';
  else if (ascii(0, 4) === 'GGUF') looksLike = 'a GGUF file (the newer llama.cpp format), which whisper.cpp does not load';
  else if (ascii(0, 4) === 'ggml') looksLike = 'a big-endian ggml file, which this build cannot load';
  else if (['tjgg', 'fmgg', 'algg'].includes(ascii(0, 4))) looksLike = 'a llama.cpp ggml file, not a Whisper model';
  else if (ascii(0, 4) === 'PK\x03\x04') looksLike = 'a ZIP archive (PyTorch .pt checkpoints are ZIPs; convert them first)';
  else if (ascii(0, 4) === 'OggS' || ascii(0, 4) === 'fLaC' || ascii(0, 3) === 'ID3' || ascii(4, 8) === 'ftyp') {
    looksLike = 'an audio or video file';
  } else if (head[0] === 0x3c) looksLike = 'an HTML or XML document (perhaps an error page saved instead of the model)';
  else if (head[0] === 0x7b) looksLike = 'a JSON document';
  else if (head.length >= 10 && ascii(8, 10) === '{"') looksLike = 'a safetensors file, not a whisper.cpp model';
  return looksLike ? `it looks like ${looksLike} (${bytesShown})` : `its ${bytesShown} are not the ggml magic "lmgg"`;
}
