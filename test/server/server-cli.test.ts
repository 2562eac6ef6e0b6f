import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callServer } from '../../src/shared/server-api/call-server.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { runCli } from '../support/run-cli.js';

/** `debrief server init` and `debrief server run`, as a person would type them, over a real PostgreSQL. */
let pg: TestPostgres;
const bin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'debrief.mjs');

beforeAll(async () => {
  pg = await startTestPostgres();
});
afterAll(async () => {
  await pg?.stop();
});

it('initialises a team once, then serves it until stopped', async () => {
  const init = runCli(['server', 'init', '--database-url', pg.ownerUrl, '--team', 'Acme', '--admin-email', 'Boss@Example.com', '--admin-name', 'Bo Boss'], {
    DEBRIEF_ADMIN_PASSWORD: 'boss-password-1',
  });
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  const invite = /^(inv_\S+)$/m.exec(init.stdout)?.[1];
  expect(invite).toBeDefined();

  const again = runCli(['server', 'init', '--database-url', pg.ownerUrl, '--team', 'Other', '--admin-email', 'x@example.com', '--admin-name', 'X'], {});
  expect(again.code).toBe(1);
  expect(again.stderr).toBe('debrief: This database already has a team ("Acme"); an admin invites people from there.\n');

  const child = spawn(process.execPath, [bin, 'server', 'run', '--port', '0', '--log-level', 'warn'], {
    env: { ...process.env, DEBRIEF_SERVER_DATABASE_URL: pg.appUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`server exited ${code} before listening`)));
    });
    const joined = await callServer(origin, 'device.join', { invite: invite!, deviceName: "Bo's laptop" });
    expect(joined.user).toMatchObject({ email: 'boss@example.com', role: 'admin', displayName: 'Bo Boss' });
    const login = await callServer(origin, 'session.login', { email: 'boss@example.com', password: 'boss-password-1' });
    expect(login.user.id).toBe(joined.user.id);
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
});

it('lets an admin invite, list, re-role and disable people from the server host, through the API\'s own checks', async () => {
  const admin = ['--database-url', pg.appUrl, '--admin-email', 'boss@example.com'];
  const invite = runCli(['server', 'invite', ...admin, '--role', 'hiring-manager'], {});
  expect(invite.stderr).toBe('');
  const token = /^(inv_\S+)$/m.exec(invite.stdout)?.[1];
  expect(invite.stdout).toMatch(/^One-time invite for a new hiring manager \(valid until \d{4}-\d\d-\d\dT/);

  const { startTeamServer } = await import('../../src/server/team-server.js');
  const running = await startTeamServer({ databaseUrl: pg.appUrl, logLevel: 'silent' });
  try {
    const joined = await callServer(running.origin, 'device.join', { invite: token!, deviceName: "Hana's laptop", email: 'hana@example.com', displayName: 'Hana Hiring' });
    expect(joined.user.role).toBe('hiring_manager');
    expect(runCli(['server', 'people', ...admin], {}).stdout).toBe('boss@example.com\tBo Boss\tadmin\nhana@example.com\tHana Hiring\thiring manager\n');
    expect(runCli(['server', 'set-role', ...admin, '--email', 'Hana@example.com', '--role', 'recruiter'], {}).stdout).toBe('Hana Hiring (hana@example.com) is now recruiter.\n');
    const disabled = runCli(['server', 'disable', ...admin, '--email', 'hana@example.com'], {});
    expect(disabled.stdout).toMatch(/^Hana Hiring \(hana@example\.com\) is disabled since /);
    await expect(callServer(running.origin, 'sync.pull', { since: 0 }, { deviceToken: joined.deviceToken })).rejects.toMatchObject({ status: 401 });
  } finally {
    await running.close();
  }

  // Refusals in words: not an admin, a bad role, the team's last admin, nobody by that email.
  expect(runCli(['server', 'people', '--database-url', pg.appUrl, '--admin-email', 'hana@example.com'], {}).stderr).toBe('debrief: hana@example.com is not an admin of this team.\n');
  expect(runCli(['server', 'invite', ...admin, '--role', 'boss'], {}).stderr).toBe('debrief: --role must be one of admin, recruiter, hiring-manager, interviewer, not "boss".\n');
  expect(runCli(['server', 'disable', ...admin, '--email', 'boss@example.com'], {}).stderr).toBe("debrief: This is the team's only admin: make someone else an admin first.\n");
  const nobody = runCli(['server', 'set-role', ...admin, '--email', 'nobody@example.com', '--role', 'admin'], {});
  expect([nobody.code, nobody.stderr]).toEqual([1, 'debrief: Nobody on this team has the email nobody@example.com.\n']);
}, 120_000);

it('says plainly when the database is missing or unreachable', () => {
  const noUrl = runCli(['server', 'run'], { DEBRIEF_SERVER_DATABASE_URL: '' });
  expect(noUrl.stderr).toBe('debrief: Give the PostgreSQL URL of the debrief_app role with --database-url or DEBRIEF_SERVER_DATABASE_URL.\n');
  const dead = runCli(['server', 'migrate', '--database-url', 'postgres://x:y@127.0.0.1:1/none'], {});
  expect(dead.code).toBe(1);
  expect(dead.stderr).toBe('debrief: Nothing answers at that PostgreSQL address: is the database running?\n');
  const wrongDb = new URL(pg.ownerUrl);
  wrongDb.pathname = '/no_such_database';
  const missing = runCli(['server', 'migrate', '--database-url', wrongDb.toString()], {});
  expect(missing.stderr).toBe('debrief: That PostgreSQL database does not exist: create it first.\n');
});
