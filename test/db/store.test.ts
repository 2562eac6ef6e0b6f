import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSessionWithTranscript,
  deleteSession,
  getSession,
  listSessions,
  openDatabase,
  searchSegments,
  type Database,
  type NewSessionWithTranscript,
} from '../../src/db/index.js';
import { UserFacingError } from '../../src/core/errors.js';

/** The store end to end: one real SQLite file, reopened along the way. */

const intake: NewSessionWithTranscript = {
  title: 'Intake — Senior Backend Engineer',
  kind: 'intake',
  source: 'recording',
  startedAt: '2025-02-03T15:00:00.000Z',
  durationSec: 95.5,
  tracks: [
    { source: 'mic', speakerLabel: 'Recruiter', path: '/rec/a-mic.wav', sampleRate: 48000, channels: 1, durationSec: 95.5 },
    { source: 'system', speakerLabel: 'Hiring manager', path: '/rec/a-sys.wav', sampleRate: 48000, channels: 2, durationSec: 95.5 },
  ],
  segments: [
    {
      start: 0,
      end: 6.2,
      speaker: 'Recruiter',
      text: 'Thanks for making time. Tell me about the role.',
      words: [
        { start: 0, end: 0.42, text: 'Thanks', p: 0.98 },
        { start: 0.42, end: 0.6, text: 'for', p: 0.99 },
      ],
      trackIndex: 0,
    },
    {
      start: 6.2,
      end: 21.75,
      speaker: 'Hiring manager',
      text: 'Last quarter we hired two engineers who struggled with distributed systems, so that is a must-have now.',
      words: [{ start: 6.2, end: 6.5, text: 'Last', p: 0.91 }],
      trackIndex: 1,
    },
    {
      start: 21.75,
      end: 30,
      speaker: 'Recruiter',
      text: 'Understood. Is Kubernetes experience required?',
      words: [],
      trackIndex: 0,
    },
  ],
};

const interview: NewSessionWithTranscript = {
  title: 'Interview — Dana Q.',
  kind: 'interview',
  source: 'audio-file',
  durationSec: 60,
  tracks: [{ source: 'file', path: '/imports/dana.m4a', sampleRate: 44100, channels: 2, durationSec: 60 }],
  // Out of order on purpose: the store returns them by start time.
  segments: [
    { start: 40, end: 55.5, speaker: 'Candidate', text: 'I led the hiring loop for my team and hired four people.', words: [] },
    { start: 0, end: 10, speaker: 'Interviewer', text: 'Walk me through a distributed systems outage.', words: [{ start: 0, end: 0.3, text: 'Walk' }] },
    { start: 10, end: 40, speaker: 'Candidate', text: 'Our Kafka cluster split brain; distributed systems fail in surprising ways, distributed consensus is hard.', words: [] },
  ],
};

const tables = ['sessions', 'tracks', 'transcript_segments', 'transcript_segments_fts_docsize'] as const;

let dir: string;
let file: string;
let db: Database;
let intakeId: string;
let interviewId: string;

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    result[table] = rows[0]!.n;
  }
  return result;
}

async function searchIndexIsConsistent(): Promise<void> {
  await sql`insert into transcript_segments_fts (transcript_segments_fts) values ('integrity-check')`.execute(db);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-store-'));
  file = path.join(dir, 'data', 'debrief.sqlite');
  db = await openDatabase(file);
});

