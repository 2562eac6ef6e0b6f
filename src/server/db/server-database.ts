import { Kysely, Migrator, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { UserFacingError } from '../../core/errors.js';
import { ServerMigrationProvider, serverMigrations } from '../migrations/index.js';
import type { ServerDB } from './server-schema.js';

export type ServerDatabase = Kysely<ServerDB>;
export type ServerTransaction = Transaction<ServerDB>;

/** bigint columns (seq) come back as numbers: a team's sequence stays far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * A client whose multi-statement (simple protocol) queries answer with their last SELECT's rows,
 * so one round trip can both read and commit (see commitWith); kysely reads only one result.
 */
class ServerClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's query has many overloads; this only reshapes a promised result
  override query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- passed through as given
    const result = (super.query as (...a: any[]) => unknown)(...args);
    if (result instanceof Promise) {
      return result.then((r: pg.QueryResult | pg.QueryResult[]) => (Array.isArray(r) ? ([...r].reverse().find((x) => x.command === 'SELECT') ?? r[r.length - 1]) : r));
    }
    return result;
  }
}

export function openServerDatabase(connectionString: string, options: { max?: number } = {}): ServerDatabase {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types, Client: ServerClient });
  // A dropped connection (PostgreSQL restarting) must not crash the server: the query in flight fails
  // (a 500 the client retries), the pool discards the client, and the next query reconnects. A
  // checked-out client's 'error' has no pool listener, so each client gets its own.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<ServerDB>({ dialect: new PostgresDialect({ pool }) });
}

/** Applies pending server migrations; refuses a database a newer server migrated further. */
export async function migrateServerDatabase(ownerUrl: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema version
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: ownerUrl, max: 1 }) }) });
  try {
    const newer = (await appliedNames(db)).filter((n) => !serverMigrations.some((m) => m.name === n));
    if (newer.length > 0) {
      throw new UserFacingError(`The team database was updated by a newer Debrief server (migration ${newer.join(', ')}); update this server.`, 'database-too-new');
    }
    const { error, results } = await new Migrator({ db, provider: new ServerMigrationProvider() }).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`Team server migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  } finally {
    await db.destroy();
  }
}

/** Which server migrations the database lacks (the running server refuses to start on a behind schema). */
export async function pendingServerMigrations(db: ServerDatabase): Promise<string[]> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- kysely's own bookkeeping table
  const applied = new Set(await appliedNames(db as unknown as Kysely<any>));
  return serverMigrations.map((m) => m.name).filter((n) => !applied.has(n));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads kysely's own bookkeeping table
async function appliedNames(db: Kysely<any>): Promise<string[]> {
  const exists = await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return [];
  const rows: { name: string }[] = await db.selectFrom('kysely_migration').select('name').execute();
  return rows.map((r) => r.name);
}

/** Who a transaction acts for: row-level security reads these settings. */
export interface ActingAs {
  teamId: string;
  userId: string | null;
}

/**
 * A string literal for PostgreSQL, for statements sent with their values inlined (several in one
 * round trip): node-postgres's own escaping (quotes and backslashes doubled, E'' when a backslash
 * is there, so it reads the same whatever standard_conforming_strings says). PostgreSQL text cannot
 * hold NUL (a parameter would be refused too).
 */
export function literal(value: string): string {
  if (value.includes('\0')) throw new Error('PostgreSQL text cannot hold a NUL character');
  return pg.escapeLiteral(value);
}

/** Connections whose transaction a statement already committed (inTransaction then sends no commit). */
const committed = new WeakSet<object>();

/**
 * Runs `statement` (a statement with its values inlined as literals) and commits in the same
 * round trip, answering the statement's rows: locks taken in the transaction are released by
 * PostgreSQL without waiting for this process. The transaction's work must be done after it.
 */
export async function commitWith<R>(trx: ServerTransaction, statement: string): Promise<R[]> {
  const { rows } = await sql.raw<R>(`${statement}; commit`).execute(trx);
  committed.add(trx);
  return rows;
}

/**
 * Runs `fn` in one transaction with the row-level security settings for `who`. BEGIN and the
 * settings go in one round trip (a simple-protocol query of two statements): under load every
 * round trip is a wait for a busy core, and each request makes one or two of these transactions.
 */
export async function inTransaction<T>(db: ServerDatabase, who: ActingAs, fn: (trx: ServerTransaction) => Promise<T>): Promise<T> {
  return inTransactionOpening(db, who, null, (trx) => fn(trx));
}

/**
 * inTransaction whose first statement (`opening`, values inlined as literals) goes in the same
 * round trip as BEGIN; `fn` gets its rows.
 */
export async function inTransactionOpening<T, R = unknown>(db: ServerDatabase, who: ActingAs, opening: string | null, fn: (trx: ServerTransaction, rows: R[]) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    const settings = `select set_config('debrief.team_id', ${literal(who.teamId)}, true), set_config('debrief.user_id', ${literal(who.userId ?? '')}, true)`;
    const { rows } = await sql.raw<R>(`begin; ${settings}${opening ? `; ${opening}` : ''}`).execute(conn);
    let result: T;
    try {
      // The connection is inside the transaction just begun: for the query builders it is one.
      result = await fn(conn as unknown as ServerTransaction, opening ? rows : []);
    } catch (error) {
      committed.delete(conn);
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
    if (!committed.delete(conn)) await sql`commit`.execute(conn);
    return result;
  });
}
