import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../core/errors.js';
import { migrations } from './migrations/index.js';
import { openDatabase } from './open-database.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-open-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates missing parent folders, sets the connection pragmas and applies every migration', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'store.sqlite');
    const db = await openDatabase(file);
    try {
      expect(existsSync(file)).toBe(true);
      const pragma = async (name: string) =>
        Object.values((await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(db)).rows[0]!)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('synchronous')).toBe(1); // NORMAL
      expect(await pragma('busy_timeout')).toBe(5000);
      const applied = await db.selectFrom('kysely_migration' as never).select('name' as never).execute();
      expect(applied.map((r) => (r as { name: string }).name)).toEqual(migrations.map((m) => m.name));
    } finally {
      await db.destroy();
    }
  });

  it('is idempotent: reopening runs nothing new and keeps data', async () => {
    const file = path.join(dir, 'store.sqlite');
    const first = await openDatabase(file);
    await first.insertInto('settings').values({ key: 'k', value: '1', updated_at: 'now' }).execute();
    await first.destroy();
    const second = await openDatabase(file);
    try {
      expect(await second.selectFrom('settings').select('value').execute()).toEqual([{ value: '1' }]);
    } finally {
      await second.destroy();
    }
  });

  it('refuses a file that is not a database, naming it', async () => {
    const file = path.join(dir, 'notes.sqlite');
    writeFileSync(file, 'this is plainly not SQLite '.repeat(100));
    const attempt = openDatabase(file);
    await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
    await expect(attempt).rejects.toThrow(/notes\.sqlite is not a readable Debrief database/);
  });

  it('refuses a database migrated by a newer Debrief', async () => {
    const file = path.join(dir, 'store.sqlite');
    const db = await openDatabase(file);
    await db
      .insertInto('kysely_migration' as never)
      .values({ name: '9999-from-the-future', timestamp: new Date().toISOString() } as never)
      .execute();
    await db.destroy();
    const attempt = openDatabase(file);
    await expect(attempt).rejects.toMatchObject({ code: 'database-too-new' });
    await expect(attempt).rejects.toThrow(/9999-from-the-future/);
  });
});
