// The team server under load, on loopback against a throwaway PostgreSQL, the server in its own
// process (as deployed, so its memory is its own):
// - 50 simulated laptops pushing small batches and pulling for DEBRIEF_BENCH_SYNC_SECONDS (default 60):
//   sync-push-p95-ms (goal < 100), sync-pull-p95-ms, server-rss-mb (peak, from the kernel);
// - 10,000 scorecards from one laptop to an empty requisition, in 500-change batches:
//   sync-10k-scorecards-sec (goal < 10).
import { spawn } from 'node:child_process';
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

const CLIENTS = 50;
const SECONDS = Number(process.env.DEBRIEF_BENCH_SYNC_SECONDS ?? 60);
const SCORECARDS = 10_000;
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'debrief.mjs');

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

async function startServer(databaseUrl: string): Promise<{ origin: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [bin, 'server', 'run', '--port', '0', '--log-level', 'warn'], {
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
  };
}

async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

export async function run(): Promise<void> {
  const pg = await startTestPostgres();
  try {
    const init = await initTeam({ ownerUrl: pg.ownerUrl, teamName: 'Bench', adminEmail: 'admin@bench.test', adminName: 'Admin' });
    const server = await startServer(pg.appUrl);
    try {
      const call = callServer;
      const admin = await call(server.origin, 'device.join', { invite: init.invite, deviceName: 'admin' });
      const adminAuth: ServerAuth = { deviceToken: admin.deviceToken };
      const join = async (role: 'recruiter' | 'interviewer', i: number): Promise<ServerAuth & { userId: string }> => {
        const { invite } = await call(server.origin, 'invite.create', { role }, adminAuth);
        const j = await call(server.origin, 'device.join', { invite, deviceName: `d${i}`, email: `p${i}@bench.test`, displayName: `P${i}` });
        return { deviceToken: j.deviceToken, userId: j.user.id };
      };

      // One recruiter per requisition for the 10k run; the load run's laptops share one requisition.
      const bulk = await join('recruiter', 0);
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

      const owner = await join('recruiter', 1);
      const ownerMaker = new ChangeMaker('owner');
      await call(server.origin, 'sync.push', push([ownerMaker.upsert('requisition', 'req-load', { title: 'Load' })]), owner);
      const laptops: (ServerAuth & { userId: string })[] = [];
      for (let i = 0; i < CLIENTS; i++) {
        const laptop = await join('interviewer', 100 + i);
        await call(server.origin, 'requisition.addMember', { requisitionId: 'req-load', userId: laptop.userId, role: 'interviewer' }, owner);
        laptops.push(laptop);
      }
      const pushes: number[] = [];
      const pulls: number[] = [];
      const deadline = performance.now() + SECONDS * 1000;
      await Promise.all(
        laptops.map(async (auth, i) => {
          const m = new ChangeMaker(`l${i}`);
          let cursor = 0;
          let n = 0;
          while (performance.now() < deadline) {
            const changes = Array.from({ length: 5 }, () => m.upsert('scorecard_version', `sc-l${i}-${n++}`, { requisitionId: 'req-load', candidateId: `cand-${n % 20}`, recommendation: 'no' }));
            let t = performance.now();
            await call(server.origin, 'sync.push', push(changes), auth);
            pushes.push(performance.now() - t);
            t = performance.now();
            for (;;) {
              const page = await call(server.origin, 'sync.pull', { since: cursor, limit: 500 }, auth);
              cursor = page.next;
              if (!page.more) break;
            }
            pulls.push(performance.now() - t);
            await new Promise((r) => setTimeout(r, 100));
          }
        }),
      );
      printMetric('sync-load-clients', CLIENTS, 0);
      printMetric('sync-load-pushes', pushes.length, 0);
      printMetric('sync-push-p95-ms', p95(pushes));
      printMetric('sync-pull-p95-ms', p95(pulls));
      printMetric('server-rss-mb', await peakRssMb(server.pid), 1);
    } finally {
      await server.stop();
    }
  } finally {
    await pg.stop();
  }
}
