import type { FileHandle } from 'node:fs/promises';

/** Thrown by FileCursor when a read would run past the end of the file. */
export class EndOfFileError extends Error {
  constructor(
    /** The file size the read would have needed, at least. */
    readonly neededBytes: number,
    readonly fileBytes: number,
  ) {
    super(`needs at least ${neededBytes} bytes but the file has ${fileBytes}`);
    this.name = 'EndOfFileError';
  }
}

/**
 * Sequential little-endian reader over an open file, buffered so that walking
 * ~50 000 vocabulary entries costs a few dozen reads, and able to skip ahead
 * (tensor data) without reading what it skips.
 */
export class FileCursor {
  private buffer: Buffer;
  /** File offset of buffer[0]. */
  private bufferStart = 0;
  private bufferLength = 0;
  /** Current file offset. */
  position = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly fileBytes: number,
    bufferBytes = 64 * 1024,
  ) {
    this.buffer = Buffer.alloc(bufferBytes);
  }

  get remaining(): number {
    return this.fileBytes - this.position;
  }

  async int32(): Promise<number> {
    return (await this.bytes(4)).readInt32LE(0);
  }

  async uint32(): Promise<number> {
    return (await this.bytes(4)).readUInt32LE(0);
  }

  /** Returns a view of the next n bytes; valid until the next read. */
  async bytes(n: number): Promise<Buffer> {
    const end = this.position + n;
    if (end > this.fileBytes) throw new EndOfFileError(end, this.fileBytes);
    const bufferEnd = this.bufferStart + this.bufferLength;
    if (this.position < this.bufferStart || end > bufferEnd) await this.fill(n);
    const from = this.position - this.bufferStart;
    this.position = end;
    return this.buffer.subarray(from, from + n);
  }

  /** Moves ahead n bytes without reading them; fails if that passes the end of the file. */
  skip(n: number): void {
    const end = this.position + n;
    if (end > this.fileBytes) throw new EndOfFileError(end, this.fileBytes);
    this.position = end;
  }

  private async fill(atLeast: number): Promise<void> {
    if (atLeast > this.buffer.length) this.buffer = Buffer.alloc(atLeast);
    const want = Math.min(this.buffer.length, this.fileBytes - this.position);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await this.handle.read(this.buffer, got, want - got, this.position + got);
      if (bytesRead === 0) break; // the file shrank under us; the bounds check below reports it
      got += bytesRead;
    }
    this.bufferStart = this.position;
    this.bufferLength = got;
    if (got < atLeast) throw new EndOfFileError(this.position + atLeast, this.position + got);
  }
}
