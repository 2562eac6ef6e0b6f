import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { UserFacingError } from '../core/errors.js';
import { migrateServerDatabase, openServerDatabase, pendingServerMigrations, type ServerDatabase } from './db/server-database.js';
import { buildServer, type ServerOptions } from './http/build-server.js';
import { hashPassword } from './identity/passwords.js';
import { hashToken, newId, newToken } from './identity/tokens.js';

export interface InitTeamOptions {
  /** A URL for the role that owns (and so migrates) the tables. */
  ownerUrl: string;
  teamName: string;
  adminEmail: string;
  adminName: string;
  adminPassword?: string;
}

export interface InitTeamResult {
  teamId: string;
  adminUserId: string;
  /** One use: the first admin's laptop joins with it. */
  invite: string;
}

/** `debrief server init`: migrates, creates the team and its first admin, and makes their invite. */
export async function initTeam(options: InitTeamOptions): Promise<InitTeamResult> {
  await migrateServerDatabase(options.ownerUrl);
  const db = openServerDatabase(options.ownerUrl, { max: 1 });
  try {
    const passwordHash = options.adminPassword ? await hashPassword(options.adminPassword) : null;
    return await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('teams').select('name').executeTakeFirst();
      if (existing) throw new UserFacingError(`This database already has a team ("${existing.name}"); an admin invites people from there.`, 'team-exists');
      const teamId = newId('t');
      const adminUserId = newId('u');
      const invite = newToken('inv');
      await trx.insertInto('teams').values({ id: teamId, name: options.teamName }).execute();
      await trx
        .insertInto('users')
        .values({ id: adminUserId, team_id: teamId, email: options.adminEmail.trim().toLowerCase(), display_name: options.adminName, role: 'admin', password_hash: passwordHash })
        .execute();
      await trx
        .insertInto('invites')
        .values({ id: newId('i'), team_id: teamId, token_hash: hashToken(invite), role: 'admin', user_id: adminUserId, created_by: adminUserId, expires_at: new Date(Date.now() + 7 * 86_400_000) })
        .execute();
      return { teamId, adminUserId, invite };
    });
  } finally {
    await db.destroy();
  }
}

/** Connections per server instance: 50 laptops syncing wait on a pool of 10 (see bench/sync-server.ts). */
export const DEFAULT_POOL_SIZE = 20;

/**
 * The pool size, kept within what PostgreSQL accepts from ordinary roles (max_connections less the
 * reserved slots, less a few for tools and migrations): a pool it can't fill would fail requests
 * under load with "too many clients" instead of queueing them.
 */
async function fittingPoolSize(databaseUrl: string, wanted: number): Promise<number> {
  const probe = openServerDatabase(databaseUrl, { max: 1 });
  try {
    const { rows } = await sql<{ free: number }>`select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int - 5 as free`.execute(probe);
    return Math.max(1, Math.min(wanted, rows[0]?.free ?? wanted));
  } finally {
    await probe.destroy();
  }
}

export interface RunningServer {
  app: FastifyInstance;
  db: ServerDatabase;
  /** `http://host:port` */
  origin: string;
  close(): Promise<void>;
}

/** `debrief server run`: connects as the app role, checks the schema, listens. */
export async function startTeamServer(
  options: Omit<ServerOptions, 'db' | 'teamId'> & { databaseUrl: string; host?: string; port?: number; poolSize?: number },
): Promise<RunningServer> {
  const db = openServerDatabase(options.databaseUrl, { max: await fittingPoolSize(options.databaseUrl, options.poolSize ?? DEFAULT_POOL_SIZE) });
  try {
    const pending = await pendingServerMigrations(db);
    if (pending.length > 0) throw new UserFacingError(`The team database needs migrating (${pending.join(', ')}): run \`debrief server init\` or \`debrief server migrate\` first.`, 'database-behind');
    const team = await db.selectFrom('teams').select('id').execute();
    if (team.length !== 1) throw new UserFacingError('The team database has no team yet: run `debrief server init` first.', 'no-team');
    const app = buildServer({ ...options, db, teamId: team[0]!.id });
    const origin = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
    return {
      app,
      db,
      origin,
      async close() {
        await app.close();
        await db.destroy();
      },
    };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
