import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeMaker, push } from '../support/sync-changes.js';
import { startTestTeam, type Member, type TestTeam } from '../support/team-server.js';
import { queryAs } from '../support/postgres.js';

// Pushes in flight at once: the team's sequence lock is taken only at the end of a push, so these
// check what row locks must still guarantee — one winner per row version, a batch applied once
// however many copies race, and sequence numbers with no gaps that every pull sees exactly once.
// (A person joining a requisition takes a number too, with no change: see pull-changes.ts.)
let team: TestTeam;
let rita: Member;
let hank: Member;

beforeAll(async () => {
  team = await startTestTeam();
  rita = await team.join('recruiter', 'Rita Recruiter');
  hank = await team.join('hiring_manager', 'Hank Manager');
  await rita.call('sync.push', push([new ChangeMaker('setup').upsert('requisition', 'req-c', { title: 'Concurrency' })]));
  await rita.call('requisition.addMember', { requisitionId: 'req-c', userId: hank.userId, role: 'hiring_manager' });
}, 120_000);

afterAll(async () => {
  await team?.close();
});

describe('concurrent pushes', () => {
  it('lets one of two laptops making the same new row win, and answers the other with a conflict', async () => {
    for (let round = 0; round < 5; round++) {
      const id = `cand-race-${round}`;
      const [a, b] = await Promise.all([
        rita.call('sync.push', push([new ChangeMaker('r').upsert('candidate', id, { requisitionId: 'req-c', name: 'From Rita' })])),
        hank.call('sync.push', push([new ChangeMaker('h').upsert('candidate', id, { requisitionId: 'req-c', name: 'From Hank' })])),
      ]);
      expect([a.outcomes[0]!.status, b.outcomes[0]!.status].sort()).toEqual(['applied', 'conflict']);
    }
  }, 60_000);

  it('lets one of two edits on the same row version win', async () => {
    await rita.call('sync.push', push([new ChangeMaker('r').upsert('candidate', 'cand-edit', { requisitionId: 'req-c', name: 'Start' })]));
    for (let version = 1; version <= 5; version++) {
      const [a, b] = await Promise.all([
        rita.call('sync.push', push([new ChangeMaker('r').upsert('candidate', 'cand-edit', { requisitionId: 'req-c', name: `Rita ${version}` }, version)])),
        hank.call('sync.push', push([new ChangeMaker('h').upsert('candidate', 'cand-edit', { requisitionId: 'req-c', name: `Hank ${version}` }, version)])),
      ]);
      expect([a.outcomes[0]!.status, b.outcomes[0]!.status].sort()).toEqual(['applied', 'conflict']);
    }
  }, 60_000);

  it('applies a batch sent several times at once exactly once', async () => {
    const maker = new ChangeMaker('retry');
    const batch = push(Array.from({ length: 20 }, (_, i) => maker.upsert('candidate', `cand-dup-${i}`, { requisitionId: 'req-c', name: `Dup ${i}` })));
    const answers = await Promise.all(Array.from({ length: 4 }, () => rita.call('sync.push', batch)));
    const applied = answers.filter((a) => a.outcomes.every((o) => o.status === 'applied'));
    expect(applied).toHaveLength(1);
    for (const a of answers) {
      expect(a.outcomes.map((o) => o.status === 'applied' || o.status === 'duplicate')).toEqual(batch.changes.map(() => true));
      expect(a.outcomes.map((o) => (o as { seq: number }).seq)).toEqual(applied[0]!.outcomes.map((o) => (o as { seq: number }).seq));
    }
    const [count] = await queryAs<{ n: string }>(team.pg.ownerUrl, 'select count(*) as n from sync_changes where change_id = any($1)', [batch.changes.map((c) => c.id)]);
    expect(Number(count!.n)).toBe(20);
  }, 60_000);

  it('numbers the log without gaps, and a pull during the pushes never skips a number committed later', async () => {
    const makers = Array.from({ length: 8 }, (_, i) => new ChangeMaker(`l${i}`));
    const sent: string[] = [];
    const seen = new Map<string, number>();
    let cursor = 0;
    let pushing = true;
    const puller = (async () => {
      // Pulls while the pushes land: whatever it misses now it must get later, never skip.
      while (pushing) {
        const page = await hank.call('sync.pull', { since: cursor, limit: 1000 });
        for (const c of page.changes) seen.set(c.change.id, (seen.get(c.change.id) ?? 0) + 1);
        cursor = page.next;
      }
    })();
    await Promise.all(
      makers.map(async (m, i) => {
        for (let b = 0; b < 6; b++) {
          const changes = Array.from({ length: 5 }, (_, k) => m.upsert('candidate', `cand-seq-${i}-${b}-${k}`, { requisitionId: 'req-c', name: `S ${i} ${b} ${k}` }));
          sent.push(...changes.map((c) => c.id));
          const out = await (i % 2 ? rita : hank).call('sync.push', push(changes));
          expect(out.outcomes.every((o) => o.status === 'applied')).toBe(true);
        }
      }),
    );
    pushing = false;
    await puller;
    for (;;) {
      const page = await hank.call('sync.pull', { since: cursor, limit: 1000 });
      for (const c of page.changes) seen.set(c.change.id, (seen.get(c.change.id) ?? 0) + 1);
      cursor = page.next;
      if (!page.more) break;
    }
    expect(sent.filter((id) => seen.get(id) !== 1)).toEqual([]);
    // Every number is a change, or the point where someone joined a requisition (requisition.addMember).
    const seqs = await queryAs<{ seq: string }>(team.pg.ownerUrl, 'select seq from sync_changes union all select visible_from from requisition_members where visible_from > 0 order by 1');
    expect(seqs.map((r) => Number(r.seq))).toEqual(seqs.map((_, i) => i + 1));
    const [teamRow] = await queryAs<{ last_seq: string }>(team.pg.ownerUrl, 'select last_seq from teams');
    expect(Number(teamRow!.last_seq)).toBe(seqs.length);
  }, 120_000);
  it('lets no push about a candidate land after their erasure, however the two race', async () => {
    for (let round = 0; round < 3; round++) {
      const candidateId = `cand-erase-race-${round}`;
      await rita.call('sync.push', push([new ChangeMaker('r').upsert('candidate', candidateId, { requisitionId: 'req-c', name: `Erase Me ${round}` })]));
      const maker = new ChangeMaker(`e${round}`);
      const pushes = Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? rita : hank).call(
          'sync.push',
          push([maker.upsert('scorecard_version', `sc-erase-${round}-${i}`, { requisitionId: 'req-c', candidateId, recommendation: 'yes' })]),
        ),
      );
      const changeId = `0190b0b0-0000-7000-8000-00000000000${round}`;
      const [erased, ...answers] = await Promise.all([rita.call('candidate.erase', { candidateId, changeId }), ...pushes]);
      expect(erased.already).toBe(false);
      for (const a of answers) expect(['applied', 'refused']).toContain(a.outcomes[0]!.status);
      const left = await queryAs<{ n: string }>(team.pg.ownerUrl, "select count(*) as n from sync_rows where entity <> 'erasure' and (candidate_id = $1 or entity_id = $1 or payload::text like '%' || $1 || '%')", [candidateId]);
      expect(Number(left[0]!.n)).toBe(0);
    }
  }, 120_000);
});
