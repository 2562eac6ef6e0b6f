// The web view's channels over HTTP, on loopback against a throwaway PostgreSQL: the first call
// builds what the signed-in person may see (their pull, merged into an in-memory store), later ones
// pull only since that store's cursor; the laptop's own handlers answer. A recruiter's laptop syncs
// one requisition with a signed rubric and DEBRIEF_BENCH_WEB_CANDIDATES candidates (default 200);
// the hiring manager's browser session then calls `requisitions:get` and `candidates:list` 30 times
// each: web-view-first-call-ms (the build), web-view-requisition-get-p95-ms,
// web-view-candidates-list-p95-ms (no goal yet: a page makes a few).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { syncWithServer } from '../src/backend/sync/server-sync.js';
import { openDatabase } from '../src/db/index.js';
import { createIpcHandlers } from '../src/backend/ipc-handlers.js';
import { webViewChannelPath } from '../src/shared/ipc/web-view-channels.js';
import { serverApiPath } from '../src/shared/server-api/server-api.js';
import { startTestTeam } from '../test/support/team-server.js';
import { printMetric } from './support/metrics.js';

const CANDIDATES = Number(process.env.DEBRIEF_BENCH_WEB_CANDIDATES ?? 200);
const CALLS = 30;

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

export async function run(): Promise<void> {
  const team = await startTestTeam();
  const home = await mkdtemp(path.join(os.tmpdir(), 'debrief-bench-web-'));
  const db = await openDatabase(path.join(home, 'debrief.sqlite'));
  try {
    const recruiter = await team.join('recruiter', 'Rita Recruiter');
    const manager = await team.join('hiring_manager', 'Hank Manager', 'hank-password-1');
    const h = createIpcHandlers({ db, home });
    const { id: requisitionId } = await h['requisitions:create']({ title: 'Account executive' });
    const criteria = ['Discovery', 'Closing', 'Forecasting'].map((title) => ({ id: randomUUID(), kind: 'must-have' as const, title, description: 'Tells a real deal.', goodLooksLike: 'Numbers.', badLooksLike: 'Vague.', signals: [] }));
    const { version } = await h['rubrics:save']({ requisitionId, versionId: null, criteria });
    for (let i = 0; i < CANDIDATES; i++) await h['candidates:create']({ name: `Candidate ${i + 1}`, requisitionId, stage: 'Phone screen' });
    await syncWithServer(db, { origin: team.server.origin, deviceToken: recruiter.auth.deviceToken!, userId: recruiter.userId }, { home, backoffMs: 10 });
    await recruiter.call('requisition.addMember', { requisitionId, userId: manager.userId, role: 'hiring_manager' });
    await manager.call('rubric.signOff', { rubricVersionId: version.id });

    const login = await fetch(`${team.server.origin}${serverApiPath('session.login')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'hank.manager@example.com', password: 'hank-password-1' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const call = async (channel: string, input: unknown) => {
      const started = performance.now();
      const response = await fetch(`${team.server.origin}${webViewChannelPath(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ input }),
      });
      const body = (await response.json()) as { ok: boolean };
      if (!body.ok) throw new Error(`${channel} failed: ${JSON.stringify(body)}`);
      return performance.now() - started;
    };
    printMetric('web-view-first-call-ms', Math.round(await call('requisitions:list', undefined)));
    for (const [name, channel, input] of [
      ['web-view-requisition-get-p95-ms', 'requisitions:get', { id: requisitionId }],
      ['web-view-candidates-list-p95-ms', 'candidates:list', { requisitionId }],
    ] as const) {
      await call(channel, input);
      const times: number[] = [];
      for (let i = 0; i < CALLS; i++) times.push(await call(channel, input));
      printMetric(name, Math.round(p95(times)));
    }
  } finally {
    await db.destroy();
    await team.close();
    await rm(home, { recursive: true, force: true });
  }
}
