import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/core/errors.js';
import {
  addEvidence,
  createCandidate,
  createRequisition,
  createSessionWithTranscript,
  deleteSession,
  fileSession,
  listInterviewRows,
  listSessions,
  openDatabase,
  renameSpeaker,
  searchCorpus,
  setSessionInterviewer,
  setSessionRubric,
  type CorpusFilters,
  type CorpusSearchResult,
  type Database,
} from '../../src/db/index.js';
import { seedSignedRubric, type SeededRubric } from '../support/seed-rubric.js';

/** Corpus search through the store: real SQLite, real FTS5, the repositories that write the rows. */

let dir: string;
let db: Database;
let rubric: SeededRubric;
let ae: string; // the requisition the rubric belongs to
let designer: string;
const candidates = {} as Record<'ana' | 'ben' | 'cleo', string>;
const sessions = {} as Record<'ana' | 'ben' | 'intake' | 'cleo', string>;

type Line = [speaker: string, text: string];
async function interview(title: string, kind: 'intake' | 'interview', startedAt: string, lines: Line[]): Promise<string> {
  return createSessionWithTranscript(db, {
    title,
    kind,
    source: 'import',
    startedAt,
    durationSec: lines.length * 5,
    tracks: [],
    segments: lines.map(([speaker, text], i) => ({ start: i * 5, end: i * 5 + 4.5, speaker, text, words: [] })),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-corpus-'));
  db = await openDatabase(path.join(dir, 'store.sqlite'));
  rubric = await seedSignedRubric(db, 'account-executive');
  ae = (await db.selectFrom('rubric_versions').innerJoin('rubrics', 'rubrics.id', 'rubric_versions.rubric_id').select('rubrics.requisition_id').where('rubric_versions.id', '=', rubric.versionId).executeTakeFirstOrThrow()).requisition_id;
  designer = await createRequisition(db, { title: 'Product Designer' });
  candidates.ana = (await createCandidate(db, { name: 'Ana Costa', requisitionId: ae, stage: 'Phone screen' })).id;
  candidates.ben = (await createCandidate(db, { name: 'Ben Okafor', requisitionId: ae })).id;
  candidates.cleo = (await createCandidate(db, { name: 'Cleo Ito', requisitionId: designer })).id;

  sessions.ana = await interview('Phone screen', 'interview', '2025-03-10T10:00:00.000Z', [
    ['Dana', 'Tell me about the system design of your last project.'],
    ['Ana', 'We rebuilt the billing pipeline on Kafka and Postgres.'],
    ['Ana', 'The hardest part was the hiring'],
    ['Ana', 'manager wanting a rewrite in a month.'],
    ['Dana', 'What would you do differently with Kafka?'],
  ]);
  sessions.ben = await interview('Onsite loop', 'interview', '2025-04-02T15:00:00.000Z', [
    ['Lee', 'Walk me through a kafka outage'],
    ['Ben', 'Our kafka cluster lost a broker during the migration.'],
  ]);
  sessions.intake = await interview('Intake call', 'intake', '2025-02-01T09:00:00.000Z', [['Priya', 'We need someone who has run kafka in production.']]);
  sessions.cleo = await interview('Portfolio review', 'interview', '2025-05-05T09:00:00.000Z', [
    ['Sam', 'Any tools you like?'],
    ['Cleo', 'I love Kafka too, oddly.'],
  ]);
  await fileSession(db, sessions.ana, { candidateId: candidates.ana, stage: 'Phone screen' });
  await fileSession(db, sessions.ben, { candidateId: candidates.ben, stage: 'Onsite' });
  await fileSession(db, sessions.intake, { requisitionId: ae });
  await fileSession(db, sessions.cleo, { candidateId: candidates.cleo });
  await setSessionInterviewer(db, sessions.ana, 'Dana');
  await setSessionInterviewer(db, sessions.ben, 'Lee');
  await setSessionInterviewer(db, sessions.intake, 'Priya');
  // Cleo's interviewer was never recorded: the speaker filter cannot tell her lines from Sam's.
});

afterAll(async () => {
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const search = (query: string, filters: CorpusFilters = {}) => searchCorpus(db, query, filters);
const sessionsOf = (r: CorpusSearchResult) => r.groups.map((g) => g.sessionId);
const transcriptLines = (r: CorpusSearchResult) => r.groups.flatMap((g) => g.hits.filter((h) => h.kind === 'transcript').map((h) => `${g.title}@${h.start}`));

describe('corpus search', () => {
  it('finds a word in every transcript, grouped by session newest first, each hit with its snippet, speaker and time', async () => {
    const r = await search('kafka');
    expect(sessionsOf(r)).toEqual([sessions.cleo, sessions.ben, sessions.ana, sessions.intake]);
    const ana = r.groups.find((g) => g.sessionId === sessions.ana)!;
    expect(ana).toMatchObject({ title: 'Phone screen', kind: 'interview', stage: 'Phone screen', candidate: { name: 'Ana Costa' }, requisition: { id: ae } });
    expect(ana.hits.map((h) => [h.speaker, h.start])).toEqual([
      ['Ana', 5],
      ['Dana', 20],
    ]);
    expect(ana.hits[0]!.snippet).toBe('We rebuilt the billing pipeline on [Kafka] and Postgres.');
    expect(ana.hits[0]!.segmentId).toEqual(expect.any(String));
    expect(r).toMatchObject({ hitCount: 6, truncated: false, notice: null });
  });

  it('narrows by requisition, candidate, stage, kind and dates (the end day included)', async () => {
    expect(sessionsOf(await search('kafka', { requisitionId: ae }))).toEqual([sessions.ben, sessions.ana, sessions.intake]);
    expect(sessionsOf(await search('kafka', { candidateId: candidates.ben }))).toEqual([sessions.ben]);
    expect(sessionsOf(await search('kafka', { stage: 'onsite' }))).toEqual([sessions.ben]);
    expect(sessionsOf(await search('kafka', { kind: 'intake' }))).toEqual([sessions.intake]);
    expect(sessionsOf(await search('kafka', { from: '2025-03-10', to: '2025-04-02' }))).toEqual([sessions.ben, sessions.ana]);
    expect(sessionsOf(await search('kafka', { from: '2025-04-03' }))).toEqual([sessions.cleo]);
  });

  it("keeps only the interviewer's or only the candidate's lines", async () => {
    expect(transcriptLines(await search('kafka', { speaker: 'interviewer' }))).toEqual(['Onsite loop@0', 'Phone screen@20', 'Intake call@0']);
    expect(transcriptLines(await search('kafka', { speaker: 'candidate' }))).toEqual(['Onsite loop@5', 'Phone screen@5']);
  });

  it('searches session titles, candidate names and evidence, and the criterion filter keeps the evidence tagged with it', async () => {
    const byName = await search('Costa');
    expect(byName.groups.map((g) => [g.sessionId, g.hits.map((h) => h.kind)])).toEqual([[sessions.ana, ['candidate-name']]]);
    expect((await search('loop')).groups[0]!.hits[0]).toMatchObject({ kind: 'session-title', snippet: 'Onsite [loop]' });

    await setSessionRubric(db, sessions.ana, rubric.versionId);
    const [criterionSlug, criterionId] = [...rubric.criteria.entries()][0]!;
    expect(criterionSlug).toBeTruthy();
    await addEvidence(db, { sessionId: sessions.ana, start: 5, end: 9.5, quote: 'billing pipeline on Kafka', criterionId });
    const tagged = await search('kafka', { criterion: rubric.titles[0]! });
    expect(tagged.groups.map((g) => [g.sessionId, g.hits.map((h) => [h.kind, h.start, h.snippet])])).toEqual([[sessions.ana, [['moment', 5, 'billing pipeline on [Kafka]']]]]);
    expect((await search('kafka', { criterion: rubric.titles[1]! })).hitCount).toBe(0);
  });

  it("narrowed to a candidate, finds their evidence however far apart it was stored, and no one else's", async () => {
    const note = (sessionId: string, start: number, text: string) => ({
      id: randomUUID(), session_id: sessionId, start_sec: start, end_sec: start + 1, criterion_id: null, rubric_version_id: null, author: 'Dana',
      origin: 'manual' as const, note: text, quote: null, confidence: null, reason: null, status: 'accepted' as const, created_at: '2025-05-01T09:00:00.000Z',
    });
    await db.insertInto('moments').values(note(sessions.ben, 1, 'zebrafish telemetry, first')).execute();
    // Thousands of other documents stored between the candidate's two: their stretch of ids is wide and mostly someone else's.
    for (let batch = 0; batch < 5; batch++) {
      await db.insertInto('moments').values(Array.from({ length: 500 }, (_, i) => note(sessions.cleo, 0, `zebrafish filler ${batch * 500 + i}`))).execute();
    }
    await db.insertInto('moments').values(note(sessions.ben, 2, 'zebrafish telemetry, later')).execute();
    const theirs = await search('zebrafish', { candidateId: candidates.ben });
    expect(theirs.groups.map((g) => [g.sessionId, g.hits.map((h) => [h.kind, h.start])])).toEqual([[sessions.ben, [['moment', 1], ['moment', 2]]]]);
    expect((await search('telemetry', { candidateId: candidates.cleo })).hitCount).toBe(0);
    const cleo = await search('zebrafish', { candidateId: candidates.cleo });
    expect(cleo.hitCount).toBe(100);
    expect(cleo.truncated).toBe(true);
    await db.deleteFrom('moments').where('note', 'like', 'zebrafish%').execute();
  });

  it('finds a phrase that transcription cut across two lines of the same speaker, and not across speakers', async () => {
    for (const query of ['"hiring manager"', 'hiring manager', 'the hiring manager wanting']) {
      const r = await search(query);
      expect(r.groups.map((g) => g.sessionId), query).toEqual([sessions.ana]);
      expect(r.groups[0]!.hits, query).toEqual([expect.objectContaining({ kind: 'transcript', start: 10, end: 19.5, speaker: 'Ana', spansNext: true })]);
    }
    expect((await search('"hiring manager"')).groups[0]!.hits[0]!.snippet).toBe('The hardest part was the [hiring] [manager] wanting a rewrite in a month.');
    // Lee's "…kafka outage" then Ben's "Our kafka…": two people, not one sentence.
    expect((await search('"outage our"')).hitCount).toBe(0);
    // The speaker filter applies to both halves.
    expect((await search('"hiring manager"', { speaker: 'interviewer' })).hitCount).toBe(0);
  });

  it('turns bad search syntax into a message in the user’s words, never an FTS5 error', async () => {
    const cases: [string, RegExp][] = [
      ['"unbalanced', /unbalanced quote/],
      ['*)(^:', /no word to search for/],
      ['-kafka', /only excludes words/],
      ['   ', /empty/],
    ];
    for (const [query, message] of cases) {
      const error = await search(query).catch((e: unknown) => e);
      expect(error, query).toBeInstanceOf(UserFacingError);
      expect((error as UserFacingError).message, query).toMatch(message);
      expect((error as UserFacingError).message, query).not.toMatch(/fts5|syntax error/i);
    }
    // Punctuation FTS5 would read as syntax is just punctuation here.
    expect(sessionsOf(await search('^kafka: (kafka) "kafka"*'))).toContain(sessions.ana);
    const badDate = await search('kafka', { from: '2025-13-01' }).catch((e: unknown) => e);
    expect((badDate as UserFacingError).message).toBe('Invalid search filter from: the start date must look like 2025-03-31');
  });

  it('explains contradictory or stale filters with an empty result, and leaves the store as it was', async () => {
    const before = await sql<{ n: number }>`select (select count(*) from sessions) + (select count(*) from transcript_segments) as n`.execute(db);
    const cases: [CorpusFilters, RegExp][] = [
      [{ from: '2025-04-01', to: '2025-03-01' }, /dates run backwards: 2025-03-01 comes before 2025-04-01/],
      [{ candidateId: candidates.ben, requisitionId: designer }, /Ben Okafor has no interviews for Product Designer/],
      [{ candidateId: candidates.ana, kind: 'intake' }, /Intake calls have no candidate/],
      [{ kind: 'intake', speaker: 'candidate' }, /Intake calls have no candidate speaking/],
      [{ criterion: 'Juggling' }, /No rubric has a criterion called “Juggling”/],
      [{ requisitionId: 'gone' }, /requisition no longer exists/],
      [{ stage: 'Onsite', kind: 'intake' }, /No interview is filed under these filters together/],
      [{ stage: 'Onsite' }, /Nothing matches in the one interview these filters leave/],
    ];
    for (const [filters, notice] of cases) {
      const r = await search(filters.stage === 'Onsite' && !filters.kind ? 'postgres' : 'kafka', filters);
      expect(r.groups, JSON.stringify(filters)).toEqual([]);
      expect(r.notice, JSON.stringify(filters)).toMatch(notice);
    }
    const after = await sql<{ n: number }>`select (select count(*) from sessions) + (select count(*) from transcript_segments) as n`.execute(db);
    expect(after.rows).toEqual(before.rows);
  });

  it('stops at the limit and says there is more', async () => {
    const r = await searchCorpus(db, 'kafka', {}, { limit: 2 });
    expect(r.hitCount).toBe(2);
    expect(r.truncated).toBe(true);
  });

  it('follows renames, speaker corrections and deletes', async () => {
    const victim = await interview('Temporary kafka chat', 'interview', '2025-06-01T09:00:00.000Z', [
      ['Kim', 'kafka again'],
      ['Jo', 'and kafka once more'],
    ]);
    await fileSession(db, victim, { title: 'Renamed zeppelin chat' });
    expect(sessionsOf(await search('zeppelin'))).toEqual([victim]);
    expect((await search('temporary')).hitCount).toBe(0);

    await renameSpeaker(db, victim, 'Kim', 'Kimberly');
    const listed = (await listSessions(db)).find((s) => s.id === victim)!;
    expect(listed).toMatchObject({ segmentCount: 2, speakers: ['Kimberly', 'Jo'] });

    await deleteSession(db, victim);
    expect(sessionsOf(await search('kafka'))).not.toContain(victim);
    expect((await search('zeppelin')).hitCount).toBe(0);
    const leftovers = await db.selectFrom('session_speakers').select('session_id').where('session_id', '=', victim).execute();
    expect(leftovers).toEqual([]);
  });

  it('lists sessions with the stored counts and speakers, equal to counting the segments', async () => {
    const counted = await sql<{ session_id: string; n: number }>`select session_id, count(*) as n from transcript_segments group by session_id`.execute(db);
    const listed = await listSessions(db);
    for (const row of counted.rows) expect(listed.find((s) => s.id === row.session_id)?.segmentCount).toBe(Number(row.n));
    expect(listed.find((s) => s.id === sessions.ana)?.speakers).toEqual(['Dana', 'Ana']);
    const rows = await listInterviewRows(db);
    expect(rows.find((r) => r.id === sessions.ana)?.status).toBe('reviewed'); // a transcript, and its one moment accepted
    expect(rows).toHaveLength(listed.length);
  });
});
