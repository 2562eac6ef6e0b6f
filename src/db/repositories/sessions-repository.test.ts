import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../core/errors.js';
import { openDatabase, type Database } from '../open-database.js';
import {
  createSessionWithTranscript,
  deleteSession,
  getSession,
  listSessions,
  type NewSessionWithTranscript,
} from './sessions-repository.js';

let dir: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-sessions-'));
  db = await openDatabase(path.join(dir, 'store.sqlite'));
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const base = (): NewSessionWithTranscript => ({
  title: 'Intake: Staff engineer',
  kind: 'intake',
  source: 'recording',
  startedAt: '2025-03-01T09:00:00.000Z',
  durationSec: 30,
  tracks: [
    { source: 'mic', speakerLabel: 'Me', path: '/rec/mic.wav', sampleRate: 48000, channels: 1, durationSec: 30 },
    { source: 'system', path: '/rec/system.wav', sampleRate: 48000, durationSec: 30 },
  ],
  segments: [
    { start: 10, end: 12, speaker: 'Them', text: 'Second', words: [], trackIndex: 1 },
    { start: 0, end: 4.5, speaker: 'Me', text: 'First', words: [{ start: 0, end: 0.4, text: 'First', p: 0.9 }], trackIndex: 0 },
    { start: 12, end: 13, speaker: null, text: 'Third', words: [] },
  ],
});

async function rowCount(): Promise<number> {
  const counts = await Promise.all(
    (['sessions', 'tracks', 'transcript_segments'] as const).map(async (t) =>
      Number((await db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

describe('createSessionWithTranscript validation', () => {
  it.each<[string, (input: NewSessionWithTranscript) => void, RegExp]>([
    ['a NaN start', (i) => (i.segments[0]!.start = Number.NaN), /segments\[0\]\.start/],
    ['an infinite end', (i) => (i.segments[1]!.end = Number.POSITIVE_INFINITY), /segments\[1\]\.end/],
    ['a segment ending before it starts', (i) => (i.segments[2]!.end = 11), /segments\[2\].*ends before it starts/],
    ['a negative word time', (i) => (i.segments[1]!.words[0]!.start = -1), /segments\[1\]\.words\[0\]\.start/],
    ['an empty title', (i) => (i.title = '   '), /title/],
    ['an unknown kind', (i) => (i.kind = 'chat' as never), /kind/],
    ['a track index past the tracks', (i) => (i.segments[0]!.trackIndex = 2), /segments\[0\]\.trackIndex: track 2 does not exist/],
    ['a sample rate of zero', (i) => (i.tracks[0]!.sampleRate = 0), /tracks\[0\]\.sampleRate/],
    ['a startedAt that is not ISO-8601', (i) => (i.startedAt = 'yesterday'), /startedAt/],
    ['a negative duration', (i) => (i.durationSec = -3), /durationSec/],
  ])('rejects %s and writes nothing', async (_, mutate, message) => {
    const input = base();
    mutate(input);
    const attempt = createSessionWithTranscript(db, input);
    await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid-session' });
    await expect(attempt).rejects.toThrow(message);
    expect(await rowCount()).toBe(0);
  });
});

describe('sessions repository', () => {
  it('stores tracks and segments, linking segments to their track, ordered by start', async () => {
    const id = await createSessionWithTranscript(db, base());
    const session = await getSession(db, id);
    expect(session).toMatchObject({
      id,
      title: 'Intake: Staff engineer',
      kind: 'intake',
      source: 'recording',
      status: 'complete',
      startedAt: '2025-03-01T09:00:00.000Z',
      durationSec: 30,
      segmentCount: 3,
      speakers: ['Me', 'Them'],
    });
    expect(session!.tracks.map((t) => [t.position, t.source, t.speakerLabel, t.channels])).toEqual([
      [0, 'mic', 'Me', 1],
      [1, 'system', null, null],
    ]);
    const [mic, system] = session!.tracks;
    expect(session!.segments.map((s) => [s.text, s.trackId, s.start, s.end])).toEqual([
      ['First', mic!.id, 0, 4.5],
      ['Second', system!.id, 10, 12],
      ['Third', null, 12, 13],
    ]);
    expect(session!.segments[0]!.words).toEqual([{ start: 0, end: 0.4, text: 'First', p: 0.9 }]);
  });

  it('lists sessions newest first with counts, including a session without a transcript', async () => {
    const empty = await createSessionWithTranscript(db, { ...base(), title: 'Empty', tracks: [], segments: [] });
    const full = await createSessionWithTranscript(db, base());
    const list = await listSessions(db);
    expect(list.map((s) => [s.id, s.segmentCount, s.speakers])).toEqual([
      [full, 3, ['Me', 'Them']],
      [empty, 0, []],
    ]);
    expect(list[0]!.createdAt > list[1]!.createdAt).toBe(true);
  });

  it('returns undefined for an unknown id and reports whether a delete removed anything', async () => {
    expect(await getSession(db, 'no-such-session')).toBeUndefined();
    expect(await deleteSession(db, 'no-such-session')).toBe(false);
    const id = await createSessionWithTranscript(db, base());
    expect(await deleteSession(db, id)).toBe(true);
    expect(await getSession(db, id)).toBeUndefined();
    expect(await rowCount()).toBe(0);
  });

  it('stores a transcript of thousands of segments in one go', async () => {
    const segments = Array.from({ length: 3000 }, (_, i) => ({
      start: i,
      end: i + 0.9,
      speaker: i % 2 ? 'A' : 'B',
      text: `line ${i}`,
      words: [{ start: i, end: i + 0.5, text: 'line' }],
    }));
    const id = await createSessionWithTranscript(db, { ...base(), tracks: [], segments });
    const session = await getSession(db, id);
    expect(session!.segments).toHaveLength(3000);
    expect(session!.segments[2999]!.text).toBe('line 2999');
  });
});
