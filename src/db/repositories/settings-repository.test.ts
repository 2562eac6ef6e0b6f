import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserFacingError } from '../../core/errors.js';
import { openDatabase, type Database } from '../open-database.js';
import { deleteSetting, getSetting, setSetting } from './settings-repository.js';

const modelSetting = z.object({ name: z.string().min(1), threads: z.number().int().positive().default(4) });

let dir: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-settings-'));
  db = await openDatabase(path.join(dir, 'store.sqlite'));
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('settings repository', () => {
  it('returns undefined for a setting never set', async () => {
    expect(await getSetting(db, 'model', modelSetting)).toBeUndefined();
  });

  it('round-trips a value, storing the schema output (defaults applied)', async () => {
    await setSetting(db, 'model', modelSetting, { name: 'base.en' });
    expect(await getSetting(db, 'model', modelSetting)).toEqual({ name: 'base.en', threads: 4 });
    const row = await db.selectFrom('settings').selectAll().where('key', '=', 'model').executeTakeFirstOrThrow();
    expect(JSON.parse(row.value)).toEqual({ name: 'base.en', threads: 4 });
    expect(row.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('overwrites an existing value', async () => {
    await setSetting(db, 'theme', z.enum(['light', 'dark']), 'light');
    await setSetting(db, 'theme', z.enum(['light', 'dark']), 'dark');
    expect(await getSetting(db, 'theme', z.enum(['light', 'dark']))).toBe('dark');
    expect(await db.selectFrom('settings').select('key').execute()).toHaveLength(1);
  });

  it('refuses to write a value its schema rejects, naming the setting and field', async () => {
    const attempt = setSetting(db, 'model', modelSetting, { name: 'base.en', threads: -1 });
    await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
    await expect(attempt).rejects.toThrow(/setting "model": threads/);
    expect(await getSetting(db, 'model', modelSetting)).toBeUndefined();
  });

  it('reports a stored value that no longer fits its schema or is not JSON', async () => {
    await setSetting(db, 'model', z.unknown(), { name: '' });
    await expect(getSetting(db, 'model', modelSetting)).rejects.toThrow(/Setting "model" in the database is invalid \(name/);
    await db.updateTable('settings').set({ value: '{oops' }).where('key', '=', 'model').execute();
    await expect(getSetting(db, 'model', modelSetting)).rejects.toThrow(/not valid JSON/);
  });

  it('deletes a setting', async () => {
    await setSetting(db, 'flag', z.boolean(), true);
    expect(await deleteSetting(db, 'flag')).toBe(true);
    expect(await deleteSetting(db, 'flag')).toBe(false);
    expect(await getSetting(db, 'flag', z.boolean())).toBeUndefined();
  });
});
