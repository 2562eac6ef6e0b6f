import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/core/errors.js';
import type { DownloadProgress } from '../../src/core/transcribe/models/download-model.js';
import { createModelManager, type ModelManager } from '../../src/core/transcribe/models/model-manager.js';
import { startLoopbackServer, type LoopbackServer } from './loopback-file-server.js';

const TINY_EN = '/work/shared/models/for-tests-ggml-tiny.en.bin';
const SILERO = '/work/shared/models/for-tests-silero-v6.2.0-ggml.bin';

let server: LoopbackServer;
let tinyEn: Buffer;
let tmp: string;
let manager: ModelManager;

beforeAll(async () => {
  tinyEn = await readFile(TINY_EN);
  server = await startLoopbackServer({
    // No published checksum for quantized models: the manager checks the file is a model instead.
    '/mirror/ggml-tiny.en-q5_1.bin': { kind: 'file', body: tinyEn, chunkBytes: 32 * 1024, chunkDelayMs: 20 },
    // The weightless file is not the published tiny.en, so its checksum fails.
    '/mirror/ggml-tiny.en.bin': { kind: 'file', body: tinyEn },
    '/mirror/ggml-base-q5_1.bin': { kind: 'file', body: Buffer.from('<!doctype html><p>Rate limited</p>') },
    '/mirror/ggml-small-q5_1.bin': { kind: 'file', body: await readFile(SILERO) },
    '/mirror/ggml-silero-v6.2.0.bin': { kind: 'redirect', location: '/cdn/silero.bin' },
    '/cdn/silero.bin': { kind: 'file', body: await readFile(SILERO) },
  });
});
afterAll(() => server.close());

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'debrief-manager-dl-'));
  manager = createModelManager({ modelsDir: path.join(tmp, 'models') });
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

describe('model manager downloads', () => {
  it('downloads a catalog model from a mirror, records it and resolves it', async () => {
    const progress: DownloadProgress[] = [];
    const entry = await manager.download('tiny.en-q5_1', {
      baseUrl: server.url('/mirror'),
      onProgress: (p) => progress.push(p),
    });
    const sha1 = createHash('sha1').update(tinyEn).digest('hex');
    expect(entry).toMatchObject({
      name: 'tiny.en-q5_1',
      installed: true,
      origin: 'download',
      sha1,
      bytes: tinyEn.length,
      checksumMatchesCatalog: null,
    });
    expect(progress.at(-1)).toMatchObject({ receivedBytes: tinyEn.length, totalBytes: tinyEn.length });
    expect(await manager.resolve('tiny.en-q5_1')).toBe(entry.path);

    // Already installed: no second request.
    const before = server.requests.length;
    expect((await manager.download('tiny.en-q5_1', { baseUrl: server.url('/mirror') })).path).toBe(entry.path);
    expect(server.requests.length).toBe(before);
  });

  it('follows a redirect to the CDN for the VAD model', async () => {
    const entry = await manager.download('silero-v6.2.0', { baseUrl: server.url('/mirror/') });
    expect(entry).toMatchObject({ kind: 'vad', installed: true });
    expect(await manager.inspect('silero-v6.2.0')).toMatchObject({ kind: 'vad', version: '6.2.0' });
  });

  it('rejects a download whose checksum is not the published one, leaving nothing behind', async () => {
    const err = await failure(manager.download('tiny.en', { baseUrl: server.url('/mirror') }));
    expect(err.code).toBe('model-checksum-mismatch');
    expect(err.message).toContain('c78c86eb1a8faa21b369bcd33207cc90d64ae9df');
    expect(await readdir(manager.modelsDir)).toEqual([]);
  });

  it('rejects a download that is not a model (an error page) and deletes it', async () => {
    const err = await failure(manager.download('base-q5_1', { baseUrl: server.url('/mirror') }));
    expect(err.code).toBe('model-not-ggml');
    expect(err.message).toContain('HTML');
    expect(await readdir(manager.modelsDir)).toEqual([]);
  });

  it('rejects a download of the wrong kind of model', async () => {
    const err = await failure(manager.download('small-q5_1', { baseUrl: server.url('/mirror') }));
    expect(err.code).toBe('model-corrupt');
    expect(existsSync(path.join(manager.modelsDir, 'ggml-small-q5_1.bin'))).toBe(false);
  });

  it('refuses names outside the catalog and a second download of the same model', async () => {
    expect((await failure(manager.download('huge-v9'))).code).toBe('model-unknown');

    const controller = new AbortController();
    const first = manager.download('tiny.en-q5_1', {
      baseUrl: server.url('/mirror'),
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const second = await failure(manager.download('tiny.en-q5_1', { baseUrl: server.url('/mirror') }));
    expect(second.code).toBe('model-download-in-progress');
    expect((await failure(first)).code).toBe('model-download-cancelled');
    expect(await readdir(manager.modelsDir)).toEqual([]);
  });
});
