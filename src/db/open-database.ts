import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { UserFacingError } from '../core/errors.js';
import { migrateToLatest } from './migrate.js';
import { withStatementCache } from './statement-cache.js';
import { applyStoreKey, encryptStoreInPlace, isPlainStore } from './store-encryption.js';
import type { DB } from './schema.js';

export type Database = Kysely<DB>;

export interface OpenDatabaseOptions {
  /** The install's data key: the store is encrypted with it (a plain store is encrypted in place first). */
  key?: Buffer;
}

/** How long a write waits for another connection's lock before failing (ms). */
const busyTimeoutMs = 5000;

/**
 * Opens (creating if needed) the store at `file` and brings its schema up to date.
 * Call `db.destroy()` to close it.
 */
export async function openDatabase(file: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const db = connectDatabase(file, options);
  try {
    await migrateToLatest(db, 'sqlite', file);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/**
 * Opens the SQLite file with the store's connection settings but runs no
 * migrations: for migration tests and tools. The app uses openDatabase().
 */
export function connectDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let sqlite: BetterSqlite3.Database;
  try {
    if (options.key && isPlainStore(file)) encryptStoreInPlace(file, options.key);
    sqlite = new BetterSqlite3(file);
    if (options.key) applyStoreKey(sqlite, options.key);
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(`Cannot open the database ${file}: ${messageOf(error)}`, 'database-unreadable', {
      cause: error,
    });
  }
  try {
    // WAL: readers don't block the writer. NORMAL is crash-safe under WAL (a power cut
    // may lose the last commit, never corrupt). foreign_keys is off by default in SQLite.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // Deleted rows are overwritten with zeros, so an erased candidate leaves no bytes in free pages.
    sqlite.pragma('secure_delete = ON');
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  } catch (error) {
    sqlite.close();
    // The first statement is where SQLite notices a file that isn't a database, or the wrong key.
    if (options.key) {
      throw new UserFacingError(`${file} cannot be opened with this install's key: it is damaged or was locked with another key.`, 'database-wrong-key', {
        cause: error,
      });
    }
    if (!isPlainStore(file)) {
      // Without the key an encrypted store and a file that is no database look the same.
      throw new UserFacingError(`${file} is not a readable Debrief database: it is encrypted (unlock it with the app's key store or your passphrase) or it is not a database.`, 'database-locked', {
        cause: error,
      });
    }
    throw new UserFacingError(`${file} is not a readable Debrief database: ${messageOf(error)}`, 'database-unreadable', {
      cause: error,
    });
  }
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
