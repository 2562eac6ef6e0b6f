import path from 'node:path';
import { dataHome, databasePath, modelsDir } from '../core/app-paths.js';
import { createModelManager } from '../core/transcribe/models/model-manager.js';
import { openDatabase, type Database } from '../db/index.js';

/** What every command may need, opened on first use so `--help` stays instant. */
export class CliContext {
  readonly home = dataHome();
  private db: Promise<Database> | undefined;
  readonly models = createModelManager({ modelsDir: modelsDir(this.home) });

  database(): Promise<Database> {
    this.db ??= openDatabase(databasePath(this.home));
    return this.db;
  }

  async close(): Promise<void> {
    if (this.db) await (await this.db).destroy();
  }

  resolvePath(file: string): string {
    return path.resolve(file);
  }
}
