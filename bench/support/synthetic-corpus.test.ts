import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { listSessions, openDatabase, searchCorpus } from '../../src/db/index.js';
import { migrations } from '../../src/db/migrations/index.js';
import { cachedStoreIsCurrent, syntheticCorpus } from './synthetic-corpus.js';

const dir = mkdtempSync(path.join(tmpdir(), 'debrief-corpus-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('synthetic corpus for the search benchmark', () => {
  it('writes interviews through the schema and triggers, and reuses the cached file', async () => {
    const shape = { interviews: 12, segmentsPerInterview: 40, secondsPerSegment: 4.5 };
    const lines: string[] = [];
    const file = await syntheticCorpus(dir, shape, (line) => lines.push(line));
    const db = await openDatabase(file);
    try {
      const count = async (table: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
      expect(await count('sessions')).toBe(12);
      expect(await count('transcript_segments')).toBe(12 * 40);
      // The triggers kept the derived tables: every session listed with its 40 lines and two speakers.
      const listed = await listSessions(db);
      expect(listed.map((s) => s.segmentCount)).toEqual(Array(12).fill(40));
      expect(listed.every((s) => s.speakers.length === 2)).toBe(true);
      expect((await searchCorpus(db, 'think')).hitCount).toBeGreaterThan(0);
      expect(await count('search_documents')).toBeGreaterThan(12);
    } finally {
      await db.destroy();
    }
    const modified = statSync(file).mtimeMs;
    expect(await syntheticCorpus(dir, shape, (line) => lines.push(line))).toBe(file);
    expect(statSync(file).mtimeMs).toBe(modified);
  });

  it('reuses a cached store only when its migrations are the start of today\'s list', () => {
    const names = migrations.map((m) => m.name);
    expect(cachedStoreIsCurrent(names, names)).toBe(true);
    // One appended since: the app's migrations bring the store up to date on open.
    expect(cachedStoreIsCurrent(names.slice(0, -1), names)).toBe(true);
    // One inserted before the last, one renamed, one removed: a different schema history, rebuilt.
    expect(cachedStoreIsCurrent([...names.slice(0, -1), '0008-inserted', names.at(-1)!], names)).toBe(false);
    expect(cachedStoreIsCurrent(['0001-renamed', ...names.slice(1)], names)).toBe(false);
    expect(cachedStoreIsCurrent(names.slice(1), names)).toBe(false);
  });
});
