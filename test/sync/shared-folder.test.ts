import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listConflicts, resolveConflict } from '../../src/db/sync/conflicts.js';
import { mergeChanges } from '../../src/db/sync/merge-changes.js';
import { deviceId } from '../../src/db/sync/record-change.js';
import { readSegment, syncSharedFolder, SEGMENT_SUFFIX } from '../../src/db/sync/shared-folder.js';
import { seedSyncedPanel, type SyncedPanel } from '../support/seed-synced-panel.js';
import { tempDir } from '../support/speech.js';
import { openLaptop, syncedContent, type Laptop } from './support/sync-stores.js';

// Three laptops syncing through one shared folder (no server), each with its own real SQLite store.
describe('shared-folder sync', () => {
  let root: string;
  let folder: string;
  let laptops: Laptop[];
  let panel: SyncedPanel;
  const [recruiter, interviewer, manager] = [0, 1, 2];
  const sync = (i: number) => syncSharedFolder(laptops[i]!.db, { folder, home: laptops[i]!.home });
  const syncAll = async (rounds = 2) => {
    for (let r = 0; r < rounds; r += 1) {
      for (let i = 0; i < laptops.length; i += 1) {
        const report = await sync(i);
        // Nothing a laptop made is ever refused by another, and nothing waits on a missing parent.
        expect(report.merge.refused, laptops[i]!.name).toEqual([]);
        expect(report.problems, laptops[i]!.name).toEqual([]);
      }
    }
  };
  const segments = () =>
    readdirSync(folder, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(path.join(folder, d.name)).map((n) => path.join(d.name, n)));

  beforeAll(async () => {
    root = tempDir('debrief-sync-folder-');
    folder = path.join(root, 'shared');
    mkdirSync(folder);
    laptops = [await openLaptop(root, 'recruiter'), await openLaptop(root, 'interviewer'), await openLaptop(root, 'manager')];
    panel = await seedSyncedPanel(laptops[recruiter]!.handlers);
  }, 120_000);
  afterAll(async () => {
    for (const l of laptops ?? []) await l.db.destroy();
    await rm(root, { recursive: true, force: true });
  });

  it('brings every laptop the same requisition, signed rubric, candidate, scorecard and decision, and no transcript', async () => {
    const first = await sync(recruiter);
    expect(first.written.changes).toBeGreaterThanOrEqual(8);
    await syncAll();
    const expected = await syncedContent(laptops[recruiter]!.db);
    expect(expected['scorecard_version_evidence']!.length).toBeGreaterThan(0);
    for (const l of laptops.slice(1)) expect(await syncedContent(l.db), l.name).toEqual(expected);
    const other = laptops[interviewer]!;
    const debrief = await other.handlers['debrief:get']({ candidateId: panel.candidateId });
    expect(debrief.scorecards.map((s) => s.interviewer)).toEqual(['Dana Kim']);
    expect(debrief.decisions.map((d) => d.decision)).toEqual(['advance']);
    expect((await other.handlers['requisitions:get']({ id: panel.requisitionId })).versions[0]!.signedOff?.by).toBe('Priya Shah');
    // The interview's outline came with the scorecard; its tracks and transcript did not.
    expect(await other.db.selectFrom('sessions').select(['id', 'source']).execute()).toEqual([{ id: panel.sessionId, source: 'import' }]);
    expect(await other.db.selectFrom('transcript_segments').select('id').execute()).toEqual([]);
    expect(await other.db.selectFrom('tracks').select('id').execute()).toEqual([]);
    // Each laptop wrote only into its own folder, only whole segments.
    for (const s of segments()) expect(s.endsWith(SEGMENT_SUFFIX), s).toBe(true);
  }, 120_000);

  it('converges after non-conflicting edits on different laptops', async () => {
    await laptops[interviewer]!.handlers['requisitions:update']({ id: panel.requisitionId, role: 'Sales' });
    const second = await laptops[manager]!.handlers['requisitions:create']({ title: 'Sales engineer' });
    await laptops[recruiter]!.handlers['candidates:create']({ name: 'Ana Lima', requisitionId: second.id }).catch((e: Error) => expect(e.message).toMatch(/requisition no longer exists/));
    await syncAll();
    await laptops[recruiter]!.handlers['candidates:create']({ name: 'Ana Lima', requisitionId: second.id });
    await syncAll();
    const expected = await syncedContent(laptops[0]!.db);
    expect(expected['requisitions']!.map((r) => (r as { role: string | null }).role)).toContain('Sales');
    expect(expected['candidates']!.map((c) => (c as { name: string }).name).sort()).toEqual(['Ana Lima', 'Marcus Reed']);
    for (const l of laptops.slice(1)) expect(await syncedContent(l.db), l.name).toEqual(expected);
  }, 120_000);

  it('keeps both versions of a candidate moved on two laptops at once, shows the same one everywhere, and settles it by choice', async () => {
    await laptops[interviewer]!.handlers['candidates:update']({ id: panel.candidateId, stage: 'Onsite' });
    await laptops[manager]!.handlers['candidates:update']({ id: panel.candidateId, stage: 'Rejected' });
    await syncAll();
    const stages = await Promise.all(laptops.map(async (l) => (await l.handlers['candidates:list']({})).find((c) => c.id === panel.candidateId)!.stage));
    expect(new Set(stages).size).toBe(1);
    for (const l of laptops) {
      const conflicts = await listConflicts(l.db);
      expect(conflicts.map((c) => [c.entity, c.label]), l.name).toEqual([['candidate', 'Candidate Marcus Reed']]);
      expect(conflicts[0]!.sides.map((s) => s.payload?.['stage']).sort()).toEqual(['Onsite', 'Rejected']);
    }
    const conflict = (await listConflicts(laptops[recruiter]!.db))[0]!;
    const onsite = conflict.sides.find((s) => s.payload?.['stage'] === 'Onsite')!;
    await expect(resolveConflict(laptops[recruiter]!.db, conflict.id, 'not-a-side')).rejects.toThrow(/Choose one of the two versions/);
    await resolveConflict(laptops[recruiter]!.db, conflict.id, onsite.changeId);
    await syncAll();
    for (const l of laptops) {
      expect(await listConflicts(l.db), l.name).toEqual([]);
      expect((await l.handlers['candidates:list']({})).find((c) => c.id === panel.candidateId)!.stage, l.name).toBe('Onsite');
    }
    const expected = await syncedContent(laptops[0]!.db);
    for (const l of laptops.slice(1)) expect(await syncedContent(l.db), l.name).toEqual(expected);
  }, 120_000);

  it('a fresh laptop reading shuffled, duplicated and replayed segments ends with every change exactly once', async () => {
    const all = segments().map((s) => path.join(folder, s));
    const changes = all.flatMap((f) => readSegment(f));
    const unique = new Set(changes.map((c) => c.id));
    const late = await openLaptop(root, 'late');
    const recruiterDevice = await deviceId(laptops[recruiter]!.db);
    try {
      // Shuffled (a fixed permutation), each batch twice, then the whole lot replayed.
      const order = all.map((f, i) => ({ f, k: (i * 7919) % all.length })).sort((a, b) => a.k - b.k);
      let duplicates = 0;
      for (const { f } of [...order, ...order.reverse()]) {
        const batch = readSegment(f).map((change) => ({ change }));
        duplicates += (await mergeChanges(late.db, [...batch, ...batch], { home: late.home })).duplicates;
      }
      const ledger = await late.db.selectFrom('sync_changes').select(['id', 'status']).execute();
      expect(ledger.length).toBe(unique.size);
      expect(duplicates).toBe(changes.length * 4 - unique.size);
      expect(ledger.filter((c) => c.status === 'pending')).toEqual([]);
      expect(await syncedContent(late.db)).toEqual(await syncedContent(laptops[0]!.db));
      // A replayed segment (same changes under a new name in the folder) adds nothing either.
      const theirs = all.find((f) => path.basename(path.dirname(f)) === recruiterDevice)!;
      copyFileSync(theirs, path.join(path.dirname(theirs), `0${path.basename(theirs)}`));
      const replay = await sync(interviewer);
      expect(replay.merge.received).toBe(0);
      expect(replay.segmentsRead).toBeGreaterThanOrEqual(1);
    } finally {
      await late.db.destroy();
    }
  }, 120_000);

  it('skips a damaged or foreign file in plain words, keeps everything stored, and says when the folder is gone', async () => {
    const before = await syncedContent(laptops[manager]!.db);
    const bogusDir = path.join(folder, 'ffffffffffffffff');
    mkdirSync(bogusDir, { recursive: true });
    writeFileSync(path.join(bogusDir, `01900000-0000-7000-8000-000000000000${SEGMENT_SUFFIX}`), 'not a database at all, just text');
    const report = await sync(manager);
    expect(report.problems).toEqual([expect.stringMatching(/^Skipped ffffffffffffffff\/.*: it is not a segment file\.$/)]);
    expect(await syncedContent(laptops[manager]!.db)).toEqual(before);
    await expect(syncSharedFolder(laptops[manager]!.db, { folder: path.join(root, 'unplugged'), home: laptops[manager]!.home })).rejects.toThrow(
      /is not there \(is the network drive connected\?\)\. Your work is kept here/,
    );
    // Offline work is never blocked: edits go on and wait in the outbox.
    await laptops[manager]!.handlers['requisitions:update']({ id: panel.requisitionId, recruiter: 'Jo Doe' });
    expect(Number((await laptops[manager]!.db.selectFrom('sync_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('sent_at', 'is', null).executeTakeFirstOrThrow()).n)).toBe(1);
  }, 120_000);
});