afterAll(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('the store', () => {
  it('creates two sessions with their transcripts', async () => {
    intakeId = await createSessionWithTranscript(db, intake);
    interviewId = await createSessionWithTranscript(db, interview);
    expect(await counts()).toEqual({
      sessions: 2,
      tracks: 3,
      transcript_segments: 6,
      transcript_segments_fts_docsize: 6,
    });
  });

  it('lists them newest first with segment counts and speakers', async () => {
    const list = await listSessions(db);
    expect(list).toEqual([
      expect.objectContaining({
        id: interviewId,
        title: 'Interview — Dana Q.',
        kind: 'interview',
        source: 'audio-file',
        durationSec: 60,
        segmentCount: 3,
        speakers: ['Interviewer', 'Candidate'],
      }),
      expect.objectContaining({
        id: intakeId,
        kind: 'intake',
        source: 'recording',
        durationSec: 95.5,
        segmentCount: 3,
        speakers: ['Recruiter', 'Hiring manager'],
      }),
    ]);
    expect(list[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('gets a session with its tracks and its segments ordered by start, word timings intact', async () => {
    const got = await getSession(db, interviewId);
    expect(got!.tracks).toEqual([
      expect.objectContaining({ source: 'file', path: '/imports/dana.m4a', sampleRate: 44100, channels: 2, durationSec: 60 }),
    ]);
    expect(got!.segments.map((s) => [s.start, s.end, s.speaker])).toEqual([
      [0, 10, 'Interviewer'],
      [10, 40, 'Candidate'],
      [40, 55.5, 'Candidate'],
    ]);
    expect(got!.segments[0]!.words).toEqual([{ start: 0, end: 0.3, text: 'Walk' }]);

    const first = await getSession(db, intakeId);
    expect(first!.startedAt).toBe('2025-02-03T15:00:00.000Z');
    expect(first!.segments.map((s) => ({ start: s.start, end: s.end, speaker: s.speaker, text: s.text, words: s.words })))
      .toEqual(intake.segments.map(({ trackIndex: _, ...segment }) => segment));
    const [mic, system] = first!.tracks;
    expect(first!.segments.map((s) => s.trackId)).toEqual([mic!.id, system!.id, mic!.id]);
  });

  it('finds the right segment with its speaker and times', async () => {
    const hits = await searchSegments(db, 'kafka');
    expect(hits).toEqual([
      {
        sessionId: interviewId,
        segmentId: expect.any(String),
        sessionTitle: 'Interview — Dana Q.',
        start: 10,
        end: 40,
        speaker: 'Candidate',
        text: interview.segments[2]!.text,
        snippet: expect.stringContaining('[Kafka]'),
      },
    ]);
  });

  it('stems: "hiring" finds "hired"', async () => {
    const hits = await searchSegments(db, 'hiring');
    expect(hits.map((h) => [h.sessionId, h.start])).toEqual(
      expect.arrayContaining([
        [intakeId, 6.2], // "we hired two engineers"
        [interviewId, 40], // "the hiring loop … hired four people"
      ]),
    );
    expect(hits).toHaveLength(2);
  });

  it('ranks the best hit first', async () => {
    // The segment that says "distributed" three times outranks those that say it once.
    const hits = await searchSegments(db, 'distributed');
    expect(hits).toHaveLength(3);
    expect(hits[0]).toMatchObject({ sessionId: interviewId, start: 10 });
  });

  it('applies phrases, exclusions, OR, prefixes and a session filter', async () => {
    expect((await searchSegments(db, '"distributed systems" -kafka')).map((h) => h.start).sort((a, b) => a - b)).toEqual([0, 6.2]);
    expect(await searchSegments(db, '"systems distributed"')).toEqual([]);
    expect(await searchSegments(db, 'kubernetes OR kafka')).toHaveLength(2);
    expect((await searchSegments(db, 'kuber*'))[0]).toMatchObject({ sessionId: intakeId, speaker: 'Recruiter', start: 21.75 });
    expect((await searchSegments(db, 'distributed', { sessionId: intakeId })).map((h) => h.sessionId)).toEqual([intakeId]);
    expect(await searchSegments(db, 'distributed', { limit: 1 })).toHaveLength(1);
  });

  it('turns a malformed query into a UserFacingError, never an SQLite error', async () => {
    await expect(searchSegments(db, 'foo)(* AND "bar')).rejects.toBeInstanceOf(UserFacingError);
    await expect(searchSegments(db, '-kafka')).rejects.toMatchObject({ code: 'bad-search-query' });
    await expect(searchSegments(db, 'kafka', { limit: 0 })).rejects.toMatchObject({ code: 'bad-search-query' });
    expect(await searchSegments(db, 'NEAR(')).toEqual([]);
  });

  it('leaves the store exactly as before when an insert fails validation', async () => {
    const before = await counts();
    const broken = structuredClone(interview);
    broken.segments[2]!.end = 5; // ends before it starts
    await expect(createSessionWithTranscript(db, broken)).rejects.toMatchObject({ code: 'invalid-session' });
    expect(await counts()).toEqual(before);
  });

  it('rolls back everything when the database refuses a row in the middle of the transaction', async () => {
    const before = await counts();
    const listBefore = await listSessions(db);
    // A real constraint, hit by the third of four segments, after the session, tracks and two segments are written.
    await sql`
      create temp trigger refuse_poison before insert on transcript_segments
      when new.text like '%POISON%' begin select raise(abort, 'poisoned segment refused'); end`.execute(db);
    try {
      const poisoned: NewSessionWithTranscript = {
        ...interview,
        title: 'Never stored',
        segments: [
          { start: 0, end: 1, speaker: 'A', text: 'zebracorn one', words: [] },
          { start: 1, end: 2, speaker: 'A', text: 'zebracorn two', words: [] },
          { start: 2, end: 3, speaker: 'A', text: 'POISON', words: [] },
          { start: 3, end: 4, speaker: 'A', text: 'zebracorn four', words: [] },
        ],
      };
      await expect(createSessionWithTranscript(db, poisoned)).rejects.toThrow(/poisoned segment refused/);
    } finally {
      await sql`drop trigger temp.refuse_poison`.execute(db);
    }
    expect(await counts()).toEqual(before);
    expect(await listSessions(db)).toEqual(listBefore);
    expect(await searchSegments(db, 'zebracorn')).toEqual([]);
    await searchIndexIsConsistent();
  });

  it('keeps everything when the file is closed and reopened', async () => {
    const listBefore = await listSessions(db);
    const detailBefore = await getSession(db, intakeId);
    await db.destroy();
    db = await openDatabase(file);
    expect(await listSessions(db)).toEqual(listBefore);
    expect(await getSession(db, intakeId)).toEqual(detailBefore);
    expect((await searchSegments(db, 'kafka')).map((h) => h.sessionId)).toEqual([interviewId]);
  });

  it('deletes a session with its tracks, segments and search entries', async () => {
    expect(await deleteSession(db, interviewId)).toBe(true);
    expect(await getSession(db, interviewId)).toBeUndefined();
    expect(await counts()).toEqual({
      sessions: 1,
      tracks: 2,
      transcript_segments: 3,
      transcript_segments_fts_docsize: 3,
    });
    expect(await searchSegments(db, 'kafka')).toEqual([]);
    expect((await searchSegments(db, 'hiring')).map((h) => h.sessionId)).toEqual([intakeId]);
    await searchIndexIsConsistent();
  });
});
