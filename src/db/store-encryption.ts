import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { syncFolder } from '../core/privacy/store-key.js';
import { UserFacingError } from '../core/errors.js';

/**
 * The store is encrypted page by page by SQLite3 Multiple Ciphers (ChaCha20-Poly1305, so a changed
 * page fails authentication). The key is the install's random 32-byte data key, given as hex.
 */

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
export const STORE_CIPHER = 'chacha20';

/** Steps of `encryptStoreInPlace`, named for the crash test that kills the process at each. */
export type EncryptionStage = 'copied' | 'encrypted' | 'verified' | 'replaced';

export function encryptedCopyPath(file: string): string {
  return `${file}.encrypting`;
}

/** True when `file` is an SQLite store in the clear (its first 16 bytes say so). */
export function isPlainStore(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(PLAIN_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/** Sets the key on a fresh connection; must be the first statement on it. */
export function applyStoreKey(sqlite: BetterSqlite3.Database, key: Buffer): void {
  sqlite.pragma(`cipher = '${STORE_CIPHER}'`);
  sqlite.pragma(`hexkey = '${key.toString('hex')}'`);
}

/**
 * Turns a store kept in the clear into an encrypted one, crash-safely: a kill at any point leaves
 * either the old plain store or the new encrypted one whole, never half of each.
 * 1. The plain store (WAL folded in) is copied with VACUUM INTO beside it.
 * 2. The copy is encrypted in place (`rekey`, rollback-journaled) and checked with the key.
 * 3. The copy is fsynced and renamed over the original, and the folder fsynced.
 * A copy left by an earlier crash is thrown away first; the original is still whole then.
 */
export function encryptStoreInPlace(file: string, key: Buffer, onStage: (stage: EncryptionStage) => void = () => {}): void {
  const copy = encryptedCopyPath(file);
  removeStoreFiles(copy);

  const plain = new BetterSqlite3(file);
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.prepare('vacuum into ?').run(copy);
  } finally {
    plain.close();
  }
  onStage('copied');

  const target = new BetterSqlite3(copy);
  try {
    target.pragma('journal_mode = DELETE');
    target.pragma(`cipher = '${STORE_CIPHER}'`);
    target.pragma(`hexrekey = '${key.toString('hex')}'`);
  } finally {
    target.close();
  }
  onStage('encrypted');

  const check = new BetterSqlite3(copy);
  try {
    applyStoreKey(check, key);
    const result = check.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new Error(`the encrypted copy failed its check: ${String(result)}`);
  } finally {
    check.close();
  }
  fsyncFile(copy);
  onStage('verified');

  // A WAL left beside the plain store would be replayed into the encrypted one: there is none after
  // the last connection closed cleanly, and a stale -shm index is rebuilt, so both can go.
  for (const side of ['-wal', '-shm']) {
    const sideFile = `${file}${side}`;
    if (fs.existsSync(sideFile) && side === '-wal' && fs.statSync(sideFile).size > 0) {
      throw new UserFacingError(
        `Another program has ${path.basename(file)} open; close it (another Debrief window or command) and start again.`,
        'database-busy',
      );
    }
    fs.rmSync(sideFile, { force: true });
  }
  fs.renameSync(copy, file);
  syncFolder(path.dirname(file));
  onStage('replaced');
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function removeStoreFiles(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}
