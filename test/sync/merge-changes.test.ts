import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '../../src/core/sync/hybrid-logical-clock.js';
import type { SyncChange } from '../../src/core/sync/sync-change.js';
import { uuidV7 } from '../../src/core/sync/uuid-v7.js';
import { listConflicts, resolveConflict } from '../../src/db/sync/conflicts.js';
import { mergeChanges } from '../../src/db/sync/merge-changes.js';
import { markSent, unsentChanges } from '../../src/db/sync/outbox.js';
import { seedSyncedPanel } from '../support/seed-synced-panel.js';
import { tempDir } from '../support/speech.js';
import { openLaptop, type Laptop } from './support/sync-stores.js';

// Applying other laptops' changes into a real store: parked fields, signed rubrics, erasures,
// wrong clocks and malformed batches.
describe('merging incoming sync changes', () => {
  const root = tempDir('debrief-sync-merge-');
  let a: Laptop;
  let b: Laptop;
  /** Sends a's unsent changes to b (and marks them sent), as a transport would. */
  const send = async (from: Laptop, to: Laptop) => {
    const changes = await unsentChanges(from.db, 10_000);
    await markSent(from.db, changes.map((c) => c.id));
    return mergeChanges(to.db, changes.map((change) => ({ change })), { home: to.home });
  };
  const exchange = async () => {
    await send(a, b);
    await send(b, a);
  };

  beforeAll(async () => {
    a = await openLaptop(root, 'a');
    b = await openLaptop(root, 'b');
  });
  afterAll(async () => {
    await a?.db.destroy();
    await b?.db.destroy();
    await rm(root, { recursive: true, force: true });
  });

  it('parks fields a newer client sent and sends them on with the next local edit', async () => {
    const { id } = await a.handlers['requisitions:create']({ title: 'Data analyst' });
    await exchange();
    const newer: SyncChange = {
      id: uuidV7(),
      hlc: formatHlc({ millis: Date.now(), counter: 0, node: 'newer-laptop' }),
      entity: 'requisition',
      entityId: id,
      op: 'upsert',
      baseVersion: 1,
      payload: { ...(await a.db.selectFrom('requisitions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()), title: 'Senior data analyst', salary_band: 'L5' },
    };
    const report = await mergeChanges(b.db, [{ change: newer }], { home: b.home });
    expect(report).toMatchObject({ received: 1, applied: 1, refused: [] });
    expect((await b.handlers['requisitions:get']({ id })).requisition.title).toBe('Senior data analyst');
    await b.handlers['requisitions:update']({ id, role: 'Analytics' });
    const sent = (await unsentChanges(b.db, 100)).find((c) => c.entity === 'requisition' && c.entityId === id)!;
    expect(sent.payload).toMatchObject({ salary_band: 'L5', role: 'Analytics', title: 'Senior data analyst' });
    expect(sent.baseVersion).toBe(2);
  });

  it('never lets an unsigned edit replace a signed rubric version: both are kept, the signed one shown', async () => {
    const { id: requisitionId } = await a.handlers['requisitions:create']({ title: 'Platform engineer' });
    const criteria = ['Owns incidents end to end', 'Designs for failure'].map((title) => ({ id: crypto.randomUUID(), kind: 'must-have' as const, title, description: 'Describes a real incident.', goodLooksLike: 'Names the trade-off.', badLooksLike: 'Blames others.', signals: [] }));
    const saved = await a.handlers['rubrics:save']({ requisitionId, versionId: null, criteria });
    await exchange();
    await a.handlers['rubrics:signOff']({ versionId: saved.version.id, by: 'Priya Shah' });
    // On b the version is still an unused draft: the edit goes in place.
    const edited = await b.handlers['rubrics:save']({ requisitionId, versionId: saved.version.id, criteria: [{ ...criteria[0]!, title: 'Runs incidents calmly' }, criteria[1]!] });
    expect(edited.createdNewVersion).toBe(false);
    await exchange();
    for (const l of [a, b]) {
      const version = await l.handlers['rubrics:getVersion']({ versionId: saved.version.id });
      expect(version.signedOff?.by, l.name).toBe('Priya Shah');
      expect(version.criteria.map((c) => c.title), l.name).toEqual(['Owns incidents end to end', 'Designs for failure']);
      const conflicts = (await listConflicts(l.db)).filter((c) => c.entity === 'rubric_version');
      expect(conflicts, l.name).toHaveLength(1);
      expect(conflicts[0]!.sides.map((s) => [Boolean(s.payload?.['signed_off_at']), s.shown]).sort(), l.name).toEqual([
        [false, false],
        [true, true],
      ]);
    }
    const conflict = (await listConflicts(b.db)).find((c) => c.entity === 'rubric_version')!;
    const unsigned = conflict.sides.find((s) => !s.payload?.['signed_off_at'])!;
    const signed = conflict.sides.find((s) => s.payload?.['signed_off_at'])!;
    await expect(resolveConflict(b.db, conflict.id, unsigned.changeId)).rejects.toThrow(/signed off by Priya Shah, so it can't take the unsigned edit/);
    await resolveConflict(b.db, conflict.id, signed.changeId);
    await exchange();
    for (const l of [a, b]) expect((await listConflicts(l.db)).filter((c) => c.entity === 'rubric_version'), l.name).toEqual([]);
  });

  it('carries an erasure to the other laptop and refuses late changes about the erased candidate', async () => {
    const panel = await seedSyncedPanel(a.handlers);
    await exchange();
    expect((await b.handlers['debrief:get']({ candidateId: panel.candidateId })).scorecards).toHaveLength(1);
    // b moves the candidate, but has not sent it yet when a erases them.
    await b.handlers['candidates:update']({ id: panel.candidateId, stage: 'Offer' });
    const late = await unsentChanges(b.db, 100);
    await a.handlers['privacy:eraseCandidate']({ candidateId: panel.candidateId });
    const report = await send(a, b);
    expect(report.erased).toBe(1);
    expect(await b.db.selectFrom('candidates').select('id').where('id', '=', panel.candidateId).execute()).toEqual([]);
    expect(await b.db.selectFrom('scorecards').select('id').execute()).toEqual([]);
    // b's own unsent change went with the erasure; its copy reaching a is refused and not kept.
    expect(await unsentChanges(b.db, 100)).toEqual([]);
    const onA = await mergeChanges(a.db, late.map((change) => ({ change })), { home: a.home });
    expect(onA.refused.map((r) => r.reason)).toEqual(['the candidate it concerns was erased']);
    expect(await a.db.selectFrom('candidates').select('id').where('id', '=', panel.candidateId).execute()).toEqual([]);
    const kept = await a.db.selectFrom('sync_changes').select(['payload']).where('id', '=', late[0]!.id).executeTakeFirstOrThrow();
    expect(kept.payload).toBeNull();
  }, 120_000);

  it('refuses a change from a clock a day ahead in words, and a malformed batch whole, storing nothing of it', async () => {
    const { id } = await a.handlers['requisitions:create']({ title: 'Designer' });
    const good = await unsentChanges(a.db, 100);
    const ahead: SyncChange = { ...good[0]!, id: uuidV7(), hlc: formatHlc({ millis: Date.now() + 2 * 86_400_000, counter: 0, node: 'skewed' }), baseVersion: 1, payload: { ...good[0]!.payload, title: 'From the future' } };
    const report = await mergeChanges(b.db, [...good, ahead].map((change) => ({ change })), { home: b.home });
    expect(report.refused).toEqual([{ id: ahead.id, reason: expect.stringMatching(/laptop whose clock is wrong: a peer's clock is more than a day ahead/) }]);
    expect((await b.handlers['requisitions:get']({ id })).requisition.title).toBe('Designer');

    const before = await b.db.selectFrom('sync_changes').select('id').execute();
    const bad = [{ change: { ...good[0]!, id: uuidV7() } }, { change: { ...good[0]!, id: "1'; drop table candidates; --" } }];
    await expect(mergeChanges(b.db, bad, { home: b.home })).rejects.toThrow(/Change 2 of the batch is malformed \(id: change id must be a UUIDv7\); nothing from this batch was stored/);
    expect(await b.db.selectFrom('sync_changes').select('id').execute()).toEqual(before);
  });
});
