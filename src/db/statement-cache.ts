import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Statements kept per connection: enough for every query the app repeats in a loop (sync apply, imports). */
const CACHED_STATEMENTS = 256;

/**
 * The connection as kysely sees it, with its prepared statements reused: kysely prepares every
 * query anew, which costs as much as running a small one. Least recently used statements are
 * dropped past the limit; a statement still being iterated is never handed out twice.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached as unknown as SqliteStatement;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
      }
      return statement as unknown as SqliteStatement;
    },
  };
}
