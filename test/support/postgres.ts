import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
/** Debian's PostgreSQL binaries (the newest installed major version), or DEBRIEF_PG_BIN. */
export function pgBinary(): string {
  if (process.env.DEBRIEF_PG_BIN) return process.env.DEBRIEF_PG_BIN;
  const versions = (() => {
    try {
      return readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    } catch {
      return [];
    }
  })();
  if (versions.length === 0) throw new Error('PostgreSQL is not installed (apt-get install postgresql), and DEBRIEF_TEST_PG_URL is not set.');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

/** A fresh database for one test file: `ownerUrl` migrates (owns the tables), `appUrl` is what the server uses. */
export interface TestPostgres {
  ownerUrl: string;
  /** Connects as `debrief_app`, a role that owns nothing, so row-level security applies to it. */
  appUrl: string;
  database: string;
  /** Stops the throwaway cluster (or drops the database in a shared one). */
  stop(): Promise<void>;
  /** Restarts the throwaway cluster (fault tests); a shared one can't be restarted. */
  restart?(): Promise<void>;
}

const APP_PASSWORD = 'debrief-app-test';

/**
 * Uses `DEBRIEF_TEST_PG_URL` (a superuser URL, e.g. CI's) when set, else starts a throwaway
 * PostgreSQL: initdb into a temp dir (as user postgres when we are root: initdb refuses root),
 * listening on 127.0.0.1 only, on a free port.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const shared = process.env.DEBRIEF_TEST_PG_URL;
  if (shared) return createDatabase(shared, async () => {});
  const cluster = await startCluster();
  const db = await createDatabase(cluster.url, cluster.stop);
  return { ...db, restart: cluster.restart };
}

async function createDatabase(superUrl: string, stopCluster: () => Promise<void>): Promise<TestPostgres> {
  const database = `debrief_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: superUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${database}`);
    // Cluster-wide role, made once; migrations grant it table rights.
    await admin.query(`do $$ begin
      if not exists (select from pg_roles where rolname = 'debrief_app') then create role debrief_app login password '${APP_PASSWORD}'; end if;
    end $$`);
  } finally {
    await admin.end();
  }
  const ownerUrl = withDatabase(superUrl, database);
  const app = new URL(ownerUrl);
  app.username = 'debrief_app';
  app.password = APP_PASSWORD;
  return {
    ownerUrl,
    appUrl: app.toString(),
    database,
    async stop() {
      const c = new pg.Client({ connectionString: superUrl });
      await c.connect();
      await c.query(`drop database if exists ${database} with (force)`).catch(() => undefined);
      await c.end();
      await stopCluster();
    },
  };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function startCluster(): Promise<{ url: string; stop(): Promise<void>; restart(): Promise<void> }> {
  const BIN = pgBinary();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'debrief-pg-'));
  const data = path.join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  const pwfile = path.join(dir, 'pw');
  await writeFile(pwfile, password);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout), Number(gid));
    await chown(pwfile, Number(stdout), Number(gid));
    await chmod(dir, 0o700);
  }
  const as = (cmd: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  await run(...as(path.join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--no-sync']));
  const port = await freePort();
  const ctl = async (action: 'start' | 'stop', extra: string[] = []): Promise<void> => {
    const [cmd, args] = as(path.join(BIN, 'pg_ctl'), [
      '-D', data, '-w', '-l', path.join(dir, 'log'), action, ...extra,
    ]);
    // pg_ctl start leaves the server running: don't wait on its inherited stdio.
    await new Promise<void>((resolve, reject) => {
      const child = spawn(cmd, args, { stdio: 'ignore' });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl ${action} exited ${code}; see ${dir}/log`))));
    });
  };
  const options = ['-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`];
  await ctl('start', options);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await ctl('stop', ['-m', 'fast']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
    async restart() {
      await ctl('stop', ['-m', 'immediate']);
      await ctl('start', options);
    },
  };
}

/** One query on its own connection (as the owner, to look past row-level security, or as the app role). */
export async function queryAs<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
