import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../errors.js';
import { inspectGgmlModel } from './inspect-model.js';

const TINY_EN = '/work/shared/models/for-tests-ggml-tiny.en.bin';
const SILERO = '/work/shared/models/for-tests-silero-v6.2.0-ggml.bin';
/** magic + 11 hparams + n_mel, n_fft + 80 × 201 float32 filters: where the vocabulary starts. */
const VOCAB_OFFSET = 4 + 11 * 4 + 8 + 80 * 201 * 4;

let dir: string;
let tinyEn: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'debrief-inspect-'));
  tinyEn = await readFile(TINY_EN);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function writeTemp(name: string, data: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, data);
  return file;
}

async function inspectError(file: string): Promise<UserFacingError> {
  const err = await inspectGgmlModel(file).then(
    () => {
      throw new Error(`expected ${file} to be rejected`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserFacingError);
  return err as UserFacingError;
}

/** A tensor record as whisper.cpp writes it: n_dims, name length, type, dims, name, data. */
function tensor(name: string, type: number, dims: number[], dataBytes: number): Buffer {
  const meta = Buffer.alloc(12 + 4 * dims.length);
  meta.writeInt32LE(dims.length, 0);
  meta.writeInt32LE(Buffer.byteLength(name), 4);
  meta.writeInt32LE(type, 8);
  dims.forEach((d, i) => meta.writeInt32LE(d, 12 + 4 * i));
  return Buffer.concat([meta, Buffer.from(name), Buffer.alloc(dataBytes, 0x11)]);
}

describe('inspectGgmlModel', () => {
  it('reads the weightless tiny.en model', async () => {
    const info = await inspectGgmlModel(TINY_EN);
    expect(info).toEqual({
      kind: 'whisper',
      path: TINY_EN,
      hparams: {
        nVocab: 51864,
        nAudioCtx: 1500,
        nAudioState: 384,
        nAudioHead: 6,
        nAudioLayer: 4,
        nTextCtx: 448,
        nTextState: 384,
        nTextHead: 6,
        nTextLayer: 4,
        nMels: 80,
        ftype: 1,
      },
      multilingual: false,
      sizeClass: 'tiny',
      ftype: 1,
      ftypeName: 'f16',
      quantizationVersion: 0,
      melFilters: { nMel: 80, nFft: 201 },
      vocabEntries: 50257,
      tensorCount: 0,
      tensorBytes: 0,
      bytes: 586836,
    });
  });

  it('recognises the Silero VAD model and walks all its tensors to the end of the file', async () => {
    const info = await inspectGgmlModel(SILERO);
    expect(info).toMatchObject({
      kind: 'vad',
      modelType: 'silero-16k',
      version: '6.2.0',
      windowSamples: 512,
      contextSamples: 64,
      tensorCount: 15,
      bytes: 885098,
    });
    expect(info.tensorBytes).toBeGreaterThan(800_000);
  });

  it('derives multilingual, size class and quantization from the header', async () => {
    const header = Buffer.from(tinyEn);
    header.writeInt32LE(51866, 4); // n_vocab of large-v3
    header.writeInt32LE(32, 4 + 4 * 4); // n_audio_layer
    header.writeInt32LE(2008, 4 + 10 * 4); // q5_0, quantization version 2
    const info = await inspectGgmlModel(await writeTemp('large-like.bin', header));
    expect(info).toMatchObject({
      kind: 'whisper',
      multilingual: true,
      sizeClass: 'large',
      ftype: 8,
      ftypeName: 'q5_0',
      quantizationVersion: 2,
    });
  });

  it('walks tensor headers and skips their data', async () => {
    const model = Buffer.concat([
      tinyEn,
      tensor('encoder.test.weight', 0, [4, 3], 4 * 3 * 4),
      tensor('decoder.test.weight', 6, [64], 2 * 22), // q5_0: 2 blocks of 32 elements, 22 bytes each
    ]);
    const info = await inspectGgmlModel(await writeTemp('two-tensors.bin', model));
    expect(info).toMatchObject({ kind: 'whisper', tensorCount: 2, tensorBytes: 48 + 44, bytes: model.length });
  });

  it('reports a tensor whose data runs past the end of the file', async () => {
    const model = Buffer.concat([
      tinyEn,
      tensor('encoder.test.weight', 0, [4, 3], 48),
      tensor('decoder.test.weight', 1, [100], 200),
    ]);
    const cut = model.subarray(0, model.length - 50);
    const err = await inspectError(await writeTemp('cut-tensor.bin', cut));
    expect(err.code).toBe('model-truncated');
    expect(err.message).toContain("tensor 'decoder.test.weight' (#2)");
    expect(err.message).toContain(`needs at least ${model.length} bytes but the file has ${cut.length}`);
  });

  it('reports a tensor header cut short', async () => {
    const model = Buffer.concat([tinyEn, tensor('encoder.test.weight', 0, [4, 3], 48)]);
    const err = await inspectError(await writeTemp('cut-tensor-header.bin', model.subarray(0, tinyEn.length + 6)));
    expect(err.code).toBe('model-truncated');
    expect(err.message).toContain('the header of tensor #1');
  });

  it('reports a file cut in the middle of the vocabulary', async () => {
    const cutAt = VOCAB_OFFSET + 100_000;
    const err = await inspectError(await writeTemp('cut-vocab.bin', tinyEn.subarray(0, cutAt)));
    expect(err.code).toBe('model-truncated');
    expect(err.message).toContain('the vocabulary');
    expect(err.message).toContain(`but the file has ${cutAt}`);
  });

  it('reports a file cut inside the header', async () => {
    const err = await inspectError(await writeTemp('cut-header.bin', tinyEn.subarray(0, 30)));
    expect(err.code).toBe('model-truncated');
    expect(err.message).toContain('the header needs at least 48 bytes but the file has 30');
  });

  it('rejects files that are not ggml, saying what they look like', async () => {
    const wav = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.alloc(64)]);
    const wavErr = await inspectError(await writeTemp('talk.wav', wav));
    expect(wavErr.code).toBe('model-not-ggml');
    expect(wavErr.message).toContain('WAV audio');
    expect(wavErr.message).toContain('52 49 46 46');

    const gguf = Buffer.concat([Buffer.from('GGUF'), Buffer.from([3, 0, 0, 0]), Buffer.alloc(32)]);
    const ggufErr = await inspectError(await writeTemp('model.gguf', gguf));
    expect(ggufErr.code).toBe('model-not-ggml');
    expect(ggufErr.message).toContain('GGUF');

    const junk = Buffer.from([0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6]);
    const junkErr = await inspectError(await writeTemp('junk.bin', junk));
    expect(junkErr.code).toBe('model-not-ggml');
    expect(junkErr.message).toContain('de ad be ef 01 02 03 04');

    const empty = await inspectError(await writeTemp('empty.bin', Buffer.alloc(0)));
    expect(empty.code).toBe('model-not-ggml');
    expect(empty.message).toContain('empty');
  });

  it('rejects a ggml file with impossible header values or tensor records', async () => {
    const badHparams = Buffer.from(tinyEn);
    badHparams.writeInt32LE(-5, 4 + 4 * 4);
    const hpErr = await inspectError(await writeTemp('bad-hparams.bin', badHparams));
    expect(hpErr.code).toBe('model-corrupt');
    expect(hpErr.message).toContain('nAudioLayer is -5');

    const badDims = Buffer.concat([tinyEn, tensor('x', 0, [1, 1, 1, 1], 4)]);
    badDims.writeInt32LE(7, tinyEn.length);
    expect((await inspectError(await writeTemp('bad-dims.bin', badDims))).code).toBe('model-corrupt');

    const badType = Buffer.concat([tinyEn, tensor('x', 99, [8], 8)]);
    const typeErr = await inspectError(await writeTemp('bad-type.bin', badType));
    expect(typeErr.code).toBe('model-corrupt');
    expect(typeErr.message).toContain("tensor 'x' has type 99");
  });

  it('reports a missing file', async () => {
    const err = await inspectError(path.join(dir, 'nope.bin'));
    expect(err.code).toBe('model-not-found');
    expect(err.message).toContain('nope.bin');
  });
});
