import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { migrateToLatest, type Database, type DB } from '../../db/index.js';
import { mergeChanges, type IncomingChange } from '../../db/sync/merge-changes.js';
import { inTransaction, type ServerDatabase, type ServerTransaction } from '../db/server-database.js';
import type { Caller } from '../http/handler.js';
import { pullChanges } from '../sync/pull-changes.js';
import { StoreCache, type CacheLimits } from './store-cache.js';

/** Largest page the pull protocol hands out. */
const PAGE = 1000;

let template: Promise<Buffer> | null = null;

/** An empty, migrated store in memory: migrated once per process, then copied from its bytes. */
async function emptyStore(): Promise<ProjectedStore> {
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
  return { db: new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) }), sqlite, cursor: 0, visibility: '' };
}

export interface ProjectedStore {
  db: Database;
  sqlite: BetterSqlite3.Database;
  /** The pull cursor this store is up to date with. */
  cursor: number;
  /** What decides this person's visibility beyond the log itself (see visibilityOf). */
  visibility: string;
}

/** Default bounds of the per-user cache: a few dozen people reviewing at once, 256 MiB of stores. */
export const DEFAULT_STORE_LIMITS: CacheLimits = { maxEntries: 32, maxBytes: 256 * 1024 * 1024 };

/**
 * Everything that can widen or narrow what this person's pull shows without a new change in the
 * log for them: their team role, their requisitions and roles there (a membership added or revoked
 * changes which old changes are theirs), the candidates they have scored (the panel's scorecards
 * become visible), and everyone's display name (a sign-off shows the signer's name).
 */
async function visibilityOf(trx: ServerTransaction, caller: Caller): Promise<string> {
  const team = caller.teamId;
  const me = caller.user.id;
  const result = await sql<{ members: string; scored: string; names: string }>`
    select
      (select coalesce(string_agg(requisition_id || ':' || role, ',' order by requisition_id), '')
         from requisition_members where team_id = ${team} and user_id = ${me}) as members,
      (select coalesce(md5(string_agg(candidate_id, ',' order by candidate_id)), '')
         from (select distinct candidate_id from sync_changes
               where team_id = ${team} and author_id = ${me} and entity = 'scorecard_version' and candidate_id is not null) s) as scored,
      (select coalesce(md5(string_agg(id || ':' || display_name, ',' order by id)), '')
         from users where team_id = ${team}) as names`.execute(trx);
  const row = result.rows[0]!;
  return `${caller.user.role}|${row.members}|${row.scored}|${row.names}`;
}

async function pullSince(trx: ServerTransaction, caller: Caller, since: number): Promise<{ changes: IncomingChange[]; next: number }> {
  const changes: IncomingChange[] = [];
  let next = since;
  for (;;) {
    const page = await pullChanges(trx, caller, { since: next, limit: PAGE });
    for (const { change, version } of page.changes) changes.push({ change, version });
    next = page.next;
    if (!page.more) break;
  }
  return { changes, next };
}

/**
 * The web view's store for each signed-in person: what they may see on the team server (the same
 * pull a laptop of theirs would get, so every access rule applies, the "only after submitting
 * their own" rule included), merged into an in-memory SQLite store by the laptop's own merge code.
 * The laptop's repositories then answer the channels exactly as on the laptop.
 *
 * The store is kept per person and brought up to date by pulling only since its cursor, as a
 * laptop does. It is rebuilt from nothing when their visibility changed (visibilityOf) or the
 * log holds a new erasure (it removed history the store holds). The cache is only an
 * optimisation: a fresh instance builds from scratch and answers the same.
 */
export class WebViewStores {
  private readonly cache: StoreCache<ProjectedStore>;

  constructor(
    private readonly db: ServerDatabase,
    limits: CacheLimits = DEFAULT_STORE_LIMITS,
  ) {
    this.cache = new StoreCache(limits, async (store) => void (await store.db.destroy()));
  }

  get size(): number {
    return this.cache.size;
  }

  async close(): Promise<void> {
    await this.cache.closeAll();
  }

  async with<T>(caller: Caller, fn: (store: Database) => Promise<T>): Promise<T> {
    const answer = await this.cache.use(`${caller.teamId}/${caller.user.id}`, async (cached) => {
      const pulled = await inTransaction(this.db, { teamId: caller.teamId, userId: caller.user.id }, async (trx) => {
        const visibility = await visibilityOf(trx, caller);
        let fresh = !cached || cached.visibility !== visibility;
        let pull = await pullSince(trx, caller, fresh ? 0 : cached!.cursor);
        if (!fresh && pull.changes.some((c) => c.change.entity === 'erasure')) {
          fresh = true;
          pull = await pullSince(trx, caller, 0);
        }
        const users = fresh || pull.changes.length > 0 ? await trx.selectFrom('users').select(['id', 'display_name']).where('team_id', '=', caller.teamId).execute() : [];
        return { visibility, fresh, ...pull, users };
      });
      const store = pulled.fresh ? await emptyStore() : cached!;
      try {
        if (pulled.changes.length > 0) {
          // An erasure in the pull removes files under `home`: give it an empty folder of its own.
          const home = await mkdtemp(path.join(os.tmpdir(), 'debrief-web-view-'));
          try {
            await mergeChanges(store.db, pulled.changes, { home });
          } finally {
            await rm(home, { recursive: true, force: true });
          }
        }
        // A sign-off made on the server names the person by their server id: show their name.
        for (const u of pulled.users) {
          await store.db.updateTable('rubric_versions').set({ signed_off_by: u.display_name }).where('signed_off_by', '=', u.id).execute();
        }
        store.cursor = pulled.next;
        store.visibility = pulled.visibility;
        // A handler's refusal (no such requisition) is an answer: the store stays good.
        const result = await fn(store.db).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        const bytes = Number(store.sqlite.pragma('page_count', { simple: true })) * Number(store.sqlite.pragma('page_size', { simple: true }));
        return { keep: store, bytes, result };
      } catch (error) {
        // A store half brought up to date is not kept (the cache closes the cached one on a throw).
        if (store !== cached) await store.db.destroy();
        throw error;
      }
    });
    if (!answer.ok) throw answer.error;
    return answer.value;
  }
}
