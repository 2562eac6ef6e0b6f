import path from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncWithServer } from '../../src/backend/sync/server-sync.js';
import { openDatabase } from '../../src/db/index.js';
import { queryAs } from '../support/postgres.js';
import { tempDir } from '../support/speech.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { startTestTeam, type Member, type TestTeam } from '../support/team-server.js';
import { seedRequisition, startLaptopProcess, type LaptopSpec } from './support/laptop-process.js';

// Real laptop processes, each with its own store and the real sync client, talking to the real
// server through a loopback proxy: one is SIGKILLed mid-pull and resumes from its persisted cursor;
// then the network goes silent while both keep working offline. Afterwards each store holds every
// change of the requisition exactly once.
describe('laptop faults', () => {
  const BACKLOG = 1100;
  const root = tempDir('debrief-laptop-faults-');
  let team: TestTeam;
  let proxy: TcpProxy;
  let lead: Member;

  let requisitionId: string;
  let closeLead: () => Promise<void>;

  beforeAll(async () => {
    team = await startTestTeam();
    lead = await team.join('recruiter', 'Lee Lead');
    // More than two pull pages of 500, so a pull can be caught between pages.
    const seeded = await seedRequisition(path.join(root, 'lead'), { origin: team.server.origin, deviceToken: lead.auth.deviceToken!, userId: lead.userId }, BACKLOG);
    ({ requisitionId } = seeded);
    closeLead = seeded.close;
    proxy = await startTcpProxy(team.server.origin);
  }, 300_000);
  afterAll(async () => {
    await closeLead?.();
    await proxy?.close();
    await team?.close();
    await rm(root, { recursive: true, force: true });
  });

  const laptopSpec = async (name: string): Promise<LaptopSpec> => {
    const m = await team.join('recruiter', `Laptop ${name}`);
    await lead.call('requisition.addMember', { requisitionId, userId: m.userId, role: 'recruiter' });
    return { home: path.join(root, name), origin: proxy.origin, deviceToken: m.auth.deviceToken!, userId: m.userId, requisitionId, edits: 1000, name };
  };

  it('resumes a pull killed between pages from the persisted cursor, and loses or repeats nothing across a silent network', async () => {
    const a = await laptopSpec('A');
    const b = await laptopSpec('B');
    const first = startLaptopProcess(a);
    await first.waitFor(/^pull [1-9]\d*$/); // the second page is in flight
    await first.kill();
    const laptopA = startLaptopProcess(a);
    const resumed = Number((await laptopA.waitFor(/^cursor /)).split(' ')[1]);
    expect(resumed).toBeGreaterThan(0);
    const laptopB = startLaptopProcess(b);
    await laptopA.waitFor(/^edit 2$/);
    await laptopB.waitFor(/^edit 2$/);

    proxy.cut();
    const before = [laptopA, laptopB].map((l) => ({ offline: l.count(/^offline/), edits: l.edits() }));
    // Gone until both have failed rounds and kept editing offline.
    const offlineLongEnough = () => [laptopA, laptopB].every((l, i) => l.count(/^offline/) >= before[i]!.offline + 2 && l.edits() >= before[i]!.edits + 2);
    while (!offlineLongEnough()) await new Promise((r) => setTimeout(r, 100));
    proxy.restore();
    await laptopA.stop();
    await laptopB.stop();

    const made = laptopA.edits() + laptopB.edits();
    const expected = (await queryAs<{ change_id: string }>(team.pg.ownerUrl, 'select change_id from sync_changes where requisition_id = $1', [requisitionId])).map((r) => r.change_id);
    expect(expected.length).toBeGreaterThanOrEqual(1 + BACKLOG + made);
    for (const spec of [a, b]) {
      const db = await openDatabase(path.join(spec.home, 'debrief.sqlite'));
      try {
        // A last round in process: the other laptop may have pushed after this one's last pull.
        await syncWithServer(db, { origin: team.server.origin, deviceToken: spec.deviceToken, userId: spec.userId }, { home: spec.home, backoffMs: 50 });
        const local = new Set((await db.selectFrom('sync_changes').select('id').execute()).map((r) => r.id));
        expect(expected.filter((id) => !local.has(id)), spec.name).toEqual([]);
        const names = (await db.selectFrom('candidates').select('name').execute()).map((r) => r.name);
        expect(names.length, spec.name).toBe(new Set(names).size);
        expect(names.length, spec.name).toBe(BACKLOG + made);
      } finally {
        await db.destroy();
      }
    }
  }, 600_000);
});
