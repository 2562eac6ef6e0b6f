import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProposedMoment } from '../../core/mapping/mapping-input.js';
import { seedSignedRubric, type SeededRubric } from '../../../test/support/seed-rubric.js';
import { openDatabase, type Database } from '../open-database.js';
import { addTag, deleteMoment, listMoments, reviewMoment, setSessionRubric, storeProposals, updateMoment } from './moments-repository.js';
import { createSessionWithTranscript } from './sessions-repository.js';

let dir: string;
let db: Database;
let rubric: SeededRubric;
let sessionId: string;
let discovery: string;
let closing: string;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-moments-'));
  db = await openDatabase(path.join(dir, 'store.sqlite'));
  rubric = await seedSignedRubric(db, 'account-executive');
  discovery = rubric.criteria.get('ae-discovery')!;
  closing = rubric.criteria.get('ae-closing')!;
  sessionId = await createSessionWithTranscript(db, {
    title: 'AE screen',
    kind: 'interview',
    source: 'import',
    durationSec: 120,
    tracks: [],
    segments: [
      { start: 0, end: 5, speaker: 'Interviewer', text: 'How do you run a first call?', words: [] },
      { start: 6, end: 30, speaker: 'Candidate', text: 'I ask about budget and who signs.', words: [] },
    ],
  });
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const proposal = (criterionId: string, start: number, end: number, confidence = 0.7): ProposedMoment => ({
  criterionId,
  start,
  end,
  quote: `Quote ${start}-${end}`,
  confidence,
  reasons: ['question-link', 'lexical'],
  question: 'How do you run a first call?',
  answerStart: start,
  answerEnd: end,
});

describe('tags', () => {
  it('needs the session to have a rubric for a criterion tag, but takes a flag without one', async () => {
    await expect(addTag(db, { sessionId, atSec: 10, criterionId: discovery })).rejects.toMatchObject({ code: 'session-without-rubric' });
    const flag = await addTag(db, { sessionId, atSec: 12, criterionId: null, flagged: true });
    expect(flag).toMatchObject({ flagged: true, criterionId: null, rubricVersionId: null, origin: 'manual' });
    // A flag made before the rubric was chosen does not lock the session's rubric.
    await setSessionRubric(db, sessionId, rubric.versionId);
  });

  it('records the session rubric version, the author and a trimmed note; rejects unknown criteria and times past the end', async () => {
    await setSessionRubric(db, sessionId, rubric.versionId);
    const tag = await addTag(db, { sessionId, atSec: 20.5, criterionId: discovery, note: '  asked about budget  ', author: 'Dana' });
    expect(tag).toMatchObject({ start: 20.5, end: 20.5, criterionId: discovery, rubricVersionId: rubric.versionId, author: 'Dana', note: 'asked about budget', status: 'accepted', flagged: false });
    await expect(addTag(db, { sessionId, atSec: 20, criterionId: 'no-such-criterion' })).rejects.toMatchObject({ code: 'criterion-not-found' });
    await expect(addTag(db, { sessionId, atSec: 200, criterionId: discovery })).rejects.toMatchObject({ code: 'moment-out-of-range' });
    await expect(addTag(db, { sessionId, atSec: 20, criterionId: null })).rejects.toMatchObject({ code: 'invalid-tag' });
    expect((await listMoments(db, sessionId)).map((m) => m.id)).toEqual([tag.id]);
  });

  it('moves, retargets, re-notes, turns into a flag and deletes', async () => {
    await setSessionRubric(db, sessionId, rubric.versionId);
    const tag = await addTag(db, { sessionId, atSec: 20, criterionId: discovery });
    expect(await updateMoment(db, tag.id, { start: 25 })).toMatchObject({ start: 25, end: 25 });
    expect(await updateMoment(db, tag.id, { criterionId: closing, note: 'pricing' })).toMatchObject({ criterionId: closing, note: 'pricing', flagged: false });
    await expect(updateMoment(db, tag.id, { start: 30, end: 29 })).rejects.toMatchObject({ code: 'invalid-moment-span' });
    await expect(updateMoment(db, tag.id, { criterionId: 'nope' })).rejects.toMatchObject({ code: 'criterion-not-found' });
    expect(await updateMoment(db, tag.id, { criterionId: null })).toMatchObject({ criterionId: null, flagged: true });
    expect(await updateMoment(db, tag.id, { note: '' })).toMatchObject({ note: null, start: 25 });
    await deleteMoment(db, tag.id);
    expect(await listMoments(db, sessionId)).toEqual([]);
    await expect(deleteMoment(db, tag.id)).rejects.toMatchObject({ code: 'moment-not-found' });
  });

  it('locks the session rubric once something points at it, and only takes signed versions', async () => {
    await setSessionRubric(db, sessionId, rubric.versionId);
    await addTag(db, { sessionId, atSec: 20, criterionId: discovery });
    const other = await seedSignedRubric(db, 'backend-engineer');
    await expect(setSessionRubric(db, sessionId, other.versionId)).rejects.toMatchObject({ code: 'session-rubric-locked' });
    await db.updateTable('rubric_versions').set({ signed_off_at: null, signed_off_by: null }).where('id', '=', other.versionId).execute();
    const fresh = await createSessionWithTranscript(db, { title: 'x', kind: 'interview', source: 'import', durationSec: 0, tracks: [], segments: [] });
    await expect(setSessionRubric(db, fresh, other.versionId)).rejects.toMatchObject({ code: 'rubric-not-signed' });
  });
});

