import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncChange } from '../../src/core/sync/sync-change.js';
import { callServer, ServerCallError } from '../../src/shared/server-api/call-server.js';
import { ChangeMaker, push } from '../support/sync-changes.js';
import { startTestTeam, type Member, type TestTeam } from '../support/team-server.js';

/**
 * Crash safety of a push: the server process SIGKILLed while its batch transaction is open, and
 * PostgreSQL restarted under a waiting push. Afterwards the retried batch is stored exactly once.
 * "Mid-push" is made certain, not timed: the test holds the team row's lock, so the push is
 * provably inside its transaction (waiting in pg_stat_activity) when the fault hits.
 */
let team: TestTeam;
let rec: Member;
const bin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'debrief.mjs');

async function owner(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: team.pg.ownerUrl });
  // A restart ends this connection too; the test notices through its queries.
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Holds the team row locked until released: any push waits inside its transaction. */
async function holdTeamLock(): Promise<{ waiting(): Promise<boolean>; release(): Promise<void> }> {
  const c = await owner();
  await c.query('begin');
  await c.query('select last_seq from teams for update');
  return {
    // Asked on another connection: pg_stat_activity is a snapshot for the length of a transaction.
    async waiting() {
      const other = await owner();
      try {
        const r = await other.query("select count(*)::int as n from pg_stat_activity where usename = 'debrief_app' and wait_event_type = 'Lock'");
        return (r.rows[0] as { n: number }).n > 0;
      } finally {
        await other.end();
      }
    },
    async release() {
      await c.query('rollback').catch(() => undefined);
      await c.end().catch(() => undefined);
    },
  };
}

async function countStored(changes: SyncChange[]): Promise<number> {
  const c = await owner();
  try {
    const r = await c.query('select count(*)::int as n from sync_changes where change_id = any($1)', [changes.map((x) => x.id)]);
    return (r.rows[0] as { n: number }).n;
  } finally {
    await c.end();
  }
}

function startServerProcess(): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, [bin, 'server', 'run', '--port', '0', '--log-level', 'silent'], {
    env: { ...process.env, DEBRIEF_SERVER_DATABASE_URL: team.pg.appUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, origin: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code} before listening`)));
  });
}

beforeAll(async () => {
  team = await startTestTeam();
  rec = await team.join('recruiter', 'Kim Killed');
  await rec.call('sync.push', push([new ChangeMaker('kim').upsert('requisition', 'req-f', { title: 'Faults' })]));
});
afterAll(async () => {
  await team?.close();
});

function batch(prefix: string, n: number): SyncChange[] {
  const maker = new ChangeMaker(prefix);
  return Array.from({ length: n }, (_, i) => maker.upsert('candidate', `${prefix}-${i}`, { requisitionId: 'req-f', name: `Candidate ${i}` }));
}

it('stores nothing of a batch whose server was SIGKILLed mid-push, and the retry exactly once', async () => {
  const changes = batch('kill', 200);
  const first = await startServerProcess();
  const lock = await holdTeamLock();
  const answered = callServer(first.origin, 'sync.push', push(changes), rec.auth).then(
    () => 'answered',
    () => 'failed',
  );
  try {
    await until('the push waits inside its transaction', () => lock.waiting());
    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await exited;
  } finally {
    await lock.release();
  }
  expect(await answered).toBe('failed');
  // The dead connection's transaction is gone: rolled back, or (its commit sent in the same round
  // trip as its last statement, which was waiting on the lock) committed whole; never in part.
  await until('the killed transaction is gone', async () => [0, 200].includes(await countStored(changes)) && !(await (async () => {
    const c = await owner();
    try {
      const r = await c.query("select count(*)::int as n from pg_stat_activity where usename = 'debrief_app' and state like 'idle in transaction%'");
      return (r.rows[0] as { n: number }).n > 0;
    } finally {
      await c.end();
    }
  })()));

  const second = await startServerProcess();
  try {
    const storedBefore = await countStored(changes);
    const retry = await callServer(second.origin, 'sync.push', push(changes), rec.auth);
    expect(retry.outcomes.every((o) => o.status === (storedBefore === 0 ? 'applied' : 'duplicate'))).toBe(true);
    const again = await callServer(second.origin, 'sync.push', push(changes), rec.auth);
    expect(again.outcomes.every((o) => o.status === 'duplicate')).toBe(true);
    expect(await countStored(changes)).toBe(200);
  } finally {
    second.child.kill('SIGTERM');
  }
});

it('recovers when PostgreSQL restarts under a waiting push: the retry lands exactly once', async () => {
  if (!team.pg.restart) return; // a shared CI database can't be restarted from a test
  const changes = batch('restart', 50);
  const lock = await holdTeamLock();
  const during = rec.call('sync.push', push(changes)).then(
    () => null,
    (err: unknown) => err,
  );
  let settled: unknown = 'pending';
  void during.then((e) => (settled = e));
  await until('the push waits inside its transaction', async () => {
    if (settled !== 'pending') throw new Error(`push settled early: ${String(settled)}`);
    return lock.waiting();
  });
  await team.pg.restart();
  await lock.release();
  const failure = await during;
  expect(failure).toBeInstanceOf(ServerCallError);
  expect((failure as ServerCallError).status).toBe(503);
  expect((failure as ServerCallError).message).toBe('The team database is not answering right now; nothing was saved. Try again in a moment.');
  expect(await countStored(changes)).toBe(0);

  // The pool drops dead connections: a client's retry (with backoff) succeeds on the same server.
  let outcome: Awaited<ReturnType<Member['call']>> | undefined;
  for (let attempt = 0; attempt < 20 && !outcome; attempt++) {
    outcome = await rec.call('sync.push', push(changes)).catch(async () => {
      await new Promise((r) => setTimeout(r, 250 * (attempt + 1)));
      return undefined;
    });
  }
  expect(await countStored(changes)).toBe(50);
  const pulled = await rec.call('sync.pull', { since: 0, limit: 1000 });
  const ids = pulled.changes.map((c) => c.change.id);
  for (const c of changes) expect(ids.filter((id) => id === c.id)).toHaveLength(1);
});
