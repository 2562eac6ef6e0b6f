import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileRangeResponse, parseByteRange } from './file-range-response.js';

describe('parseByteRange', () => {
  it('reads the three byte-range forms, clamped to the file', () => {
    expect(parseByteRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseByteRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseByteRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseByteRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 });
  });

  it('refuses ranges past the end and ignores what it cannot read', () => {
    expect(parseByteRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=0-1,5-9', 1000)).toBeUndefined();
    expect(parseByteRange('items=0-1', 1000)).toBeUndefined();
    expect(parseByteRange('bytes=50-10', 1000)).toBeUndefined();
  });
});

describe('fileRangeResponse', () => {
  let dir: string;
  let file: string;
  const content = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'debrief-range-'));
    file = path.join(dir, 'track.wav');
    await writeFile(file, content);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves the whole file without a range, advertising range support', async () => {
    const response = await fileRangeResponse(file, null);
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(content);
  });

  it('serves exactly the requested bytes with 206', async () => {
    const response = await fileRangeResponse(file, 'bytes=16-31');
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 16-31/256');
    expect(response.headers.get('content-length')).toBe('16');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(content.subarray(16, 32));
  });

  it('answers 416 with the size for a range past the end', async () => {
    const response = await fileRangeResponse(file, 'bytes=300-');
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */256');
  });
});
