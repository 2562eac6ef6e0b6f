import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../core/errors.js';
import { openDatabase, type Database } from './open-database.js';
import { createSessionWithTranscript } from './repositories/sessions-repository.js';
import { ftsPhrase, parseSearchQuery, spanningWords } from './search-query.js';

function rejection(query: string): UserFacingError {
  try {
    parseSearchQuery(query);
  } catch (error) {
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe('bad-search-query');
    return error as UserFacingError;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be rejected`);
}

describe('parseSearchQuery', () => {
  it.each([
    ['hiring', '"hiring"'],
    ['  hiring   manager ', '"hiring" AND "manager"'],
    ['hiring AND manager', '"hiring" AND "manager"'],
    ['"hiring manager"', '"hiring manager"'],
    ['"hiring manager" budget', '"hiring manager" AND "budget"'],
    ['hir*', '"hir" *'],
    ['"next ste"*', '"next ste" *'],
    ['python -java', '("python") NOT ("java")'],
    ['python NOT java', '("python") NOT ("java")'],
    ['python -java -"visual basic"', '("python") NOT ("java" OR "visual basic")'],
    ['python OR java', '("python" OR "java")'],
    ['senior python OR java', '"senior" AND ("python" OR "java")'],
    ['a OR b OR c d', '("a" OR "b" OR "c") AND "d"'],
    ['cats or dogs', '"cats" AND "or" AND "dogs"'],
    ['OR foo', '"foo"'],
    ['foo OR', '"foo"'],
    ['foo OR -bar', '("foo") NOT ("bar")'],
    ["don't", '"don t"'],
    ['e-mail', '"e mail"'],
    ['NEAR(', '"NEAR"'],
    ['NEAR(a b)', '"NEAR a" AND "b"'],
    ['foo)(* AND bar', '"foo" * AND "bar"'],
    ['title:foo ^bar', '"title foo" AND "bar"'],
    ['Zürich café', '"Zürich" AND "café"'],
    ['"a"b', '"a" AND "b"'],
    ['"" foo', '"foo"'],
    ['C++ 2024', '"C" AND "2024"'],
  ])('%j → %s', (query, expected) => {
    expect(parseSearchQuery(query)).toBe(expected);
  });

  it('rejects an empty query', () => {
    expect(rejection('').message).toMatch(/empty/);
    expect(rejection('   \t\n').message).toMatch(/empty/);
  });

  it('rejects an unbalanced quote, naming where it is', () => {
    expect(rejection('foo "bar').message).toMatch(/unbalanced quote.*character 5/);
    expect(rejection('foo)(* AND "bar').message).toMatch(/unbalanced quote/);
    expect(rejection('"').message).toMatch(/unbalanced quote/);
  });

  it('rejects a query with no searchable word', () => {
    for (const query of ['*^():-', '* ^ ( ) : -', '""', 'OR', 'AND', 'OR AND OR', '---', '"!!!"*', '-', 'NOT']) {
      expect(rejection(query).message, query).toMatch(/no word to search for/);
    }
  });

  it('rejects a query that only excludes', () => {
    expect(rejection('-salary').message).toMatch(/only excludes/);
    expect(rejection('NOT salary -"base pay"').message).toMatch(/only excludes/);
  });

  it('rejects an overly long query', () => {
    expect(rejection('word '.repeat(500)).message).toMatch(/limit is 1000/);
  });
});

describe('parseSearchQuery against SQLite FTS5', () => {
  let dir: string;
  let db: Database;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'debrief-search-query-'));
    db = await openDatabase(path.join(dir, 'store.sqlite'));
    await createSessionWithTranscript(db, {
      title: 'Fuzz target',
      kind: 'interview',
      source: 'import',
      durationSec: 3,
      tracks: [],
      segments: [
        { start: 0, end: 1, speaker: 'A', text: 'NEAR the café, we hired foo and bar', words: [] },
        { start: 1, end: 2, speaker: 'B', text: "Don't say OR or AND to the e-mail parser", words: [] },
      ],
    });
  });

  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const matchCount = async (expression: string) => {
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from transcript_segments_fts where transcript_segments_fts match ${expression}`.execute(db);
    return rows[0]!.n;
  };

  it('finds what the documented syntax promises', async () => {
    expect(await matchCount(parseSearchQuery('NEAR('))).toBe(1);
    expect(await matchCount(parseSearchQuery("don't"))).toBe(1);
    expect(await matchCount(parseSearchQuery('e-mail'))).toBe(1);
    expect(await matchCount(parseSearchQuery('foo)(* AND bar'))).toBe(1);
    expect(await matchCount(parseSearchQuery('hiring OR parser'))).toBe(2);
    expect(await matchCount(parseSearchQuery('the -hired'))).toBe(1);
    expect(await matchCount(parseSearchQuery('"foo and bar"'))).toBe(1);
    expect(await matchCount(parseSearchQuery('"bar and foo"'))).toBe(0);
    expect(await matchCount(parseSearchQuery('pars*'))).toBe(1);
    expect(await matchCount(parseSearchQuery('cafe'))).toBe(1);
  });

  it('turns random punctuation soup into either an accepted expression or a UserFacingError', async () => {
    // Deterministic PRNG, so a failure reproduces.
    let seed = 0x2545f491;
    const random = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const pieces = [
      '"', '"', '*', '^', '(', ')', ':', '-', '+', '{', '}', '[', ']', ',', '.', "'", '\\', '/', '|', '&', '!', '~',
      ' ', ' ', ' ', '\t', 'OR', 'AND', 'NOT', 'NEAR', 'NEAR(', 'foo', 'bar', 'café', 'x', '1', '0x', '\u0301', '\u0000',
      'rowid', 'text:', '🙂', '—', '""', '*"', '-"',
    ];
    let accepted = 0;
    let rejected = 0;
    for (let i = 0; i < 3000; i++) {
      const length = 1 + Math.floor(random() * 12);
      let query = '';
      for (let j = 0; j < length; j++) query += pieces[Math.floor(random() * pieces.length)];
      let expression: string;
      try {
        expression = parseSearchQuery(query);
      } catch (error) {
        if (!(error instanceof UserFacingError)) throw new Error(`${JSON.stringify(query)} threw ${String(error)}`);
        expect(error.code).toBe('bad-search-query');
        rejected++;
        continue;
      }
      try {
        await matchCount(expression);
      } catch (error) {
        throw new Error(`${JSON.stringify(query)} → ${expression} was refused by SQLite: ${String(error)}`);
      }
      accepted++;
    }
    // The loop must exercise both outcomes to mean anything.
    expect(accepted).toBeGreaterThan(300);
    expect(rejected).toBeGreaterThan(300);
  });
});

describe('spanningWords', () => {
  it('gives the words of a plain run of words or phrases, in order, for the cross-line pass', () => {
    expect(spanningWords('"hiring manager"')).toEqual({ words: ['hiring', 'manager'], prefixLast: false });
    expect(spanningWords('the "system design" rou*')).toEqual({ words: ['the', 'system', 'design', 'rou'], prefixLast: true });
    expect(spanningWords("don't stop")).toEqual({ words: ['don', 't', 'stop'], prefixLast: false });
  });

  it('skips queries a boundary cannot cut: one word, OR, exclusions, very long runs', () => {
    for (const query of ['kafka', 'kafka OR redis', 'kafka -redis', 'one two three four five six seven']) expect(spanningWords(query), query).toBeUndefined();
  });

  it('refuses bad syntax with the same message as the search', () => {
    expect(() => spanningWords('"open')).toThrow(/unbalanced quote/);
  });

  it('builds anchored and prefix phrases FTS5 accepts', () => {
    expect(ftsPhrase(['system', 'des'], { prefix: true, initial: true })).toBe('^"system des" *');
    expect(ftsPhrase(['hiring'])).toBe('"hiring"');
  });
});
