// The team server under load, on loopback against a throwaway PostgreSQL, the server in its own
// process (as deployed, so its memory is its own):
// - 50 simulated laptops pushing small batches and pulling for DEBRIEF_BENCH_SYNC_SECONDS (default 60),
//   all on one requisition unless DEBRIEF_BENCH_SYNC_PANEL says otherwise, twice: each syncing about
//   once a second (open loop, PACE_MS): sync-push-p95-ms (goal < 100), sync-pull-p95-ms,
//   sync-push-server-p95-ms (the server's own time, arrival to answer, from its Server-Timing header);
//   then as fast as answers come (closed loop): sync-saturated-rounds-per-sec and -push-p95-ms, each
//   round's CPU by process (sync-round-cpu-ms-server / -postgres / -laptops); server-rss-mb (peak, from the kernel);
// - 10,000 scorecards from one laptop to an empty requisition, in 500-change batches:
//   sync-10k-scorecards-sec (goal < 10);
// - faults: 10 simulated laptops (clocks skewed by -1 h, 0 and +1 h) pushing with retries while the
//   server is SIGKILLed and replaced, then PostgreSQL restarted; then 3 real laptop processes (own
//   SQLite store, the real sync client) through a loopback proxy: one SIGKILLed mid-pull and restarted
//   (it resumes from its persisted cursor), then the network black-holed for
//   DEBRIEF_BENCH_SYNC_OUTAGE_SECONDS (default 120) while they keep editing offline and retrying.
//   Afterwards every client's log is checked: sync-lost and sync-duplicated (goal 0 each).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { MAX_PUSH_CHANGES } from '../src/core/sync/sync-protocol.js';
import { callServer, type ServerAuth } from '../src/shared/server-api/call-server.js';
import { initTeam } from '../src/server/team-server.js';
import { startTestPostgres } from '../test/support/postgres.js';
import { ChangeMaker, push } from '../test/support/sync-changes.js';
import { printMetric } from './support/metrics.js';
import { buildCompiledCli } from './support/compiled-cli.js';
import { seededRandom } from './support/synthetic-corpus.js';
import postgres from 'pg';
import { rm } from 'node:fs/promises';
import { syncWithServer } from '../src/backend/sync/server-sync.js';
import { openDatabase } from '../src/db/index.js';
import { queryAs } from '../test/support/postgres.js';
import { tempDir } from '../test/support/speech.js';
import { startTcpProxy } from '../test/support/tcp-proxy.js';
import { seedRequisition, startLaptopProcess, type LaptopSpec } from '../test/sync/support/laptop-process.js';

const CLIENTS = 50;
const SECONDS = Number(process.env.DEBRIEF_BENCH_SYNC_SECONDS ?? 60);
const SCORECARDS = 10_000;
const OUTAGE_SECONDS = Number(process.env.DEBRIEF_BENCH_SYNC_OUTAGE_SECONDS ?? 120);
const LAPTOP_EDITS = 1000;
// Interviewers per requisition in the load phase: by default all 50 on one requisition scoring the same
// 20 candidates, so every scorecard reaches 49 pulls (the worst fan-out); `DEBRIEF_BENCH_SYNC_PANEL=5`
// splits them into panels of five, as teams hire.
const PANEL = Number(process.env.DEBRIEF_BENCH_SYNC_PANEL ?? CLIENTS);
// The headline load: each laptop pushes five scorecards and pulls once a second on average. The app
// syncs every 5 minutes, so this is 300 times its schedule for 50 people (50 rounds a second, 250
// scorecards), a burst no hiring team makes; `DEBRIEF_BENCH_SYNC_PACE_MS` draws the curve.
const PACE_MS = Number(process.env.DEBRIEF_BENCH_SYNC_PACE_MS ?? 1000);
// `load` runs the 10k and load phases only (skips faults): for A/B runs of the server's speed.
const PHASES = process.env.DEBRIEF_BENCH_SYNC_PHASES ?? 'all';
// Another checkout's `bin/debrief.mjs` serves instead, for an A/B against the same client code.
const bin = process.env.DEBRIEF_BENCH_SERVER_BIN ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'debrief.mjs');

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

interface ServerProcess {
  origin: string;
  pid: number;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries a call until it lands, as a laptop's sync loop does. */
async function retrying<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt > 300) throw err;
      await sleep(100 + Math.min(attempt, 10) * 50);
    }
  }
}

