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
