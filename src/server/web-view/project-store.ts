import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest, type Database, type DB } from '../../db/index.js';
import { mergeChanges, type IncomingChange } from '../../db/sync/merge-changes.js';
import { inTransaction, type ServerDatabase } from '../db/server-database.js';
import type { Caller } from '../http/handler.js';
import { pullChanges } from '../sync/pull-changes.js';

/** Largest page the pull protocol hands out. */
const PAGE = 1000;

let template: Promise<Buffer> | null = null;

/** An empty, migrated store in memory: migrated once per process, then copied from its bytes. */
async function emptyStore(): Promise<Database> {
  template ??= (async () => {
    const sqlite = new BetterSqlite3(':memory:');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    try {
      await migrateToLatest(db, 'sqlite', 'The web view store');
      return sqlite.serialize();
    } finally {
      await db.destroy();
    }
  })().catch((error: unknown) => {
    template = null;
    throw error;
  });
  const sqlite = new BetterSqlite3(await template);
  // The merge keeps a change whose parent hasn't arrived pending: that needs foreign keys on.
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/**
 * The web view's store for one request: what this person may see on the team server (the same
 * pull a laptop of theirs would get, so every access rule applies, the "only after submitting
 * their own" rule included), merged into a throwaway in-memory SQLite store by the laptop's own
 * merge code. The laptop's repositories then answer the channels exactly as on the laptop.
 */
export async function withProjectedStore<T>(db: ServerDatabase, caller: Caller, fn: (store: Database) => Promise<T>): Promise<T> {
  const { changes, names } = await inTransaction(db, { teamId: caller.teamId, userId: caller.user.id }, async (trx) => {
    const all: IncomingChange[] = [];
    for (let since = 0; ; ) {
      const page = await pullChanges(trx, caller, { since, limit: PAGE });
      for (const { change, version } of page.changes) all.push({ change, version });
      since = page.next;
      if (!page.more) break;
    }
    const users = await trx.selectFrom('users').select(['id', 'display_name']).where('team_id', '=', caller.teamId).execute();
    return { changes: all, names: new Map(users.map((u) => [u.id, u.display_name])) };
  });
  // An erasure in the pull removes files under `home`: give it an empty folder of its own.
  const home = await mkdtemp(path.join(os.tmpdir(), 'debrief-web-view-'));
  const store = await emptyStore();
  try {
    await mergeChanges(store, changes, { home });
    // A sign-off made on the server names the person by their server id: show their name.
    for (const [id, name] of names) {
      await store.updateTable('rubric_versions').set({ signed_off_by: name }).where('signed_off_by', '=', id).execute();
    }
    return await fn(store);
  } finally {
    await store.destroy();
    await rm(home, { recursive: true, force: true });
  }
}