async function startServer(databaseUrl: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, [bin, 'server', 'run', '--port', '0', '--log-level', 'fatal'], {
    env: { ...process.env, DEBRIEF_SERVER_DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return {
    origin,
    pid: child.pid!,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * What the app's PostgreSQL backends are doing, sampled every 50 ms until `deadline`: the mean
 * number of backends in each state / wait event (e.g. `active-Lock-advisory`, `idle-in-transaction-Client-ClientRead`).
 */
async function sampleWaits(ownerUrl: string, deadline: number): Promise<[string, number][]> {
  const client = new postgres.Client({ connectionString: ownerUrl });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  try {
    while (performance.now() < deadline) {
      const { rows } = await client.query<{ what: string; n: number }>(
        `select lower(replace(state, ' ', '-') || coalesce('-' || wait_event_type || '-' || wait_event, '')) as what, count(*)::int as n
         from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid() and state is not null group by 1`,
      );
      samples++;
      for (const r of rows) counts.set(r.what, (counts.get(r.what) ?? 0) + r.n);
      await sleep(50);
    }
  } finally {
    await client.end();
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([what, n]) => [what, n / Math.max(1, samples)]);
}

/**
 * CPU seconds (user + system) in a /proc/PID/stat line, with its reaped children's when asked
 * (PostgreSQL's exited backends); `null` when the process is not named `comm`.
 */
function cpuSecondsIn(stat: string, comm: string | null, children: boolean): number | null {
  const close = stat.lastIndexOf(')');
  if (close < 0 || (comm !== null && stat.slice(stat.indexOf('(') + 1, close) !== comm)) return null;
  // Fields 14–17 of proc(5), utime, stime, cutime and cstime, are 11–14 after the name; USER_HZ is 100.
  const fields = stat.slice(close + 2).split(' ').slice(11, children ? 15 : 13);
  return fields.reduce((n, f) => n + Number(f), 0) / 100;
}

/** CPU seconds of every process named `comm`, reaped children included. */
async function cpuSecondsOf(comm: string): Promise<number> {
  let total = 0;
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    total += cpuSecondsIn(await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => ''), comm, true) ?? 0;
  }
  return total;
}

/** CPU seconds of one process. */
async function cpuSecondsOfPid(pid: number): Promise<number> {
  return cpuSecondsIn(await readFile(`/proc/${pid}/stat`, 'utf8'), null, false)!;
}

/** fetch that records the answer's `server-timing: app;dur=…` into `into`. */
function timedFetch(into: number[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const dur = /app;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1];
    if (dur !== undefined) into.push(Number(dur));
    return response;
  };
}

async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

interface LoadRun {
  /** Push times (ms), each from when its round was due, so a round that waits behind a slow one counts its wait. */
  pushes: number[];
  pulls: number[];
  /** The server's own time on each push, from its Server-Timing header. */
  serverPushes: number[];
  cpuMsPerRound: Record<'server' | 'postgres' | 'laptops', number>;
  waits: [string, number][] | null;
}

/**
 * SECONDS of the laptops each pushing five scorecards and then pulling to the end, round after round.
 * With a `pace`, an open loop: each laptop's rounds fall due at random (exponential gaps of `pace` ms
 * on average, seeded), whatever the server's speed, and a round is timed from when it fell due.
 * Without, a closed loop: the next round starts 100 ms after the last one's answer.
 */
async function loadRun(run: {
  server: ServerProcess;
  ownerUrl: string;
  laptops: ServerAuth[];
  /** Each laptop's pull cursor, carried from one run to the next as a laptop keeps its own. */
  cursors: number[];
  requisitionOf: (i: number) => string;
  pace: number | null;
  tag: string;
}): Promise<LoadRun> {
  const { server, laptops, requisitionOf, pace, tag } = run;
  const pushes: number[] = [];
  const pulls: number[] = [];
  const serverPushes: number[] = [];
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  const waits = process.env.DEBRIEF_BENCH_SYNC_WAITS === '1' ? sampleWaits(run.ownerUrl, deadline) : null;
  // Where a round's CPU goes: the server, PostgreSQL, and the 50 simulated laptops (this process).
  const cpuBefore = { server: await cpuSecondsOfPid(server.pid), postgres: await cpuSecondsOf('postgres'), laptops: process.cpuUsage() };
  await Promise.all(
    laptops.map(async (auth, i) => {
      const m = new ChangeMaker(`${tag}-l${i}`);
      const gap = seededRandom(1000 + i);
      const nextGap = () => -Math.log(1 - gap()) * pace!;
      let due = pace === null ? start : start + nextGap();
      let n = 0;
      while (due < deadline) {
        if (due > performance.now()) await sleep(due - performance.now());
        const changes = Array.from({ length: 5 }, () =>
          m.upsert('scorecard_version', `sc-${tag}-l${i}-${n++}`, { requisitionId: requisitionOf(i), candidateId: `${requisitionOf(i)}-cand-${n % 20}`, recommendation: 'no' }),
        );
        await callServer(server.origin, 'sync.push', push(changes), auth, { fetch: timedFetch(serverPushes) });
        const pushed = performance.now();
        pushes.push(pushed - due);
        for (;;) {
          const page = await callServer(server.origin, 'sync.pull', { since: run.cursors[i]!, limit: 500 }, auth);
          run.cursors[i] = page.next;
          if (!page.more) break;
        }
        pulls.push(performance.now() - pushed);
        due = pace === null ? performance.now() + 100 : due + nextGap();
      }
    }),
  );
  const rounds = pushes.length;
  const laptopCpu = process.cpuUsage(cpuBefore.laptops);
  return {
    pushes,
    pulls,
    serverPushes,
    cpuMsPerRound: {
      server: (((await cpuSecondsOfPid(server.pid)) - cpuBefore.server) * 1000) / rounds,
      postgres: (((await cpuSecondsOf('postgres')) - cpuBefore.postgres) * 1000) / rounds,
      laptops: (laptopCpu.user + laptopCpu.system) / 1000 / rounds,
    },
    waits: waits ? await waits : null,
  };
}

export async function run(): Promise<void> {
  // The server as deployed: compiled.
  if (!process.env.DEBRIEF_BENCH_SERVER_BIN) await buildCompiledCli();
  const pg = await startTestPostgres();
  try {
    const init = await initTeam({ ownerUrl: pg.ownerUrl, teamName: 'Bench', adminEmail: 'admin@bench.test', adminName: 'Admin' });
    const server = await startServer(pg.appUrl);
    const call = callServer;
    const admin = await call(server.origin, 'device.join', { invite: init.invite, deviceName: 'admin' });
    const adminAuth: ServerAuth = { deviceToken: admin.deviceToken };
    const join = async (origin: string, role: 'recruiter' | 'interviewer', i: number): Promise<ServerAuth & { userId: string }> => {
      const { invite } = await call(origin, 'invite.create', { role }, adminAuth);
      const j = await call(origin, 'device.join', { invite, deviceName: `d${i}`, email: `p${i}@bench.test`, displayName: `P${i}` });
      return { deviceToken: j.deviceToken, userId: j.user.id };
    };
    try {

      // One recruiter per requisition for the 10k run; the load run's laptops share one requisition.
      const bulk = await join(server.origin, 'recruiter', 0);
      const maker = new ChangeMaker('bulk');
      await call(server.origin, 'sync.push', push([maker.upsert('requisition', 'req-bulk', { title: 'Bulk' })]), bulk);
      const bulkStart = performance.now();
      for (let sent = 0; sent < SCORECARDS; sent += MAX_PUSH_CHANGES) {
        const changes = Array.from({ length: MAX_PUSH_CHANGES }, (_, i) =>
          maker.upsert('scorecard_version', `sc-${sent + i}`, {
            requisitionId: 'req-bulk',
            candidateId: `cand-${(sent + i) % 400}`,
            recommendation: 'yes',
            ratings: [{ criterion: 'design', rating: 'yes', evidence: ['"We split the monolith by billing domain."'] }],
          }),
        );
        const out = await call(server.origin, 'sync.push', push(changes), bulk);
        if (out.outcomes.some((o) => o.status !== 'applied')) throw new Error('a bulk scorecard was not applied');
      }
      printMetric('sync-10k-scorecards-sec', (performance.now() - bulkStart) / 1000);

      const owner = await join(server.origin, 'recruiter', 1);
      const ownerMaker = new ChangeMaker('owner');
      const requisitionOf = (i: number) => `req-load-${Math.floor(i / PANEL)}`;
      for (const id of new Set(Array.from({ length: CLIENTS }, (_, i) => requisitionOf(i)))) {
        await call(server.origin, 'sync.push', push([ownerMaker.upsert('requisition', id, { title: 'Load' })]), owner);
      }
      const laptops: (ServerAuth & { userId: string })[] = [];
      for (let i = 0; i < CLIENTS; i++) {
        const laptop = await join(server.origin, 'interviewer', 100 + i);
        await call(server.origin, 'requisition.addMember', { requisitionId: requisitionOf(i), userId: laptop.userId, role: 'interviewer' }, owner);
        laptops.push(laptop);
      }
      const cursors = laptops.map(() => 0);
      const load = (pace: number | null, tag: string) => loadRun({ server, ownerUrl: pg.ownerUrl, laptops, cursors, requisitionOf, pace, tag });
      printMetric('sync-load-clients', CLIENTS, 0);
      printMetric('sync-load-panel', Math.min(PANEL, CLIENTS), 0);
      // The headline: each laptop syncs on its own random schedule, a round every PACE_MS on average.
      const paced = await load(PACE_MS, 'paced');
      printMetric('sync-load-pace-ms', PACE_MS, 0);
      printMetric('sync-load-pushes', paced.pushes.length, 0);
      printMetric('sync-push-p95-ms', p95(paced.pushes));
      printMetric('sync-pull-p95-ms', p95(paced.pulls));
      printMetric('sync-push-server-p95-ms', p95(paced.serverPushes));
      // Capacity: the same laptops as fast as answers come back, a 100 ms pause between rounds. This
      // runs the two cores flat, so its p95 is the queue behind 50 laptops, and its CPU per round is what
      // a faster server would have to cut.
      const saturated = await load(null, 'saturated');
      printMetric('sync-saturated-rounds-per-sec', saturated.pushes.length / SECONDS, 1);
      printMetric('sync-saturated-push-p95-ms', p95(saturated.pushes));
      printMetric('sync-saturated-pull-p95-ms', p95(saturated.pulls));
      printMetric('sync-saturated-push-server-p95-ms', p95(saturated.serverPushes));
      for (const [process, ms] of Object.entries(saturated.cpuMsPerRound)) printMetric(`sync-round-cpu-ms-${process}`, ms, 2);
      printMetric('server-rss-mb', await peakRssMb(server.pid), 1);
      if (saturated.waits) for (const [what, share] of saturated.waits) printMetric(`sync-pg-backends-${what}`, share, 2);
    } finally {
      await server.stop();
    }
    if (PHASES === 'load') return;

    let current = await startServer(pg.appUrl);
    try {
      const lead = await join(current.origin, 'recruiter', 900);
      await call(current.origin, 'sync.push', push([new ChangeMaker('lead').upsert('requisition', 'req-faults', { title: 'Faults' })]), lead);
      const laptops: (ServerAuth & { userId: string })[] = [];
      for (let i = 0; i < 10; i++) {
        const laptop = await join(current.origin, 'recruiter', 910 + i);
        await call(current.origin, 'requisition.addMember', { requisitionId: 'req-faults', userId: laptop.userId, role: 'recruiter' }, lead);
        laptops.push(laptop);
      }
      const sent: string[] = [];
      let pushed = 0;
      const work = Promise.all(
        laptops.map(async (auth, i) => {
          const skew = ((i % 3) - 1) * 3_600_000;
          const maker = new ChangeMaker(`f${i}`, () => Date.now() + skew);
          for (let b = 0; b < 20; b++) {
            const changes = Array.from({ length: 5 }, (_, k) => maker.upsert('candidate', `f${i}-${b}-${k}`, { requisitionId: 'req-faults', name: `F ${i} ${b} ${k}` }));
            sent.push(...changes.map((c) => c.id));
            // The same batch is resent until an answer comes back: a retry after a lost answer is a duplicate push.
            await retrying(() => call(current.origin, 'sync.push', push(changes), auth));
            pushed++;
            await sleep(20);
          }
        }),
      );
      await (async () => {
        while (pushed < 40) await sleep(20);
        await current.kill();
        current = await startServer(pg.appUrl);
        while (pushed < 120) await sleep(20);
        await pg.restart?.();
      })();
      await work;
      let lost = 0;
      let duplicated = 0;
      for (const auth of [lead, ...laptops]) {
        const seen = new Map<string, number>();
        let since = 0;
        for (;;) {
          const page = await retrying(() => call(current.origin, 'sync.pull', { since, limit: 1000 }, auth));
          for (const c of page.changes) seen.set(c.change.id, (seen.get(c.change.id) ?? 0) + 1);
          since = page.next;
          if (!page.more) break;
        }
        lost += sent.filter((id) => !seen.has(id)).length;
        duplicated += [...seen.values()].filter((n) => n > 1).length;
      }
      const laptopFaults = await laptopFaultRun(pg.ownerUrl, current.origin, (role, i) => join(current.origin, role, i));
      lost += laptopFaults.lost;
      duplicated += laptopFaults.duplicated;
      printMetric('sync-fault-changes', sent.length, 0);
      printMetric('sync-fault-laptop-processes', laptopFaults.laptops, 0);
      printMetric('sync-fault-resumed-cursor', laptopFaults.resumedCursor, 0);
      printMetric('sync-fault-outage-sec', OUTAGE_SECONDS, 0);
      printMetric('sync-fault-offline-rounds', laptopFaults.offlineRounds, 0);
      printMetric('sync-lost', lost, 0);
      printMetric('sync-duplicated', duplicated, 0);
    } finally {
      await current.stop();
    }
  } finally {
    await pg.stop();
  }
}

/**
 * Real laptop processes through a loopback proxy: the first is SIGKILLed while its second pull page
 * is in flight and restarted on the same store; then the network is black-holed for OUTAGE_SECONDS
 * while all keep editing and retrying. Each store must end with every change of the requisition once.
 */
async function laptopFaultRun(
  ownerUrl: string,
  origin: string,
  join: (role: 'recruiter', i: number) => Promise<ServerAuth & { userId: string }>,
): Promise<{ lost: number; duplicated: number; laptops: number; resumedCursor: number; offlineRounds: number }> {
  const root = tempDir('debrief-bench-laptops-');
  const proxy = await startTcpProxy(origin);
  try {
    // A real laptop's requisition and 1,200 candidates (real payloads, more than two pull pages).
    const lead = await join('recruiter', 949);
    const seeded = await seedRequisition(path.join(root, 'lead'), { origin, deviceToken: lead.deviceToken!, userId: lead.userId }, 1200);
    await seeded.close();
    const { requisitionId } = seeded;
    const specs: LaptopSpec[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await join('recruiter', 950 + i);
      await callServer(origin, 'requisition.addMember', { requisitionId, userId: m.userId, role: 'recruiter' }, lead);
      specs.push({ home: path.join(root, `laptop-${i}`), origin: proxy.origin, deviceToken: m.deviceToken!, userId: m.userId, requisitionId, edits: LAPTOP_EDITS, name: `Laptop${i}` });
    }
    const killed = startLaptopProcess(specs[0]!);
    await killed.waitFor(/^pull [1-9]\d*$/);
    await killed.kill();
    const laptops = specs.map((spec) => startLaptopProcess(spec));
    const resumedCursor = Number((await laptops[0]!.waitFor(/^cursor /)).split(' ')[1]);
    for (const l of laptops) await l.waitFor(/^edit 2$/);
    proxy.cut();
    await sleep(OUTAGE_SECONDS * 1000);
    const offlineRounds = laptops.reduce((n, l) => n + l.count(/^offline/), 0);
    proxy.restore();
    for (const l of laptops) await l.stop();

    const expected = (await queryAs<{ change_id: string }>(ownerUrl, 'select change_id from sync_changes where requisition_id = $1', [requisitionId])).map((r) => r.change_id);
    let lost = 0;
    let duplicated = 0;
    for (const spec of specs) {
      const db = await openDatabase(path.join(spec.home, 'debrief.sqlite'));
      try {
        // A last round in process: another laptop may have pushed after this one's last pull.
        await retrying(() => syncWithServer(db, { origin, deviceToken: spec.deviceToken, userId: spec.userId }, { home: spec.home, backoffMs: 50 }));
        const local = new Set((await db.selectFrom('sync_changes').select('id').execute()).map((r) => r.id));
        lost += expected.filter((id) => !local.has(id)).length;
        const names = (await db.selectFrom('candidates').select('name').execute()).map((r) => r.name);
        duplicated += names.length - new Set(names).size;
      } finally {
        await db.destroy();
      }
    }
    return { lost, duplicated, laptops: specs.length, resumedCursor, offlineRounds };
  } finally {
    await proxy.close();
    await rm(root, { recursive: true, force: true });
  }
}
