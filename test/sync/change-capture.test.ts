import path from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNCED_ENTITIES } from '../../src/core/sync/sync-change.js';
import { UUID_V7 } from '../../src/core/sync/uuid-v7.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { seedSyncedPanel, type SyncedPanel } from '../support/seed-synced-panel.js';
import { tempDir } from '../support/speech.js';

// Local change capture over a real SQLite store: each write of a synced entity records its change
// in the same transaction; audio, tracks and transcript segments never do.
describe('sync change capture', () => {
  let dir: string;
  let db: Database;
  let handlers: IpcHandlers;
  let panel: SyncedPanel;
  const outbox = () => db.selectFrom('sync_outbox').selectAll().orderBy('hlc').execute();

  beforeAll(async () => {
    dir = tempDir('debrief-sync-capture-');
    db = await openDatabase(path.join(dir, 'debrief.sqlite'));
    handlers = createIpcHandlers({ db, home: dir });
    panel = await seedSyncedPanel(handlers);
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('records a change for each synced entity, with a UUIDv7 id, an increasing clock and the row version it was made on', async () => {
    const rows = await outbox();
    const byEntity = (entity: string) => rows.filter((r) => r.entity === entity).map((r) => r.entity_id);
    expect(byEntity('requisition')).toEqual([panel.requisitionId]);
    expect(byEntity('rubric')).toHaveLength(1);
    // Saved, then signed off: two changes of the version, the second made on the first.
    expect(byEntity('rubric_version')).toEqual([panel.versionId, panel.versionId]);
    expect(rows.filter((r) => r.entity === 'rubric_version').map((r) => r.base_version)).toEqual([0, 1]);
    expect(byEntity('interview_plan')).toEqual([panel.versionId]);
    expect(byEntity('candidate')).toEqual([panel.candidateId]);
    expect(byEntity('scorecard_version')).toHaveLength(1);
    expect(byEntity('debrief_decision')).toEqual([panel.decisionId]);
    for (const r of rows) {
      expect(r.id).toMatch(UUID_V7);
      expect(SYNCED_ENTITIES).toContain(r.entity);
    }
    expect(rows.map((r) => r.hlc)).toEqual([...rows.map((r) => r.hlc)].sort());
    expect(new Set(rows.map((r) => r.hlc)).size).toBe(rows.length);
    const signed = JSON.parse(rows.filter((r) => r.entity === 'rubric_version')[1]!.payload!) as Record<string, unknown>;
    expect(signed).toMatchObject({ signed_off_by: 'Priya Shah', requisitionId: panel.requisitionId });
    expect((signed['criteria'] as unknown[]).length).toBeGreaterThan(0);
    // The scorecard carries the evidence its author attached, and the decision its candidate.
    const card = JSON.parse(rows.find((r) => r.entity === 'scorecard_version')!.payload!) as { evidence: { quote: string }[]; candidateId: string };
    expect(card.candidateId).toBe(panel.candidateId);
    expect(card.evidence.length).toBeGreaterThan(0);
    expect(rows.find((r) => r.entity === 'scorecard_version')!.candidate_id).toBe(panel.candidateId);
  });

  it('never records audio, tracks or transcript text that was not attached as evidence', async () => {
    const rows = await outbox();
    const wire = rows.map((r) => r.payload ?? '').join('\n');
    const quotes = rows.filter((r) => r.entity === 'scorecard_version').flatMap((r) => (JSON.parse(r.payload!) as { evidence: { quote: string | null }[] }).evidence.map((e) => e.quote ?? ''));
    const segments = await db.selectFrom('transcript_segments').select(['id', 'text']).where('session_id', '=', panel.sessionId).execute();
    expect(segments.length).toBeGreaterThan(5);
    let absent = 0;
    for (const s of segments) {
      if (quotes.some((q) => q.includes(s.text) || s.text.includes(q))) continue;
      expect(wire.includes(s.text), s.text).toBe(false);
      absent += 1;
    }
    expect(absent).toBeGreaterThan(0);
    expect(wire).not.toContain(panel.sessionId + '.wav');
    for (const segment of segments) expect(wire).not.toContain(segment.id);
    // Re-filing or renaming a session (not a synced entity) adds nothing.
    const before = rows.length;
    await handlers['sessions:file']({ id: panel.sessionId, candidateId: panel.candidateId, stage: 'Phone screen', title: 'Renamed' });
    expect((await outbox()).length).toBe(before);
  });

  it('records updates on top of the last version, deletes without payload, and erasure as a change that drops the candidate’s unsent ones', async () => {
    const moved = await handlers['candidates:update']({ id: panel.candidateId, stage: 'Onsite' });
    expect(moved.stage).toBe('Onsite');
    const candidateChanges = (await outbox()).filter((r) => r.entity === 'candidate' && r.entity_id === panel.candidateId);
    expect(candidateChanges.map((r) => r.base_version)).toEqual([0, 1]);
    expect(JSON.parse(candidateChanges[1]!.payload!)).toMatchObject({ stage: 'Onsite', name: 'Marcus Reed' });

    const temp = await handlers['candidates:create']({ name: 'Temp Person' });
    await handlers['candidates:delete']({ id: temp.id });
    const tempChanges = (await outbox()).filter((r) => r.entity_id === temp.id);
    expect(tempChanges.map((r) => [r.op, r.payload === null])).toEqual([
      ['upsert', false],
      ['delete', true],
    ]);

    // A refused write records nothing: the row and its change commit together.
    const before = (await outbox()).length;
    await expect(handlers['candidates:update']({ id: panel.candidateId, email: 'not-an-email' })).rejects.toThrow(/does not look like an email/);
    expect((await outbox()).length).toBe(before);

    await handlers['privacy:eraseCandidate']({ candidateId: panel.candidateId });
    const after = await outbox();
    expect(after.filter((r) => r.candidate_id === panel.candidateId)).toEqual([]);
    expect(after.some((r) => r.payload?.includes('Marcus Reed'))).toBe(false);
    const erasure = after.filter((r) => r.entity === 'erasure');
    expect(erasure.map((r) => r.entity_id)).toEqual([panel.candidateId]);
    expect(JSON.parse(erasure[0]!.payload!)).toMatchObject({ candidate_id: panel.candidateId, candidate_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await db.selectFrom('sync_changes').select('id').where('candidate_id', '=', panel.candidateId).execute()).toEqual([]);
  });
});
