import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/core/errors.js';
import { downloadFile, type DownloadProgress } from '../../src/core/transcribe/models/download-model.js';
import { startLoopbackServer, type LoopbackServer } from './loopback-file-server.js';

const MiB = 1024 * 1024;
const body = randomBytes(3 * MiB);
const bodySha1 = createHash('sha1').update(body).digest('hex');

let server: LoopbackServer;
let dir: string;
let dest: string;

beforeAll(async () => {
  server = await startLoopbackServer({
    '/file.bin': { kind: 'file', body },
    '/paced.bin': { kind: 'file', body, chunkBytes: 64 * 1024, chunkDelayMs: 10 },
    '/slow.bin': { kind: 'file', body, chunkBytes: 64 * 1024, chunkDelayMs: 50 },
    '/drop-once.bin': { kind: 'file', body, dropAfterBytesOnce: MiB, chunkBytes: 128 * 1024 },
    '/ignore-range.bin': { kind: 'file', body, honorRange: false },
    '/stall.bin': { kind: 'file', body, chunkBytes: 64 * 1024, chunkDelayMs: 2_000 },
    '/missing.bin': { kind: 'status', status: 404 },
    '/broken.bin': { kind: 'status', status: 503 },
    '/moved.bin': { kind: 'redirect', location: '/file.bin', status: 302 },
    '/loop.bin': { kind: 'redirect', location: '/loop.bin' },
  });
});
afterAll(() => server.close());

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'debrief-download-'));
  dest = path.join(dir, 'models', 'model.bin');
  server.requests.length = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function rejection(promise: Promise<unknown>): Promise<UserFacingError> {
  const err = await promise.then(
    () => {
      throw new Error('expected the download to fail');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserFacingError);
  return err as UserFacingError;
}

describe('downloadFile', () => {
  it('downloads, reports throttled progress, verifies size and sha1, and renames into place', async () => {
    const events: { at: number; p: DownloadProgress }[] = [];
    const result = await downloadFile({
      url: server.url('/paced.bin'),
      dest,
      expectedSha1: bodySha1.toUpperCase(),
      expectedBytes: body.length,
      onProgress: (p) => events.push({ at: performance.now(), p }),
    });

    expect(result).toEqual({ path: dest, bytes: body.length, sha1: bodySha1, resumedFromBytes: 0 });
    expect((await readFile(dest)).equals(body)).toBe(true);
    expect(existsSync(`${dest}.part`)).toBe(false);

    // ~48 paced chunks over ~0.5 s: several throttled events plus the final one.
    expect(events.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.p.receivedBytes).toBeGreaterThanOrEqual(events[i - 1]!.p.receivedBytes);
      // At most ~10 per second; only the completion event may come sooner.
      if (i < events.length - 1) expect(events[i]!.at - events[i - 1]!.at).toBeGreaterThanOrEqual(99);
    }
    const last = events.at(-1)!.p;
    expect(last.receivedBytes).toBe(body.length);
    expect(last.totalBytes).toBe(body.length);
    expect(last.bytesPerSecond).toBeGreaterThan(0);
  });

  it('leaves the .part after a dropped connection and resumes it with a Range request', async () => {
    const first = await rejection(downloadFile({ url: server.url('/drop-once.bin'), dest, expectedSha1: bodySha1 }));
    expect(first.code).toBe('model-download-interrupted');
    expect(first.message).toContain(`of ${body.length} bytes`);
    expect(existsSync(dest)).toBe(false);
    const partBytes = (await stat(`${dest}.part`)).size;
    expect(partBytes).toBeGreaterThan(0);
    expect(partBytes).toBeLessThanOrEqual(MiB);

    const events: DownloadProgress[] = [];
    const result = await downloadFile({
      url: server.url('/drop-once.bin'),
      dest,
      expectedSha1: bodySha1,
      expectedBytes: body.length,
      onProgress: (p) => events.push(p),
    });
    expect(result.sha1).toBe(bodySha1);
    expect(result.resumedFromBytes).toBe(partBytes);
    expect((await readFile(dest)).equals(body)).toBe(true);
    expect(existsSync(`${dest}.part`)).toBe(false);

    expect(server.requests.map((r) => [r.headers.range, r.status])).toEqual([
      [undefined, 200],
      [`bytes=${partBytes}-`, 206],
    ]);
    // Progress counts the resumed prefix.
    expect(events.every((p) => p.receivedBytes >= partBytes && p.totalBytes === body.length)).toBe(true);
  });

  it('treats a stalled transfer as interrupted after the idle timeout', async () => {
    const err = await rejection(downloadFile({ url: server.url('/stall.bin'), dest, idleTimeoutMs: 200 }));
    expect(err.code).toBe('model-download-interrupted');
    expect(err.message).toContain('no data for');
    expect((await stat(`${dest}.part`)).size).toBe(64 * 1024);
  });

  it('starts over when the server ignores Range and answers 200', async () => {
    await mkdir(path.dirname(dest), { recursive: true });
    // A prefix that does not match the file: only a full restart yields the right checksum.
    await writeFile(`${dest}.part`, randomBytes(500_000));

    const result = await downloadFile({ url: server.url('/ignore-range.bin'), dest, expectedSha1: bodySha1 });
    expect(server.requests.map((r) => [r.headers.range, r.status])).toEqual([['bytes=500000-', 200]]);
    expect(result).toMatchObject({ sha1: bodySha1, bytes: body.length, resumedFromBytes: 0 });
    expect((await readFile(dest)).equals(body)).toBe(true);
  });

  it('starts over when the server answers 416 to a .part as long as the file', async () => {
    await mkdir(path.dirname(dest), { recursive: true });
    await writeFile(`${dest}.part`, randomBytes(body.length));

    const result = await downloadFile({ url: server.url('/file.bin'), dest, expectedSha1: bodySha1 });
    expect(server.requests.map((r) => [r.headers.range, r.status])).toEqual([
      [`bytes=${body.length}-`, 416],
      [undefined, 200],
    ]);
    expect(result.sha1).toBe(bodySha1);
  });

  it('deletes the .part and names both sums on a checksum mismatch', async () => {
    const wrong = '0123456789abcdef0123456789abcdef01234567';
    const err = await rejection(downloadFile({ url: server.url('/file.bin'), dest, expectedSha1: wrong }));
    expect(err.code).toBe('model-checksum-mismatch');
    expect(err.message).toContain(wrong);
    expect(err.message).toContain(bodySha1);
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('rejects a file of the wrong size before downloading it', async () => {
    const err = await rejection(downloadFile({ url: server.url('/file.bin'), dest, expectedBytes: body.length + 1 }));
    expect(err.code).toBe('model-size-mismatch');
    expect(err.message).toContain(String(body.length));
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('reports 404 and other HTTP errors with the status and URL', async () => {
    const notFound = await rejection(downloadFile({ url: server.url('/missing.bin'), dest }));
    expect(notFound.code).toBe('model-download-failed');
    expect(notFound.message).toContain('404');
    expect(notFound.message).toContain(server.url('/missing.bin'));

    const unavailable = await rejection(downloadFile({ url: server.url('/broken.bin'), dest }));
    expect(unavailable.code).toBe('model-download-failed');
    expect(unavailable.message).toContain('503');
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('reports a server that cannot be reached', async () => {
    const closed = await startLoopbackServer({});
    const url = closed.url('/file.bin');
    await closed.close();
    const err = await rejection(downloadFile({ url, dest }));
    expect(err.code).toBe('model-download-failed');
    expect(err.message).toContain(url);
  });

  it('cancels mid-download with an AbortSignal and cleans up', async () => {
    const controller = new AbortController();
    const err = await rejection(
      downloadFile({
        url: server.url('/slow.bin'),
        dest,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.receivedBytes > 0) controller.abort();
        },
      }),
    );
    expect(err.code).toBe('model-download-cancelled');
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('keeps the .part on cancel when asked, and a later call resumes it', async () => {
    const controller = new AbortController();
    const err = await rejection(
      downloadFile({
        url: server.url('/slow.bin'),
        dest,
        signal: controller.signal,
        keepPartialOnAbort: true,
        onProgress: (p) => {
          if (p.receivedBytes > 0) controller.abort();
        },
      }),
    );
    expect(err.code).toBe('model-download-cancelled');
    const partBytes = (await stat(`${dest}.part`)).size;
    expect(partBytes).toBeGreaterThan(0);
    expect(partBytes).toBeLessThan(body.length);

    const result = await downloadFile({ url: server.url('/file.bin'), dest, expectedSha1: bodySha1 });
    expect(result.resumedFromBytes).toBe(partBytes);
    expect(result.sha1).toBe(bodySha1);
  });

  it('does nothing when the signal is already aborted', async () => {
    const err = await rejection(downloadFile({ url: server.url('/file.bin'), dest, signal: AbortSignal.abort() }));
    expect(err.code).toBe('model-download-cancelled');
    expect(server.requests).toHaveLength(0);
  });

  it('follows a relative redirect', async () => {
    const result = await downloadFile({ url: server.url('/moved.bin'), dest, expectedSha1: bodySha1 });
    expect(result.sha1).toBe(bodySha1);
    expect(server.requests.map((r) => [r.path, r.status])).toEqual([
      ['/moved.bin', 302],
      ['/file.bin', 200],
    ]);
  });

  it('follows a chain of redirects to an absolute URL', async () => {
    const chain = await startLoopbackServer({
      '/hop1.bin': { kind: 'redirect', location: '/hop2.bin', status: 301 },
      '/hop2.bin': { kind: 'redirect', location: server.url('/file.bin'), status: 307 },
    });
    try {
      const result = await downloadFile({ url: chain.url('/hop1.bin'), dest, expectedSha1: bodySha1 });
      expect(result.sha1).toBe(bodySha1);
      expect(chain.requests.map((r) => r.path)).toEqual(['/hop1.bin', '/hop2.bin']);
      expect(server.requests.map((r) => r.path)).toEqual(['/file.bin']);
    } finally {
      await chain.close();
    }
  });

  it('gives up on a redirect loop', async () => {
    const err = await rejection(downloadFile({ url: server.url('/loop.bin'), dest }));
    expect(err.code).toBe('model-download-failed');
    expect(err.message).toContain('redirects');
  });
});
