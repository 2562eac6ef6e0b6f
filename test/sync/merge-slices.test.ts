import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '../../src/core/sync/hybrid-logical-clock.js';
import type { SyncChange } from '../../src/core/sync/sync-change.js';
import { uuidV7 } from '../../src/core/sync/uuid-v7.js';
import type { Database } from '../../src/db/index.js';
import { mergeChanges } from '../../src/db/sync/merge-changes.js';
import { unsentChanges } from '../../src/db/sync/outbox.js';
import { tempDir } from '../support/speech.js';
import { openLaptop, type Laptop } from './support/sync-stores.js';

// The merge applies a whole slice of received changes in one transaction with its ledger state
// held in memory. It must end exactly where applying the same changes one by one ends: siblings
// kept as a conflict, a later edit settling it, a child before its parent waiting for it, an
// erasure refusing what comes after it, repeats ignored by change id.
describe('merging a slice of changes at once', () => {
  const root = tempDir('debrief-sync-slices-');
  let origin: Laptop;
  let together: Laptop;
  let oneByOne: Laptop;
  let changes: SyncChange[];

  beforeAll(async () => {
    origin = await openLaptop(root, 'origin');
    together = await openLaptop(root, 'together');
    oneByOne = await openLaptop(root, 'one-by-one');
    const { id: requisitionId } = await origin.handlers['requisitions:create']({ title: 'Account executive' });
    const made = [];
    for (const name of ['Marcus Reed', 'Ana Ruiz', 'Li Wei']) made.push(await origin.handlers['candidates:create']({ name, requisitionId, stage: 'Applied' }));
    const local = await unsentChanges(origin.db, 100);
    const requisition = local.find((c) => c.entity === 'requisition')!;
    const candidate = (id: string) => local.find((c) => c.entity === 'candidate' && c.entityId === id)!;
    const at = (millis: number, node: string) => formatHlc({ millis, counter: 0, node });
    const base = Date.now();
    const [marcus, ana, li] = made.map((m) => candidate(m.id));
    const edit = (c: SyncChange, hlc: string, baseVersion: number, stage: string): SyncChange => ({ ...c, id: uuidV7(), hlc, baseVersion, payload: { ...c.payload!, stage } });
    changes = [
      requisition,
      marcus!,
      ana!,
      // Made on a laptop whose clock ran behind: earlier than its requisition, so it waits for it.
      { ...li!, id: uuidV7(), hlc: at(base - 60_000, 'laptop-d') },
      // Two laptops move Marcus from the same row version: siblings, kept as a conflict.
      edit(marcus!, at(base + 1000, 'laptop-b'), 1, 'Phone screen'),
      edit(marcus!, at(base + 2000, 'laptop-c'), 1, 'Onsite'),
      // Made later on top of both: settles the conflict.
      edit(marcus!, at(base + 3000, 'laptop-b'), 2, 'Offer'),
      // Ana is erased, and a late edit about her is refused.
      {
        id: uuidV7(),
        hlc: at(base + 4000, 'laptop-c'),
        entity: 'erasure',
        entityId: ana!.entityId,
        op: 'upsert',
        baseVersion: 0,
        payload: { candidate_id: ana!.entityId, requisitionId, candidate_hash: 'h', erased_at: new Date(base).toISOString(), erased_by: 'Sam' },
      },
      edit(ana!, at(base + 5000, 'laptop-b'), 1, 'Rejected'),
    ];
  }, 60_000);
  afterAll(async () => {
    for (const l of [origin, together, oneByOne]) await l?.db.destroy();
    await rm(root, { recursive: true, force: true });
  });

  // The late edit about Ana is left out: received before her erasure ran, the erasure drops it from
  // the ledger with everything else about her; received after, it stays as refused.
  const ledger = async (db: Database) => ({
    changes: (await db.selectFrom('sync_changes').select(['id', 'status', 'reason', 'base_version']).orderBy('id').execute()).filter((c) => c.id !== changes[8]!.id),
    rows: await db.selectFrom('sync_rows').selectAll().orderBy('entity').orderBy('entity_id').execute(),
    conflicts: await db.selectFrom('sync_conflicts').select(['id', 'entity_id', 'base_version', 'shown_change_id', 'resolved_by_change_id']).orderBy('id').execute(),
    candidates: await db.selectFrom('candidates').select(['id', 'name', 'stage']).orderBy('id').execute(),
  });

  it('ends where applying the changes one by one ends', async () => {
    // All at once, with a repeat in the batch; then one change per merge, in clock order.
    const all = await mergeChanges(together.db, [...changes, changes[1]!].map((change) => ({ change })), { home: together.home });
    expect(all.duplicates).toBe(1);
    expect(all.pending).toBe(0);
    for (const change of [...changes].sort((x, y) => (x.hlc < y.hlc ? -1 : 1))) await mergeChanges(oneByOne.db, [{ change }], { home: oneByOne.home });

    const expected = await ledger(oneByOne.db);
    expect(await ledger(together.db)).toEqual(expected);
    // And that end is the merge rules': Li waited for the requisition, Marcus's siblings became a
    // conflict that the later edit settled, Ana is gone and the edit after her erasure refused.
    expect(expected.candidates.map((c) => [c.name, c.stage])).toEqual(expect.arrayContaining([['Marcus Reed', 'Offer'], ['Li Wei', 'Applied']]));
    expect(expected.candidates).toHaveLength(2);
    expect(expected.conflicts).toHaveLength(1);
    expect(expected.conflicts[0]!.resolved_by_change_id).toBe(changes[6]!.id);
    const status = new Map(expected.changes.map((c) => [c.id, c.status]));
    expect([4, 5].map((i) => status.get(changes[i]!.id))).toEqual(['conflict', 'conflict']);
    expect((await oneByOne.db.selectFrom('sync_changes').select('status').where('id', '=', changes[8]!.id).executeTakeFirst())?.status).toBe('refused');
    expect((await together.db.selectFrom('sync_changes').select('status').where('id', '=', changes[8]!.id).executeTakeFirst())?.status ?? 'gone').not.toBe('applied');
    expect(status.get(changes[3]!.id)).toBe('applied');
  });
});
