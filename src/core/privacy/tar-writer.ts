import fs from 'node:fs/promises';

/**
 * A minimal POSIX ustar writer: what a subject-access export needs (regular files, short names),
 * streamed to the file so audio is never held whole in memory. Readable by any tar.
 */
export class TarWriter {
  private constructor(private readonly fh: fs.FileHandle) {}

  static async create(file: string): Promise<TarWriter> {
    return new TarWriter(await fs.open(file, 'wx', 0o600));
  }

  async addBuffer(name: string, data: Buffer | string): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    await this.fh.write(header(name, bytes.length));
    await this.fh.write(bytes);
    await this.pad(bytes.length);
  }

  /** Copies `source` in 1 MiB pieces. */
  async addFile(name: string, source: string): Promise<number> {
    const input = await fs.open(source, 'r');
    try {
      const { size } = await input.stat();
      await this.fh.write(header(name, size));
      const buffer = Buffer.alloc(1024 * 1024);
      let copied = 0;
      while (copied < size) {
        const { bytesRead } = await input.read(buffer, 0, Math.min(buffer.length, size - copied), copied);
        if (bytesRead === 0) throw new Error(`${source} shrank while being exported`);
        await this.fh.write(buffer, 0, bytesRead);
        copied += bytesRead;
      }
      await this.pad(size);
      return size;
    } finally {
      await input.close();
    }
  }

  /** An entry of a size known up front, from pieces made as it is written (decrypted audio). */
  async addPieces(name: string, size: number, pieces: AsyncIterable<Buffer>): Promise<number> {
    await this.fh.write(header(name, size));
    let written = 0;
    for await (const piece of pieces) {
      if (written + piece.length > size) throw new Error(`${name} is longer than its ${size} bytes`);
      await this.fh.write(piece);
      written += piece.length;
    }
    if (written !== size) throw new Error(`${name} ended after ${written} of its ${size} bytes`);
    await this.pad(size);
    return size;
  }

  async close(): Promise<void> {
    await this.fh.write(Buffer.alloc(1024)); // two empty blocks end the archive
    await this.fh.sync();
    await this.fh.close();
  }

  private async pad(size: number): Promise<void> {
    const rest = size % 512;
    if (rest > 0) await this.fh.write(Buffer.alloc(512 - rest));
  }
}

function header(name: string, size: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`archive entry name too long: ${name}`);
  const h = Buffer.alloc(512);
  const put = (value: string, offset: number, length: number) => h.write(value, offset, length, 'utf8');
  const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, '0');
  put(name, 0, 100);
  put(octal(0o600, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(Math.floor(Date.now() / 1000), 12), 136, 12);
  put('        ', 148, 8); // checksum counts as spaces while it is summed
  put('0', 156, 1);
  put('ustar\u000000', 257, 8);
  const sum = h.reduce((a, b) => a + b, 0);
  put(`${octal(sum, 7)}\u0000 `, 148, 8);
  return h;
}
