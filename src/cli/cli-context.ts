import os from 'node:os';
import path from 'node:path';
import { dataHome, databasePath, modelsDir } from '../core/app-paths.js';
import type { ModelManager } from '../core/transcribe/models/model-manager.js';
import type { Database } from '../db/index.js';

/**
 * What every command may need, opened (and its modules loaded) on first use, so `--help` stays
 * instant and a command carries in memory only what it touches.
 */
export class CliContext {
  readonly home = dataHome();
  private db: Promise<Database> | undefined;
  /** The install's data key once the store is open (undefined for a store kept in the clear). */
  storeKey: Buffer | undefined;
  private modelManager: Promise<ModelManager> | undefined;

  models(): Promise<ModelManager> {
    this.modelManager ??= import('../core/transcribe/models/model-manager.js').then(({ createModelManager }) => createModelManager({ modelsDir: modelsDir(this.home) }));
    return this.modelManager;
  }

  database(): Promise<Database> {
    this.db ??= this.openStore();
    return this.db;
  }

  /**
   * The CLI reaches no OS key store: an encrypted store opens with DEBRIEF_PASSPHRASE, and a
   * passphrase given on a plain store encrypts it. Without one a plain store stays as it is.
   */
  private async openStore(): Promise<Database> {
    const [{ storeKeyFor }, { plainSealer }, { openDatabase }] = await Promise.all([
      import('../core/privacy/store-key.js'),
      import('../core/secrets/secret-sealer.js'),
      import('../db/index.js'),
    ]);
    const passphrase = process.env.DEBRIEF_PASSPHRASE || undefined;
    const key = await storeKeyFor(this.home, { sealer: plainSealer, passphrase, create: passphrase !== undefined });
    this.storeKey = key;
    return openDatabase(databasePath(this.home), { key });
  }

  /** Who the audit trail says did it. */
  readonly actor = `${os.userInfo().username} (command line)`;

  async close(): Promise<void> {
    // A store that failed to open was already reported by the command.
    const db = await this.db?.catch(() => undefined);
    await db?.destroy();
  }

  resolvePath(file: string): string {
    return path.resolve(file);
  }
}
