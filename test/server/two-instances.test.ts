import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncChange } from '../../src/core/sync/sync-change.js';
import { callServer } from '../../src/shared/server-api/call-server.js';
import type { RunningServer } from '../../src/server/team-server.js';
import { ChangeMaker, push } from '../support/sync-changes.js';
import { startTestTeam, type Member, type TestTeam } from '../support/team-server.js';

/**
 * Two server instances on one PostgreSQL (as behind a load balancer), clients split between them,
 * pushing concurrently with retries and stale edits: afterwards every client holds the same rows,
 * and they are the server's.
 */

let team: TestTeam;
let second: RunningServer;
const REQ = 'req-lb';

/** A laptop's view: the latest version of each row it has pulled. */
class Replica {
  readonly rows = new Map<string, { version: number; payload: Record<string, unknown> | null }>();
  cursor = 0;
  /** What the run went through, so the test knows it exercised conflicts and retries. */
  static conflicts = 0;
  static duplicates = 0;
  readonly maker: ChangeMaker;
  constructor(
    readonly name: string,
    readonly member: Member,
    readonly origin: string,
  ) {
    this.maker = new ChangeMaker(name);
  }

  call: Member['call'] = (name, input) => callServer(this.origin, name, input, this.member.auth);

  async pullAll(): Promise<void> {
    for (;;) {
      const page = await this.call('sync.pull', { since: this.cursor, limit: 7 });
      for (const { change, version } of page.changes) {
        const key = `${change.entity}/${change.entityId}`;
        if ((this.rows.get(key)?.version ?? 0) < version) this.rows.set(key, { version, payload: change.payload });
      }
      this.cursor = page.next;
      if (!page.more) return;
    }
  }

  versionOf(entity: SyncChange['entity'], id: string): number {
    return this.rows.get(`${entity}/${id}`)?.version ?? 0;
  }

  /** Pushes, sometimes twice (a retry after a lost answer); a conflict is settled by taking the server's row. */
  async pushAll(changes: SyncChange[], retry: boolean): Promise<void> {
    const first = await this.call('sync.push', push(changes));
    if (retry) {
      const again = await this.call('sync.push', push(changes));
      for (const o of again.outcomes) expect(['duplicate', 'conflict']).toContain(o.status);
      Replica.duplicates += again.outcomes.filter((o) => o.status === 'duplicate').length;
    }
    for (const o of first.outcomes) expect(o.status === 'refused' ? o.reason : 'ok').toBe('ok');
    Replica.conflicts += first.outcomes.filter((o) => o.status === 'conflict').length;
  }
}

function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

beforeAll(async () => {
  team = await startTestTeam();
  second = await team.startInstance();
});
afterAll(async () => {
  await team?.close();
});

it('converges every client on the same rows through two instances', async () => {
  const rec = await team.join('recruiter', 'Lena Recruiter');
  const hm = await team.join('hiring_manager', 'Mo Manager');
  const ivs = [await team.join('interviewer', 'Ivo One'), await team.join('interviewer', 'Ina Two')];
  await rec.call('sync.push', push([new ChangeMaker('setup').upsert('requisition', REQ, { title: 'Load balanced' })]));
  await rec.call('requisition.addMember', { requisitionId: REQ, userId: hm.userId, role: 'hiring_manager' });
  for (const iv of ivs) await rec.call('requisition.addMember', { requisitionId: REQ, userId: iv.userId, role: 'interviewer' });

  const a = team.server.origin;
  const b = second.origin;
  const writers = [new Replica('lena', rec, a), new Replica('mo', hm, b)];
  const interviewers = [new Replica('ivo', ivs[0]!, a), new Replica('ina', ivs[1]!, b)];
  const everyone = [...writers, ...interviewers];
  const rand = random(7);

  for (let round = 0; round < 6; round++) {
    await Promise.all(everyone.map((r) => r.pullAll()));
    await Promise.all(
      writers.map(async (w) => {
        const changes: SyncChange[] = [];
        for (let i = 0; i < 4; i++) {
          const id = `cand-${Math.floor(rand() * 5)}`;
          if (changes.some((c) => c.entityId === id)) continue;
          // Both writers edit the same five candidates: stale bases meet conflicts, settled below.
          changes.push(w.maker.upsert('candidate', id, { requisitionId: REQ, stage: `r${round}-${w.name}-${i}` }, w.versionOf('candidate', id)));
        }
        await w.pushAll(changes, rand() < 0.5);
      }),
    );
    await Promise.all(
      interviewers.map((iv) => iv.pushAll([iv.maker.upsert('scorecard_version', `sc-${iv.name}-${round}`, { requisitionId: REQ, candidateId: `cand-${round % 5}`, recommendation: 'yes' })], rand() < 0.5)),
    );
  }
  await Promise.all(everyone.map((r) => r.pullAll()));

  const c = new pg.Client({ connectionString: team.pg.ownerUrl });
  await c.connect();
  const server = await c.query<{ key: string; version: number; payload: Record<string, unknown> }>(
    "select entity || '/' || entity_id as key, version, payload from sync_rows where requisition_id = $1 order by 1",
    [REQ],
  );
  const log = await c.query<{ n: string; d: string }>('select count(*) as n, count(distinct change_id) as d from sync_changes');
  await c.end();
  const truth = Object.fromEntries(server.rows.map((r) => [r.key, { version: r.version, payload: r.payload }]));
  // Each interviewer scored cand-0..cand-4 over the rounds, so by now every scorecard is visible to everyone.
  for (const r of everyone) expect(Object.fromEntries([...r.rows].sort(([x], [y]) => x.localeCompare(y)))).toEqual(truth);
  expect(Object.keys(truth).filter((k) => k.startsWith('scorecard_version/'))).toHaveLength(12);
  // One log row per change id, though half the batches were sent twice.
  expect(Number(log.rows[0]!.n)).toBe(Number(log.rows[0]!.d));
  expect(Replica.duplicates).toBeGreaterThan(0);
  expect(Replica.conflicts).toBeGreaterThan(0);
});
