/**
 * Fixed-size buffers reused for queued audio, so a long recording allocates only up to its peak
 * backlog once and then recycles: memory stays flat however long the session runs.
 */
export class ChunkPool {
  private readonly free: Buffer[] = [];
  /** Chunks ever allocated: the pool's whole footprint, since none is released. */
  allocated = 0;

  constructor(readonly chunkBytes: number) {
    if (chunkBytes <= 0 || chunkBytes % 2 !== 0) throw new RangeError('chunk size must be a positive even number of bytes');
  }

  take(): Buffer {
    // allocUnsafeSlow: an unpooled, 0-aligned buffer, so Int16Array views over it are always valid.
    const reused = this.free.pop();
    if (reused) return reused;
    this.allocated++;
    return Buffer.allocUnsafeSlow(this.chunkBytes);
  }

  give(chunk: Buffer): void {
    this.free.push(chunk);
  }

  get freeChunks(): number {
    return this.free.length;
  }
}
