import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { UserFacingError } from '../../errors.js';

export interface DownloadProgress {
  /** Bytes of the file on disk so far, a resumed prefix included. */
  receivedBytes: number;
  /** Whole file size, when the server or the caller says. */
  totalBytes: number | null;
  /** Average over this transfer (a resumed prefix does not count). */
  bytesPerSecond: number;
}

export interface DownloadFileOptions {
  url: string;
  dest: string;
  expectedSha1?: string | null;
  expectedBytes?: number | null;
  signal?: AbortSignal;
  /** Called at most every PROGRESS_INTERVAL_MS, and once more when the transfer completes. */
  onProgress?: (progress: DownloadProgress) => void;
  /** On cancel, keep `dest.part` so that a later call resumes it; by default a cancel removes it. */
  keepPartialOnAbort?: boolean;
  /** A transfer that receives nothing for this long counts as interrupted. Default 30 s. */
  idleTimeoutMs?: number;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  sha1: string;
  /** Bytes reused from an earlier interrupted download (0 when it started afresh). */
  resumedFromBytes: number;
}

export const PROGRESS_INTERVAL_MS = 100;
const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Downloads `url` to `dest` through `dest.part`, resuming an existing `.part`
 * with a Range request, and moves it into place only once its size and SHA-1
 * are verified, so `dest` is either absent or complete.
 */
export async function downloadFile(options: DownloadFileOptions): Promise<DownloadResult> {
  const { url, dest, signal } = options;
  const part = `${dest}.part`;
  const cancelled = () =>
    new UserFacingError(`Download of ${url} was cancelled.`, 'model-download-cancelled', { cause: signal?.reason });
  if (signal?.aborted) throw cancelled();
  await mkdir(path.dirname(dest), { recursive: true });

  let offset = await sizeOrZero(part);
  // A .part at least as long as the whole file cannot be a usable prefix.
  if (options.expectedBytes != null && offset >= options.expectedBytes) offset = await discard(part);

  try {
    for (let attempt = 0; ; attempt++) {
      const outcome = await transfer(options, part, offset);
      if (outcome.kind === 'done') {
        await rename(part, dest);
        await syncDirectory(path.dirname(dest));
        return { path: dest, bytes: outcome.bytes, sha1: outcome.sha1, resumedFromBytes: outcome.resumedFromBytes };
      }
      // The server refused our range (416): the .part does not match its file; start over once.
      if (attempt > 0) throw new UserFacingError(`The server at ${url} refused to send the file.`, 'model-download-failed');
      offset = await discard(part);
    }
  } catch (err) {
    if (signal?.aborted) {
      if (!options.keepPartialOnAbort) await rm(part, { force: true });
      throw cancelled();
    }
    throw err;
  }
}

type TransferOutcome =
  | { kind: 'done'; bytes: number; sha1: string; resumedFromBytes: number }
  | { kind: 'restart' };

async function transfer(options: DownloadFileOptions, part: string, offset: number): Promise<TransferOutcome> {
  const { url, signal } = options;
  const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  let hash = createHash('sha1');
  if (offset > 0) await hashFile(part, hash, signal);

  const res = await get(url, offset, signal, idleTimeoutMs);
  if (res.statusCode === 416 && offset > 0) {
    res.resume();
    return { kind: 'restart' };
  }
  let resumed = offset > 0 && res.statusCode === 206;
  if (res.statusCode === 206) {
    const range = parseContentRange(res.headers['content-range']);
    if (!resumed || range?.start !== offset) {
      res.destroy();
      throw new UserFacingError(
        `The server at ${url} answered a request for bytes from ${offset} with the range ` +
          `"${res.headers['content-range'] ?? 'none'}".`,
        'model-download-failed',
      );
    }
  } else if (res.statusCode === 200) {
    // A server that ignores Range sends the whole file: start the .part and the checksum over.
    resumed = false;
    hash = createHash('sha1');
  } else {
    res.resume();
    throw new UserFacingError(
      `Download failed: HTTP ${res.statusCode} ${res.statusMessage ?? ''} for ${url}`.replace(/ +for/, ' for'),
      'model-download-failed',
    );
  }

  const startBytes = resumed ? offset : 0;
  const totalBytes = totalFromResponse(res, startBytes) ?? options.expectedBytes ?? null;
  if (options.expectedBytes != null && totalBytes !== null && totalBytes !== options.expectedBytes) {
    res.destroy();
    await rm(part, { force: true });
    throw new UserFacingError(
      `The server offers ${totalBytes} bytes for ${url} but ${options.expectedBytes} were expected.`,
      'model-size-mismatch',
    );
  }

  let received = startBytes;
  const progress = progressReporter(options.onProgress, startBytes, totalBytes);
  const file = await open(part, resumed ? 'a' : 'w');
  try {
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        hash.update(chunk);
        await writeAll(file, chunk, part);
        received += chunk.length;
        progress.maybeReport(received);
      }
    } catch (err) {
      if (err instanceof UserFacingError || signal?.aborted) throw err;
      throw interrupted(url, received, totalBytes, err);
    }
    if (totalBytes !== null && received < totalBytes) throw interrupted(url, received, totalBytes, null);
    await file.sync();
  } finally {
    await file.close();
  }
  progress.report(received);

  if (options.expectedBytes != null && received !== options.expectedBytes) {
    await rm(part, { force: true });
    throw new UserFacingError(
      `Downloaded ${received} bytes from ${url} but ${options.expectedBytes} were expected.`,
      'model-size-mismatch',
    );
  }
  const sha1 = hash.digest('hex');
  if (options.expectedSha1 && sha1 !== options.expectedSha1.toLowerCase()) {
    await rm(part, { force: true });
    throw new UserFacingError(
      `Checksum mismatch for ${url}: expected SHA-1 ${options.expectedSha1.toLowerCase()}, got ${sha1}. ` +
        'The partial file was deleted; try again.',
      'model-checksum-mismatch',
    );
  }
  return { kind: 'done', bytes: received, sha1, resumedFromBytes: resumed ? offset : 0 };
}

