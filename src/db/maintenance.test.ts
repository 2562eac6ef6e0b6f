import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compactDatabase, rebuildSearchIndex } from './maintenance.js';
import { openDatabase, type Database } from './open-database.js';
import { createSessionWithTranscript, deleteSession } from './repositories/sessions-repository.js';
import { searchSegments } from './repositories/search-repository.js';

let dir: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-maintenance-'));
  db = await openDatabase(path.join(dir, 'store.sqlite'));
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const session = (word: string, count: number) => ({
  title: word,
  kind: 'interview' as const,
  source: 'import' as const,
  durationSec: count,
  tracks: [],
  segments: Array.from({ length: count }, (_, i) => ({
    start: i,
    end: i + 1,
    speaker: null,
    text: `${word} number ${i}`,
    words: [],
  })),
});

describe('compactDatabase', () => {
  it('reclaims space after deletes and leaves search pointing at the right segments', async () => {
    const gone = await createSessionWithTranscript(db, session('walrus', 200));
    const kept = await createSessionWithTranscript(db, session('narwhal', 50));
    await deleteSession(db, gone);
    await compactDatabase(db);

    const hits = await searchSegments(db, 'narwhal 7');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ sessionId: kept, text: 'narwhal number 7', start: 7 });
    expect(await searchSegments(db, 'walrus')).toEqual([]);
    await sql`insert into transcript_segments_fts (transcript_segments_fts) values ('integrity-check')`.execute(db);
  });
});

describe('rebuildSearchIndex', () => {
  it('repairs an index that lost its entries', async () => {
    await createSessionWithTranscript(db, session('okapi', 3));
    await sql`insert into transcript_segments_fts (transcript_segments_fts) values ('delete-all')`.execute(db);
    expect(await searchSegments(db, 'okapi')).toEqual([]);
    await rebuildSearchIndex(db);
    expect(await searchSegments(db, 'okapi')).toHaveLength(3);
  });
});
