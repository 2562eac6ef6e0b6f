import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('withStatementCache', () => {
  let sqlite: BetterSqlite3.Database | undefined;
  afterEach(() => {
    if (sqlite?.open) sqlite.close();
  });

  it('hands back the same prepared statement for the same SQL, and a fresh one while it is being iterated', () => {
    sqlite = new BetterSqlite3(':memory:');
    const db = withStatementCache(sqlite);
    db.prepare('create table t (n integer)').run([]);
    const insert = db.prepare('insert into t (n) values (?)');
    for (const n of [1, 2, 3]) insert.run([n]);
    expect(db.prepare('insert into t (n) values (?)')).toBe(insert);

    const select = db.prepare('select n from t order by n');
    const seen: unknown[] = [];
    for (const row of select.iterate([])) {
      // The cached statement is busy: a nested use of the same SQL gets its own.
      const nested = db.prepare('select n from t order by n');
      expect(nested).not.toBe(select);
      seen.push([row, nested.all([]).length]);
    }
    expect(seen).toEqual([
      [{ n: 1 }, 3],
      [{ n: 2 }, 3],
      [{ n: 3 }, 3],
    ]);
    expect(db.prepare('select n from t order by n')).toBe(select);
  });

  it('keeps at most its limit of statements, dropping the least recently used', () => {
    sqlite = new BetterSqlite3(':memory:');
    const db = withStatementCache(sqlite);
    const first = db.prepare('select 0');
    for (let i = 1; i <= 300; i += 1) db.prepare(`select ${i}`);
    expect(db.prepare('select 300')).toBe(db.prepare('select 300'));
    expect(db.prepare('select 0')).not.toBe(first);
  });
});