function interrupted(url: string, received: number, total: number | null, cause: unknown): UserFacingError {
  const reason = cause instanceof Error ? ` (${cause.message})` : '';
  return new UserFacingError(
    `Download of ${url} was interrupted after ${received} of ${total ?? 'unknown'} bytes${reason}. ` +
      'Start it again to resume where it stopped.',
    'model-download-interrupted',
    { cause },
  );
}

/** GET with redirects followed and a Range header from `offset` (kept across redirects). */
async function get(url: string, offset: number, signal: AbortSignal | undefined, idleTimeoutMs: number) {
  let current = new URL(url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const res = await requestOnce(current, offset, signal, idleTimeoutMs);
    const location = res.headers.location;
    if (!REDIRECT_STATUSES.has(res.statusCode ?? 0) || !location) return res;
    res.resume();
    current = new URL(location, current);
  }
  throw new UserFacingError(`Download of ${url} failed: more than ${MAX_REDIRECTS} redirects.`, 'model-download-failed');
}

function requestOnce(
  url: URL,
  offset: number,
  signal: AbortSignal | undefined,
  idleTimeoutMs: number,
): Promise<IncomingMessage> {
  const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (!client) {
    return Promise.reject(
      new UserFacingError(`Cannot download ${url.href}: only http and https URLs are supported.`, 'model-download-failed'),
    );
  }
  const headers: Record<string, string> = { 'user-agent': 'Debrief', 'accept-encoding': 'identity' };
  if (offset > 0) headers.range = `bytes=${offset}-`;
  return new Promise((resolve, reject) => {
    let response: IncomingMessage | undefined;
    const req = client.get(url, { headers, signal, timeout: idleTimeoutMs }, (res) => {
      response = res;
      resolve(res);
    });
    req.on('timeout', () => {
      // Fail the body stream with this reason too, so the error says why it stopped.
      const stalled = new Error(`no data for ${idleTimeoutMs / 1000} s`);
      response?.destroy(stalled);
      req.destroy(stalled);
    });
    req.on('error', (err) => {
      reject(
        signal?.aborted
          ? err
          : new UserFacingError(`Download failed: cannot reach ${url.href} (${err.message}).`, 'model-download-failed', {
              cause: err,
            }),
      );
    });
  });
}

function parseContentRange(header: string | undefined): { start: number; total: number | null } | null {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header?.trim() ?? '');
  if (!m) return null;
  return { start: Number(m[1]), total: m[3] === '*' ? null : Number(m[3]) };
}

function totalFromResponse(res: IncomingMessage, startBytes: number): number | null {
  if (res.statusCode === 206) {
    const total = parseContentRange(res.headers['content-range'])?.total;
    if (total != null) return total;
  }
  const length = res.headers['content-length'];
  return length !== undefined && /^\d+$/.test(length) ? startBytes + Number(length) : null;
}

function progressReporter(
  onProgress: DownloadFileOptions['onProgress'],
  startBytes: number,
  totalBytes: number | null,
) {
  const startedAt = performance.now();
  let lastAt = startedAt;
  const report = (receivedBytes: number) => {
    if (!onProgress) return;
    const now = performance.now();
    lastAt = now;
    const seconds = (now - startedAt) / 1000;
    onProgress({
      receivedBytes,
      totalBytes,
      bytesPerSecond: seconds > 0 ? Math.round((receivedBytes - startBytes) / seconds) : 0,
    });
  };
  return {
    report,
    maybeReport(receivedBytes: number) {
      if (performance.now() - lastAt >= PROGRESS_INTERVAL_MS) report(receivedBytes);
    },
  };
}

async function writeAll(file: FileHandle, chunk: Buffer, part: string): Promise<void> {
  try {
    let written = 0;
    while (written < chunk.length) {
      const { bytesWritten } = await file.write(chunk, written, chunk.length - written);
      written += bytesWritten;
    }
  } catch (err) {
    const full = (err as NodeJS.ErrnoException).code === 'ENOSPC';
    throw new UserFacingError(full ? `The disk is full: cannot write ${part}.` : `Cannot write ${part}: ${(err as Error).message}`, full ? 'disk-full' : 'model-download-failed', {
      cause: err,
    });
  }
}

async function hashFile(file: string, hash: Hash, signal: AbortSignal | undefined): Promise<void> {
  for await (const chunk of createReadStream(file, { signal })) hash.update(chunk as Buffer);
}

async function sizeOrZero(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function discard(file: string): Promise<0> {
  await rm(file, { force: true });
  return 0;
}

/** Makes the rename durable; not possible on every platform (Windows), where it is skipped. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
