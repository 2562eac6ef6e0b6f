import type { Command } from 'commander';
import { UserFacingError } from '../../core/errors.js';
import { DEFAULT_BODY_LIMIT } from '../../server/http/body-limit.js';
import type { AdminCall } from '../../server/identity/as-admin.js';
import type { ServerUser } from '../../shared/server-api/server-api.js';

// The server (Fastify, pg, argon2) loads only when a server command runs, never for the laptop's commands.
const loadServer = () => import('../../server/team-server.js');
const loadServerDatabase = () => import('../../server/db/server-database.js');
const loadAsAdmin = async () => (await import('../../server/identity/as-admin.js')).asAdmin;

// The API's team roles (server-api.ts teamRoleSchema), named here so a laptop command never loads the server's tables.
type TeamRole = ServerUser['role'];
const ROLES: readonly TeamRole[] = ['admin', 'recruiter', 'hiring_manager', 'interviewer'];

function teamRole(given: string): TeamRole {
  const role = given.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (!(ROLES as readonly string[]).includes(role)) throw new UserFacingError(`--role must be one of admin, recruiter, hiring-manager, interviewer, not "${given}".`, 'bad-role');
  return role as TeamRole;
}

interface AdminOptions {
  databaseUrl?: string;
  adminEmail: string;
}

/** An admin's people work through the API's own handlers, from the server's host (server/identity/as-admin.ts). */
async function asAdmin<T>(opts: AdminOptions, task: (call: AdminCall) => Promise<T>): Promise<T> {
  const url = databaseUrl(opts.databaseUrl, 'DEBRIEF_SERVER_DATABASE_URL', 'of the debrief_app role');
  return (await loadAsAdmin())(url, opts.adminEmail, task).catch(explainConnection);
}

/** The team member with this email, or a plain refusal. */
async function userId(call: AdminCall, email: string): Promise<string> {
  const wanted = email.trim().toLowerCase();
  const found = (await call('users.list', {})).users.find((u) => u.email === wanted);
  if (!found) throw new UserFacingError(`Nobody on this team has the email ${email}.`, 'no-such-user');
  return found.id;
}

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

  const adminCommand = (name: string, description: string) =>
    server
      .command(name)
      .description(description)
      .option('--database-url <url>', 'PostgreSQL URL of the debrief_app role (or DEBRIEF_SERVER_DATABASE_URL)')
      .requiredOption('--admin-email <email>', 'the admin doing it (the work runs as them, through the API\'s own checks)');

  adminCommand('invite', 'Make a one-time invite for a new person with a role; they join from the app\'s Settings')
    .requiredOption('--role <role>', 'admin, recruiter, hiring-manager or interviewer')
    .option('--valid-days <days>', 'how long the invite works (1–30)', '7')
    .action(async (opts: AdminOptions & { role: string; validDays: string }) => {
      const out = await asAdmin(opts, (call) => call('invite.create', { role: teamRole(opts.role), validDays: Number(opts.validDays) }));
      process.stdout.write(`One-time invite for a new ${out.role.replace('_', ' ')} (valid until ${out.expiresAt}; shown only now):\n${out.invite}\n`);
    });

  adminCommand('people', 'List the people on the team, their roles and whether they are disabled').action(async (opts: AdminOptions) => {
    const { users } = await asAdmin(opts, (call) => call('users.list', {}));
    for (const u of users) process.stdout.write(`${u.email}\t${u.displayName}\t${u.role.replace('_', ' ')}${u.disabled ? '\tdisabled' : ''}\n`);
  });

  adminCommand('set-role', "Change a person's team role (a hiring role taken away also goes from their requisitions)")
    .requiredOption('--email <email>', 'whose role')
    .requiredOption('--role <role>', 'admin, recruiter, hiring-manager or interviewer')
    .action(async (opts: AdminOptions & { email: string; role: string }) => {
      const { user } = await asAdmin(opts, async (call) => call('users.setRole', { userId: await userId(call, opts.email), role: teamRole(opts.role) }));
      process.stdout.write(`${user.displayName} (${user.email}) is now ${user.role.replace('_', ' ')}.\n`);
    });

  adminCommand('disable', 'Disable someone leaving the team: their devices and web sessions stop working; their work stays')
    .requiredOption('--email <email>', 'who')
    .action(async (opts: AdminOptions & { email: string }) => {
      const out = await asAdmin(opts, async (call) => call('users.disable', { userId: await userId(call, opts.email) }));
      process.stdout.write(`${out.user.displayName} (${out.user.email}) is disabled since ${out.disabledAt}.\n`);
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
