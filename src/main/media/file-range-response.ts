import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ENCRYPTED_AUDIO_EXTENSION } from '../../core/privacy/encrypted-audio.js';
import { encryptedRangeResponse } from './encrypted-range-response.js';

const contentTypes: Record<string, string> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.mp4': 'audio/mp4',
  '.aac': 'audio/aac',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.webm': 'audio/webm',
  '.flac': 'audio/flac',
};

export function audioContentType(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * A web Response for `file` honouring an HTTP Range header, so `<audio>` can seek
 * without reading the whole recording: 200 for no range, 206 for a satisfiable
 * single range, 416 otherwise. Multi-range requests get the whole file (allowed by RFC 9110).
 */
export async function fileRangeResponse(file: string, rangeHeader: string | null | undefined, options: { encryptionKey?: Buffer } = {}): Promise<Response> {
  if (file.endsWith(ENCRYPTED_AUDIO_EXTENSION)) {
    const common = { 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' };
    if (!options.encryptionKey) return new Response('This recording is encrypted and the store is locked', { status: 403, headers: common });
    return encryptedRangeResponse(file, options.encryptionKey, (size) => (rangeHeader ? parseByteRange(rangeHeader, size) : undefined), common);
  }
  const size = (await stat(file)).size;
  const headers = {
    'Accept-Ranges': 'bytes',
    'Content-Type': audioContentType(file),
    'Cache-Control': 'no-store',
  };
  const range = rangeHeader ? parseByteRange(rangeHeader, size) : undefined;
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
  }
  if (range === undefined || size === 0) {
    return new Response(body(file), { status: 200, headers: { ...headers, 'Content-Length': String(size) } });
  }
  const { start, end } = range;
  return new Response(body(file, start, end), {
    status: 206,
    headers: { ...headers, 'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/${size}` },
  });
}

function body(file: string, start?: number, end?: number): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
}

/**
 * Parses `bytes=a-b`, `bytes=a-` and `bytes=-n` against a file of `size` bytes.
 * Returns undefined when the header should be ignored (not bytes, several ranges, malformed).
 */
export function parseByteRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (size === 0) return 'unsatisfiable';
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return undefined;
  return { start, end };
}
