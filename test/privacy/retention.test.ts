import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { UserFacingError } from '../../src/core/errors.js';
import { listAudit, openDatabase, runRetention, searchSegments, setRetentionOverride, setRetentionPolicy, type Database } from '../../src/db/index.js';
import { scratchDir } from '../capture/support/scratch-dir.js';
import { candidateNeedles, findBytes, seedCandidate } from './support/seed-candidate.js';

let db: Database | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const NOW = new Date('2026-06-01T12:00:00.000Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

/** A closed requisition with a signed rubric, and a submitted scorecard on `sessionId` citing `momentId`. */
async function submittedScorecardCiting(store: Database, sessionId: string, momentId: string, closedAt: string): Promise<string> {
  const at = daysAgo(200);
  const requisitionId = randomUUID();
  await store.insertInto('requisitions').values({ id: requisitionId, title: 'Staff engineer', role: null, hiring_manager: null, recruiter: null, status: 'closed', created_at: at, updated_at: closedAt }).execute();
  const rubricId = randomUUID();
  await store.insertInto('rubrics').values({ id: rubricId, requisition_id: requisitionId, title: null, created_at: at }).execute();
  const versionId = randomUUID();
  await store.insertInto('rubric_versions').values({ id: versionId, rubric_id: rubricId, version: 1, created_at: at, signed_off_by: 'hm', signed_off_at: at, notes: null, parent_version: null }).execute();
  const criterionId = randomUUID();
  await store.insertInto('criteria').values({ id: criterionId, rubric_version_id: versionId, position: 0, kind: 'must-have', title: 'Owns incidents', description: null, good_looks_like: null, bad_looks_like: null }).execute();
  const scorecardId = randomUUID();
  await store.insertInto('scorecards').values({ id: scorecardId, session_id: sessionId, interviewer: 'me', rubric_version_id: versionId, overall_recommendation: 'yes', submitted_at: at, created_at: at, updated_at: at }).execute();
  const ratingId = randomUUID();
  await store.insertInto('scorecard_ratings').values({ id: ratingId, scorecard_id: scorecardId, criterion_id: criterionId, rating: 4, notes: null }).execute();
  await store.insertInto('rating_evidence').values({ rating_id: ratingId, moment_id: momentId }).execute();
  await store.updateTable('sessions').set({ requisition_id: requisitionId }).where('id', '=', sessionId).execute();
  return requisitionId;
}

describe('the retention job', () => {
  it('lists on a dry run, then deletes expired audio and transcripts, keeping the quotes a submitted scorecard cites', async () => {
    const home = scratchDir('debrief-retention-');
    db = await openDatabase(databasePath(home));
    const old = await seedCandidate(db, home, 'grelvo', { startedAt: daysAgo(200) });
    const recent = await seedCandidate(db, home, 'tunquap', { startedAt: daysAgo(5) });
    await submittedScorecardCiting(db, old.sessionId, old.momentId, daysAgo(100));
    const uncited = randomUUID();
    await db.insertInto('moments').values({ id: uncited, session_id: old.sessionId, start_sec: 0, end_sec: 9, criterion_id: null, rubric_version_id: null, author: 'me', origin: 'manual', note: null, quote: old.sentences[0]!, confidence: null, created_at: daysAgo(200) }).execute();

    const plan = await runRetention(db, { home, dryRun: true, now: NOW });
    expect(plan.items.map((i) => [i.sessionId, i.audio, i.transcript])).toEqual([[old.sessionId, true, true]]);
    expect(plan.items[0]!.audioExpiresAt).toBe(new Date(Date.parse(daysAgo(200)) + 30 * 86_400_000).toISOString());
    expect(fs.existsSync(old.audioFile)).toBe(true);
    expect((await searchSegments(db, 'grelvocorp')).length).toBe(1);

    const done = await runRetention(db, { home, now: NOW });
    expect(done).toMatchObject({ dryRun: false, audioFilesRemoved: 2, segmentsRemoved: 3, momentsRemoved: 1, evidenceKept: 1 });
    expect(fs.existsSync(old.audioFile)).toBe(false);
    expect((await searchSegments(db, 'grelvocorp')).length).toBe(0);
    const session = await db.selectFrom('sessions').selectAll().where('id', '=', old.sessionId).executeTakeFirstOrThrow();
    expect(session.audio_deleted_at).not.toBeNull();
    expect(session.transcript_deleted_at).not.toBeNull();
    expect(await db.selectFrom('tracks').select('path').where('session_id', '=', old.sessionId).execute()).toEqual([{ path: null }]);
    // The scorecard's evidence quote is the record and stays; the uncited moment is gone.
    const moments = await db.selectFrom('moments').select(['id', 'quote']).where('session_id', '=', old.sessionId).execute();
    expect(moments).toEqual([{ id: old.momentId, quote: old.sentences[1] }]);
    // The recent interview is untouched.
    expect(fs.readFileSync(recent.audioFile).equals(recent.audio)).toBe(true);
    expect((await searchSegments(db, 'tunquapcorp')).length).toBe(1);
    // The audit trail says what went, in counts, without the words.
    const audit = await listAudit(db, { candidateId: old.candidateId });
    expect(audit.map((e) => [e.actor, e.action, e.subjectKind, e.subjectId])).toEqual([['retention policy', 'deleted', 'audio-and-transcript', old.sessionId]]);
    expect(JSON.stringify(audit)).not.toMatch(/grelvo/i);
    // Nothing of the removed sentences other than the kept quote is left in the folder.
    const gone = candidateNeedles(old, 'grelvo').filter((n) => /migrated|rebuild|audio@/.test(n.label));
    expect(findBytes(home, gone)).toEqual([]);

    // Running again finds nothing more.
    expect((await runRetention(db, { home, now: NOW })).items).toEqual([]);
  });

  it('asks to confirm 0 days, then applies it (per requisition too)', async () => {
    const home = scratchDir('debrief-retention-');
    db = await openDatabase(databasePath(home));
    const c = await seedCandidate(db, home, 'vashmir', { startedAt: daysAgo(1) });

    const asked = await setRetentionPolicy(db, { audioDays: 0, transcriptDaysAfterClose: 90 }, { actor: 'me' }).catch((e: unknown) => e);
    expect(asked).toBeInstanceOf(UserFacingError);
    expect((asked as UserFacingError).code).toBe('retention-zero-needs-confirmation');
    expect((await runRetention(db, { home, now: NOW })).items).toEqual([]);
    expect(fs.existsSync(c.audioFile)).toBe(true);

    await setRetentionPolicy(db, { audioDays: 0, transcriptDaysAfterClose: 90 }, { actor: 'me', confirmed: true });
    expect((await runRetention(db, { home, now: NOW })).audioFilesRemoved).toBe(2);
    expect(fs.existsSync(c.audioFile)).toBe(false);

    const requisitionId = randomUUID();
    await db.insertInto('requisitions').values({ id: requisitionId, title: 'SRE', role: null, hiring_manager: null, recruiter: null, created_at: daysAgo(9), updated_at: daysAgo(9) }).execute();
    const refused = await setRetentionOverride(db, requisitionId, { audioDays: null, transcriptDaysAfterClose: 0 }, { actor: 'me' }).catch((e: unknown) => (e as UserFacingError).code);
    expect(refused).toBe('retention-zero-needs-confirmation');
    await setRetentionOverride(db, requisitionId, { audioDays: 365, transcriptDaysAfterClose: 0 }, { actor: 'me', confirmed: true });
    expect(await db.selectFrom('retention_overrides').select(['audio_days', 'transcript_days_after_close']).execute()).toEqual([{ audio_days: 365, transcript_days_after_close: 0 }]);
  });
});
