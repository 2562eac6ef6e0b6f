import os from 'node:os';
import path from 'node:path';
import { dataHome, databasePath, modelsDir } from '../core/app-paths.js';
import { storeKeyFor } from '../core/privacy/store-key.js';
import { plainSealer } from '../core/secrets/secret-sealer.js';
import { createModelManager } from '../core/transcribe/models/model-manager.js';
import { openDatabase, type Database } from '../db/index.js';

/** What every command may need, opened on first use so `--help` stays instant. */
export class CliContext {
  readonly home = dataHome();
  private db: Promise<Database> | undefined;
  /** The install's data key once the store is open (undefined for a store kept in the clear). */
  storeKey: Buffer | undefined;
  readonly models = createModelManager({ modelsDir: modelsDir(this.home) });

  database(): Promise<Database> {
    this.db ??= this.openStore();
    return this.db;
  }

  /**
   * The CLI reaches no OS key store: an encrypted store opens with DEBRIEF_PASSPHRASE, and a
   * passphrase given on a plain store encrypts it. Without one a plain store stays as it is.
   */
  private async openStore(): Promise<Database> {
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
