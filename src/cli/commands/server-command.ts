import type { Command } from 'commander';
import { UserFacingError } from '../../core/errors.js';
import { DEFAULT_BODY_LIMIT } from '../../server/http/body-limit.js';

// The server (Fastify, pg, argon2) loads only when a server command runs, never for the laptop's commands.
const loadServer = () => import('../../server/team-server.js');
const loadServerDatabase = () => import('../../server/db/server-database.js');

function databaseUrl(given: string | undefined, env: string, what: string): string {
  const url = given ?? process.env[env];
  if (!url) throw new UserFacingError(`Give the PostgreSQL URL ${what} with --database-url or ${env}.`, 'no-database-url');
  return url;
}

/** Connection failures in the person's words, not a driver's stack. */
function explainConnection(err: unknown): never {
  const code = (err as { code?: string }).code;
  if (code === 'ECONNREFUSED') throw new UserFacingError('Nothing answers at that PostgreSQL address: is the database running?', 'database-unreachable', { cause: err });
  if (code === '28P01' || code === '28000') throw new UserFacingError('PostgreSQL refused those credentials: check the user and password in the URL.', 'database-auth', { cause: err });
  if (code === '3D000') throw new UserFacingError('That PostgreSQL database does not exist: create it first.', 'database-missing', { cause: err });
  throw err;
}

export function registerServer(program: Command): void {
  const server = program.command('server').description('The team server: shares structured hiring data (never audio or transcripts) over PostgreSQL');

  server
    .command('init')
    .description('Create the team and its first admin in an empty database, and print their one-time invite')
    .option('--database-url <url>', 'PostgreSQL URL of the role that owns the tables (or DEBRIEF_SERVER_OWNER_URL)')
    .requiredOption('--team <name>', "the team's name")
    .requiredOption('--admin-email <email>', "the first admin's email")
    .requiredOption('--admin-name <name>', "the first admin's name")
    .action(async (opts: { databaseUrl?: string; team: string; adminEmail: string; adminName: string }) => {
      const ownerUrl = databaseUrl(opts.databaseUrl, 'DEBRIEF_SERVER_OWNER_URL', 'of the role that owns the tables');
      const password = process.env.DEBRIEF_ADMIN_PASSWORD;
      if (password !== undefined && password.length < 10) throw new UserFacingError('DEBRIEF_ADMIN_PASSWORD needs at least 10 characters.', 'weak-password');
      const result = await (await loadServer()).initTeam({ ownerUrl, teamName: opts.team, adminEmail: opts.adminEmail, adminName: opts.adminName, adminPassword: password }).catch(explainConnection);
      process.stdout.write(
        `Created team "${opts.team}" (${result.teamId}) with admin ${opts.adminEmail}.\n` +
          `One-time invite for the admin's laptop (valid 7 days; shown only now):\n${result.invite}\n`,
      );
    });

  server
    .command('migrate')
    .description('Apply pending team-database migrations (init does this too)')
    .option('--database-url <url>', 'PostgreSQL URL of the role that owns the tables (or DEBRIEF_SERVER_OWNER_URL)')
    .action(async (opts: { databaseUrl?: string }) => {
      await (await loadServerDatabase()).migrateServerDatabase(databaseUrl(opts.databaseUrl, 'DEBRIEF_SERVER_OWNER_URL', 'of the role that owns the tables')).catch(explainConnection);
      process.stdout.write('The team database is up to date.\n');
    });

  server
    .command('run')
    .description('Serve the team API; run several behind a load balancer over one database')
    .option('--database-url <url>', 'PostgreSQL URL of the debrief_app role (or DEBRIEF_SERVER_DATABASE_URL)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free one)', '8787')
    .option('--body-limit-kb <kb>', 'largest request accepted', String(DEFAULT_BODY_LIMIT / 1024))
    .option('--trust-proxy', 'take client addresses from X-Forwarded-For (behind a load balancer)')
    .option('--secure-cookies', 'mark the session cookie Secure (when reached over HTTPS)')
    .option('--log-level <level>', 'info, warn, error or silent', 'info')
    .option('--pool-size <n>', 'PostgreSQL connections this instance holds at most (kept under max_connections)', '20')
    .option('--web <dir>', 'serve the built web view from this folder (`npm run build:web` builds it into out/web)')
    .action(async (opts: { databaseUrl?: string; host: string; port: string; bodyLimitKb: string; trustProxy?: boolean; secureCookies?: boolean; logLevel: string; poolSize: string; web?: string }) => {
      const port = Number(opts.port);
      const kb = Number(opts.bodyLimitKb);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UserFacingError(`--port must be a port number, not "${opts.port}".`, 'bad-port');
      if (!Number.isInteger(kb) || kb < 1) throw new UserFacingError(`--body-limit-kb must be a positive whole number, not "${opts.bodyLimitKb}".`, 'bad-limit');
      const poolSize = Number(opts.poolSize);
      if (!Number.isInteger(poolSize) || poolSize < 1) throw new UserFacingError(`--pool-size must be a positive whole number, not "${opts.poolSize}".`, 'bad-pool-size');
      const running = await (await loadServer()).startTeamServer({
        databaseUrl: databaseUrl(opts.databaseUrl, 'DEBRIEF_SERVER_DATABASE_URL', 'of the debrief_app role'),
        host: opts.host,
        port,
        bodyLimit: kb * 1024,
        trustProxy: opts.trustProxy ?? false,
        secureCookies: opts.secureCookies ?? false,
        logLevel: opts.logLevel,
        poolSize,
        logStream: process.stderr,
        webRoot: opts.web,
      }).catch(explainConnection);
      process.stdout.write(`Debrief team server listening on ${running.origin}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      await running.close();
    });
}
