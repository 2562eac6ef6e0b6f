import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../errors.js';
import { MODEL_CATALOG } from './model-catalog.js';
import { createModelManager, type ModelManager } from './model-manager.js';

const TINY_EN = '/work/shared/models/for-tests-ggml-tiny.en.bin';
const SILERO = '/work/shared/models/for-tests-silero-v6.2.0-ggml.bin';

let tmp: string;
let modelsDir: string;
let manager: ModelManager;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'debrief-models-'));
  modelsDir = path.join(tmp, 'models');
  manager = createModelManager({ modelsDir });
});
afterEach(() => rm(tmp, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<UserFacingError> {
  const err = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserFacingError);
  return err as UserFacingError;
}

const sha1Of = async (file: string) => createHash('sha1').update(await readFile(file)).digest('hex');

describe('model manager', () => {
  it('lists the catalog as available when nothing is installed', async () => {
    const entries = await manager.list();
    expect(entries.map((e) => e.name)).toEqual(MODEL_CATALOG.map((e) => e.name));
    expect(entries.every((e) => !e.installed && e.status === 'available')).toBe(true);
    expect(entries.find((e) => e.name === 'tiny.en')).toMatchObject({
      path: path.join(modelsDir, 'ggml-tiny.en.bin'),
      bytes: 75 * 1024 * 1024,
      kind: 'whisper',
    });
  });

  it('imports the weightless model under its own file name, with a checksum record', async () => {
    const entry = await manager.importFile(TINY_EN);
    expect(entry).toMatchObject({
      name: 'for-tests-ggml-tiny.en',
      fileName: 'for-tests-ggml-tiny.en.bin',
      path: path.join(modelsDir, 'for-tests-ggml-tiny.en.bin'),
      installed: true,
      status: 'installed',
      kind: 'whisper',
      bytes: 586836,
      origin: 'import',
      catalog: null,
      sha1: await sha1Of(TINY_EN),
    });
    expect((await readFile(entry.path)).equals(await readFile(TINY_EN))).toBe(true);
    expect((await readdir(modelsDir)).sort()).toEqual(['for-tests-ggml-tiny.en.bin', 'models.json']);

    const sidecar = JSON.parse(await readFile(path.join(modelsDir, 'models.json'), 'utf8'));
    expect(sidecar.models['for-tests-ggml-tiny.en.bin']).toMatchObject({
      origin: 'import',
      source: TINY_EN,
      bytes: 586836,
      kind: 'whisper',
      multilingual: false,
    });
    expect((await manager.list()).at(-1)).toMatchObject({ name: 'for-tests-ggml-tiny.en', installed: true });
  });

  it('imports under a catalog name and resolves it by name, file name and path', async () => {
    const entry = await manager.importFile(TINY_EN, { name: 'tiny.en' });
    expect(entry).toMatchObject({ name: 'tiny.en', fileName: 'ggml-tiny.en.bin', installed: true });
    // The weightless file is not the published tiny.en.
    expect(entry.checksumMatchesCatalog).toBe(false);

    expect(await manager.resolve('tiny.en')).toBe(entry.path);
    expect(await manager.resolve('ggml-tiny.en.bin')).toBe(entry.path);
    expect(await manager.resolve(` ${TINY_EN} `)).toBe(TINY_EN);
    const relative = path.relative(process.cwd(), SILERO);
    expect(await manager.resolve(relative)).toBe(SILERO);
    expect(await manager.inspect('tiny.en')).toMatchObject({ kind: 'whisper', sizeClass: 'tiny' });
  });

  it('resolves an imported custom name', async () => {
    const entry = await manager.importFile(SILERO, { name: 'my-vad' });
    expect(entry).toMatchObject({ name: 'my-vad', fileName: 'ggml-my-vad.bin', kind: 'vad' });
    expect(await manager.resolve('my-vad')).toBe(entry.path);
  });

  it('explains how to get a catalog model that is not installed', async () => {
    const err = await failure(manager.resolve('base.en'));
    expect(err.code).toBe('model-not-found');
    expect(err.message).toContain('debrief models download base.en');
    expect(err.message).toContain('https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.en.bin');
  });

  it('lists what is installed and what exists when a name is unknown', async () => {
    await manager.importFile(SILERO);
    const err = await failure(manager.resolve('whisper-xxl'));
    expect(err.code).toBe('model-not-found');
    expect(err.message).toContain('No model named "whisper-xxl"');
    expect(err.message).toContain('Installed: for-tests-silero-v6.2.0-ggml');
    expect(err.message).toContain('large-v3-turbo');

    const byPath = await failure(manager.resolve('./nowhere/model.bin'));
    expect(byPath.message).toBe(`Model file not found: ${path.resolve('nowhere/model.bin')}`);
  });

  it('rejects a non-ggml file and leaves nothing in the models folder', async () => {
    const wav = path.join(tmp, 'interview.wav');
    await writeFile(wav, Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt '), Buffer.alloc(1000)]));
    const err = await failure(manager.importFile(wav, { name: 'interview' }));
    expect(err.code).toBe('model-not-ggml');
    expect(err.message).toContain('WAV');
    expect(existsSync(modelsDir) ? await readdir(modelsDir) : []).toEqual([]);
  });

  it('refuses to replace an installed model unless asked, and rejects bad names', async () => {
    await manager.importFile(TINY_EN, { name: 'custom' });
    const err = await failure(manager.importFile(SILERO, { name: 'custom' }));
    expect(err.code).toBe('model-exists');
    expect(await manager.inspect('custom')).toMatchObject({ kind: 'whisper' });

    const replaced = await manager.importFile(SILERO, { name: 'custom', overwrite: true });
    expect(replaced).toMatchObject({ kind: 'vad', sha1: await sha1Of(SILERO) });
    expect(await manager.inspect('custom')).toMatchObject({ kind: 'vad' });

    expect((await failure(manager.importFile(TINY_EN, { name: '../escape' }))).code).toBe('model-name-invalid');
    expect((await readdir(modelsDir)).sort()).toEqual(['ggml-custom.bin', 'models.json']);
  });

  it('shows an interrupted download as partial and removes it with the model', async () => {
    await mkdir(modelsDir, { recursive: true });
    await writeFile(path.join(modelsDir, 'ggml-base.en.bin.part'), Buffer.alloc(1234));
    expect((await manager.list()).find((e) => e.name === 'base.en')).toMatchObject({
      status: 'partial',
      installed: false,
      partialBytes: 1234,
    });
    await manager.remove('base.en');
    expect(await readdir(modelsDir)).toEqual(['models.json']);
  });

  it('removes an installed model and its record', async () => {
    await manager.importFile(TINY_EN, { name: 'tiny.en' });
    await manager.remove('tiny.en');
    expect(existsSync(path.join(modelsDir, 'ggml-tiny.en.bin'))).toBe(false);
    const sidecar = JSON.parse(await readFile(path.join(modelsDir, 'models.json'), 'utf8'));
    expect(sidecar.models).toEqual({});
    expect((await failure(manager.resolve('tiny.en'))).code).toBe('model-not-found');
    expect((await failure(manager.remove('tiny.en'))).code).toBe('model-not-found');
  });

  it('counts a model file dropped into the folder by hand as installed', async () => {
    await mkdir(modelsDir, { recursive: true });
    await writeFile(path.join(modelsDir, 'ggml-small.bin'), await readFile(TINY_EN));
    expect((await manager.list()).find((e) => e.name === 'small')).toMatchObject({
      installed: true,
      origin: null,
      sha1: null,
      bytes: 586836,
    });
    expect(await manager.resolve('small')).toBe(path.join(modelsDir, 'ggml-small.bin'));
  });

  it('names a damaged models.json', async () => {
    await mkdir(modelsDir, { recursive: true });
    await writeFile(path.join(modelsDir, 'models.json'), '{"version":1,"models":{"x.bin":{"origin":"stolen"}}}');
    const err = await failure(manager.list());
    expect(err.code).toBe('models-json-invalid');
    expect(err.message).toContain('models.x.bin.origin');
  });

  it('keeps every record when imports run concurrently', async () => {
    await Promise.all([
      manager.importFile(TINY_EN, { name: 'a' }),
      manager.importFile(TINY_EN, { name: 'b' }),
      manager.importFile(SILERO, { name: 'c' }),
    ]);
    const sidecar = JSON.parse(await readFile(path.join(modelsDir, 'models.json'), 'utf8'));
    expect(Object.keys(sidecar.models).sort()).toEqual(['ggml-a.bin', 'ggml-b.bin', 'ggml-c.bin']);
  });
});