describe('mapper proposals', () => {
  beforeEach(async () => setSessionRubric(db, sessionId, rubric.versionId));

  it('replaces waiting proposals, keeps decisions, and does not propose a decided span again', async () => {
    const first = await storeProposals(db, sessionId, [proposal(discovery, 6, 12), proposal(closing, 14, 20), proposal(discovery, 22, 28)]);
    expect(first.map((m) => [m.status, m.origin, m.confidence, m.reason])).toEqual(Array(3).fill(['proposed', 'auto', 0.7, 'question-link,lexical']));
    const [accepted, rejected, waiting] = first;
    await reviewMoment(db, accepted!.id, 'accepted');
    await reviewMoment(db, rejected!.id, 'rejected');

    const again = await storeProposals(db, sessionId, [proposal(discovery, 6, 12, 0.9), proposal(closing, 14, 20), proposal(discovery, 22, 28, 0.5), proposal(closing, 6, 12)]);
    expect(again.map((m) => [m.criterionId, m.start, m.status])).toEqual([
      [discovery, 6, 'accepted'],
      [closing, 6, 'proposed'],
      [closing, 14, 'rejected'],
      [discovery, 22, 'proposed'],
    ]);
    expect(again.find((m) => m.start === 6 && m.criterionId === discovery)!.id).toBe(accepted!.id);
    // The waiting one was replaced by the new run's proposal.
    expect(again.some((m) => m.id === waiting!.id)).toBe(false);
    expect(again.find((m) => m.start === 22)!.confidence).toBe(0.5);
  });

  it('remembers a decision after the moment was moved, and a retarget as "not that criterion, this one"', async () => {
    const [a, b] = await storeProposals(db, sessionId, [proposal(discovery, 6, 12), proposal(closing, 14, 20)]);
    await reviewMoment(db, a!.id, 'accepted');
    await updateMoment(db, a!.id, { start: 7, end: 11 });
    const retargeted = await updateMoment(db, b!.id, { criterionId: discovery });
    expect(retargeted).toMatchObject({ origin: 'auto', status: 'accepted', criterionId: discovery, start: 14, end: 20, quote: 'Quote 14-20' });
    expect(retargeted.id).not.toBe(b!.id);

    const again = await storeProposals(db, sessionId, [proposal(discovery, 6, 12), proposal(closing, 14, 20), proposal(discovery, 14, 20)]);
    const summary = again.map((m) => `${m.criterionId === discovery ? 'discovery' : 'closing'} ${m.start}-${m.end} ${m.status}`).sort();
    expect(summary).toEqual(['closing 14-20 rejected', 'discovery 14-20 accepted', 'discovery 7-11 accepted']);
  });

  it('puts a mapped moment back up for review, but not a tag; a mapped moment cannot lose its criterion', async () => {
    const [a] = await storeProposals(db, sessionId, [proposal(discovery, 6, 12)]);
    await reviewMoment(db, a!.id, 'rejected');
    expect(await reviewMoment(db, a!.id, 'proposed')).toMatchObject({ status: 'proposed' });
    await expect(updateMoment(db, a!.id, { criterionId: null })).rejects.toMatchObject({ code: 'invalid-moment-criterion' });
    const tag = await addTag(db, { sessionId, atSec: 8, criterionId: discovery });
    await expect(reviewMoment(db, tag.id, 'proposed')).rejects.toMatchObject({ code: 'invalid-review' });
  });

  it('refuses to store proposals for a session without a rubric', async () => {
    const bare = await createSessionWithTranscript(db, { title: 'x', kind: 'interview', source: 'import', durationSec: 0, tracks: [], segments: [] });
    await expect(storeProposals(db, bare, [proposal(discovery, 1, 2)])).rejects.toMatchObject({ code: 'session-without-rubric' });
  });
});
