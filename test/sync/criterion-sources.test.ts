import { mkdirSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUOTE_ON_OTHER_LAPTOP } from '../../src/db/sync/entity-rows.js';
import { readSegment, syncSharedFolder } from '../../src/db/sync/shared-folder.js';
import { tempDir } from '../support/speech.js';
import { openLaptop, type Laptop } from './support/sync-stores.js';
import { salesCriteria } from '../support/seed-rubric.js';

// Where a criterion came from (the intake-call quotes behind it) travels as structure: which
// criterion, the order, the time in the call and the requirement words. The quote and the speaker
// are intake transcript and stay on the laptop that recorded the call.
describe('criterion sources in sync', () => {
  let root: string;
  let folder: string;
  let recruiter: Laptop;
  let manager: Laptop;
  const quotes = ['They must have closed six-figure deals on their own.', 'A deal-breaker is anyone who discounts before discovery.'];
  const sync = (l: Laptop) => syncSharedFolder(l.db, { folder, home: l.home });
  let requisitionId: string;
  let versionId: string;
  const criteria = salesCriteria(['Closing', 'Discovery'], ['negotiate', 'budget']);

  beforeAll(async () => {
    root = tempDir('debrief-sync-sources-');
    folder = path.join(root, 'shared');
    mkdirSync(folder);
    recruiter = await openLaptop(root, 'recruiter');
    manager = await openLaptop(root, 'manager');
  }, 60_000);
  afterAll(async () => {
    for (const l of [recruiter, manager]) await l?.db.destroy();
    await rm(root, { recursive: true, force: true });
  });

  it('sends each source’s criterion, order, times and cue, never its quote or speaker', async () => {
    requisitionId = (await recruiter.handlers['requisitions:create']({ title: 'Account executive', hiringManager: 'Priya Shah' })).id;
    const saved = await recruiter.handlers['rubrics:save']({
      requisitionId,
      versionId: null,
      criteria,
      evidence: [
        { criterionId: criteria[0]!.id, sessionId: null, segmentId: null, quote: quotes[0]!, start: 12.5, end: 16, speaker: 'Priya', cue: 'must' },
        { criterionId: criteria[1]!.id, sessionId: null, segmentId: null, quote: quotes[1]!, start: 40, end: 44.25, speaker: 'Priya', cue: 'deal-breaker' },
      ],
    });
    versionId = saved.version.id;
    await sync(recruiter);
    const sent = readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.debrief-segment'))
      .flatMap((e) => readSegment(path.join(e.parentPath, e.name)));
    const version = sent.find((c) => c.entity === 'rubric_version' && c.entityId === versionId)!;
    const text = JSON.stringify(sent);
    for (const q of quotes) expect(text).not.toContain(q);
    expect(text).not.toContain('Priya"');
    expect((version.payload!['sources'] as unknown[]).map((s) => Object.keys(s as object).sort())).toEqual([
      ['criterion_id', 'cue', 'end_sec', 'id', 'position', 'start_sec'],
      ['criterion_id', 'cue', 'end_sec', 'id', 'position', 'start_sec'],
    ]);

    const report = await sync(manager);
    expect(report.merge.refused).toEqual([]);
    expect(report.merge.pending).toBe(0);
    const seen = await manager.handlers['rubrics:getVersion']({ versionId });
    expect(seen.evidence).toEqual([
      { criterionId: criteria[0]!.id, sessionId: null, segmentId: null, quote: QUOTE_ON_OTHER_LAPTOP, start: 12.5, end: 16, speaker: null, cue: 'must' },
      { criterionId: criteria[1]!.id, sessionId: null, segmentId: null, quote: QUOTE_ON_OTHER_LAPTOP, start: 40, end: 44.25, speaker: null, cue: 'deal-breaker' },
    ]);
  });

  it('keeps the recording laptop’s quotes when another laptop edits the draft, and drops a removed criterion’s source everywhere', async () => {
    // The hiring manager drops the second criterion from the draft (edited in place: nothing refers to it yet).
    const seen = await manager.handlers['rubrics:getVersion']({ versionId });
    const edited = await manager.handlers['rubrics:save']({ requisitionId, versionId, criteria: [criteria[0]!], evidence: seen.evidence.filter((e) => e.criterionId === criteria[0]!.id) });
    expect(edited.createdNewVersion).toBe(false);
    await sync(manager);
    const report = await sync(recruiter);
    expect(report.merge.refused).toEqual([]);
    const back = await recruiter.handlers['rubrics:getVersion']({ versionId });
    expect(back.criteria.map((c) => c.title)).toEqual(['Closing']);
    expect(back.evidence).toEqual([{ criterionId: criteria[0]!.id, sessionId: null, segmentId: null, quote: quotes[0], start: 12.5, end: 16, speaker: 'Priya', cue: 'must' }]);
  });
});
