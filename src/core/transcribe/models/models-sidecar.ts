import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UserFacingError } from '../../errors.js';
import { describeIssues } from '../../zod-issues.js';

/** What Debrief remembers about an installed model file, keyed by file name in models.json. */
export const installRecordSchema = z.object({
  origin: z.enum(['download', 'import']),
  /** The URL it was downloaded from, or the path it was imported from. */
  source: z.string(),
  sha1: z.string().regex(/^[0-9a-f]{40}$/),
  /** File size when recorded; a different size on disk means the record is stale. */
  bytes: z.number().int().nonnegative(),
  kind: z.enum(['whisper', 'vad']),
  /** null for VAD models. */
  multilingual: z.boolean().nullable(),
  installedAt: z.string(),
});
export type InstallRecord = z.infer<typeof installRecordSchema>;

const sidecarSchema = z.object({
  version: z.literal(1),
  models: z.record(z.string(), installRecordSchema),
});
type Sidecar = z.infer<typeof sidecarSchema>;

export const SIDECAR_FILE_NAME = 'models.json';

/**
 * models.json beside the model files: checksums and where each model came from.
 * Updates are serialised within the process and written atomically (temp file, fsync, rename).
 */
export class ModelsSidecar {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly modelsDir: string) {}

  get path(): string {
    return path.join(this.modelsDir, SIDECAR_FILE_NAME);
  }

  async read(): Promise<Record<string, InstallRecord>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw this.invalid(`it is not JSON (${(err as Error).message})`);
    }
    const parsed = sidecarSchema.safeParse(json);
    if (!parsed.success) {
      throw this.invalid(describeIssues(parsed.error, { topLevel: 'top level' }));
    }
    return parsed.data.models;
  }

  /** Applies `change` to the records and saves them; calls run one at a time. */
  update(change: (models: Record<string, InstallRecord>) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const models = await this.read();
      change(models);
      await this.write({ version: 1, models });
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(sidecar: Sidecar): Promise<void> {
    const tmp = `${this.path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      const file = await open(tmp, 'w');
      try {
        await file.writeFile(`${JSON.stringify(sidecar, null, 2)}\n`);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(tmp, this.path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  private invalid(problem: string): UserFacingError {
    return new UserFacingError(
      `${this.path} is damaged (${problem}). Delete it: it only records checksums and where models came from.`,
      'models-json-invalid',
    );
  }
}
