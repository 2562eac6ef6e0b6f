import { UserFacingError } from '../core/errors.js';

/**
 * Turns what the user typed in the search box into a safe FTS5 MATCH expression.
 *
 * Syntax:
 *   hiring manager      both words (AND is implied; a literal `AND` is ignored)
 *   "hiring manager"    the exact phrase
 *   hir*  "next ste"*   prefix: words starting with…
 *   -salary  NOT salary leave out segments with the word (or -"a phrase")
 *   python OR java      either; OR binds tighter than the implied AND, as in web
 *                       search: `senior python OR java` = senior AND (python OR java)
 *
 * Only letters, digits and combining marks from the query ever reach FTS5, each term
 * inside double quotes, so punctuation can't be read as FTS5 syntax (NEAR, ^, :, ( ).
 * Punctuation inside a word splits it the way the index does: `don't` is the phrase
 * "don t".
 */
export function parseSearchQuery(query: string): string {
  const trimmed = query.trim();
  if (trimmed === '') throw badQuery('The search query is empty: type a word to look for.');
  if (trimmed.length > maxQueryLength) {
    throw badQuery(`The search query is ${trimmed.length} characters long; the limit is ${maxQueryLength}.`);
  }

  const clauses: string[][] = [];
  const exclusions: string[] = [];
  let orPending = false;
  let lastWasPositive = false;

  for (const token of tokenize(trimmed)) {
    if (token.kind === 'or') {
      // A dangling OR (at the start, after an exclusion, before nothing) is just dropped.
      orPending = lastWasPositive;
      continue;
    }
    const term = ftsTerm(token.words, token.prefix);
    if (term === undefined) continue; // punctuation only: nothing to search for
    if (token.excluded) {
      exclusions.push(term);
      lastWasPositive = false;
    } else {
      const previous = clauses.at(-1);
      if (orPending && previous) previous.push(term);
      else clauses.push([term]);
      lastWasPositive = true;
    }
    orPending = false;
  }

  if (clauses.length === 0 && exclusions.length === 0) {
    throw badQuery(`The search query ${JSON.stringify(trimmed)} has no word to search for: use letters or digits.`);
  }
  if (clauses.length === 0) {
    throw badQuery(
      `The search query ${JSON.stringify(trimmed)} only excludes words: add at least one word to look for.`,
    );
  }

  const positive = clauses.map((c) => (c.length === 1 ? c[0] : `(${c.join(' OR ')})`)).join(' AND ');
  if (exclusions.length === 0) return positive;
  return `(${positive}) NOT (${exclusions.join(' OR ')})`;
}

const maxQueryLength = 1000;

/** Longest phrase looked for across a segment boundary: each extra word is one more split to try. */
const maxSpanningWords = 6;

/**
 * The words to look for across the boundary between two adjacent segments, when the query is a
 * plain run of words or phrases (no OR, nothing excluded): "system design" said as "…the system"
 * then "design was…" is one sentence that transcription cut in two. Undefined for anything else.
 */
export function spanningWords(query: string): { words: string[]; prefixLast: boolean } | undefined {
  parseSearchQuery(query); // the same errors, in the same words, as the search itself
  const words: string[] = [];
  let prefixLast = false;
  for (const token of tokenize(query.trim())) {
    if (token.kind === 'or' || token.excluded) return undefined;
    const run = (token.words.match(wordRun) ?? []).filter((w) => hasWordChar.test(w));
    if (run.length === 0) continue;
    words.push(...run);
    prefixLast = token.prefix;
  }
  return words.length >= 2 && words.length <= maxSpanningWords ? { words, prefixLast } : undefined;
}

/** FTS5 phrase of `words`, optionally a prefix, optionally anchored to the first token of the text. */
export function ftsPhrase(words: readonly string[], options: { prefix?: boolean; initial?: boolean } = {}): string {
  const phrase = ftsTerm(words.join(' '), options.prefix ?? false);
  if (phrase === undefined) throw new Error('ftsPhrase needs at least one word');
  return options.initial ? `^${phrase}` : phrase;
}

type Token = { kind: 'or' } | { kind: 'term'; words: string; prefix: boolean; excluded: boolean };

function* tokenize(query: string): Generator<Token> {
  let i = 0;
  let excludeNext = false;
  while (i < query.length) {
    const ch = query[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '-') {
      // `-word` excludes; a lone or doubled dash just marks the next term.
      excludeNext = true;
      i++;
      continue;
    }
    if (ch === '"') {
      const close = query.indexOf('"', i + 1);
      if (close === -1) {
        throw badQuery(
          `The search query has an unbalanced quote: the " at character ${i + 1} is never closed. ` +
            'Close the phrase or remove the quote.',
        );
      }
      const words = query.slice(i + 1, close);
      i = close + 1;
      let prefix = false;
      while (query[i] === '*') {
        prefix = true;
        i++;
      }
      yield { kind: 'term', words, prefix, excluded: excludeNext };
      excludeNext = false;
      continue;
    }
    let end = i;
    while (end < query.length && !/\s/.test(query[end]!) && query[end] !== '"') end++;
    const bare = query.slice(i, end);
    i = end;
    if (bare === 'OR') {
      yield { kind: 'or' };
      excludeNext = false;
    } else if (bare === 'AND') {
      continue;
    } else if (bare === 'NOT') {
      excludeNext = true;
    } else {
      yield { kind: 'term', words: bare, prefix: bare.endsWith('*'), excluded: excludeNext };
      excludeNext = false;
    }
  }
}

/** Letters, digits and combining marks: the characters the unicode61 tokenizer indexes. */
const wordRun = /[\p{L}\p{N}\p{M}]+/gu;
const hasWordChar = /[\p{L}\p{N}]/u;

function ftsTerm(raw: string, prefix: boolean): string | undefined {
  const words = (raw.match(wordRun) ?? []).filter((w) => hasWordChar.test(w));
  if (words.length === 0) return undefined;
  // Only word characters remain, so there is no quote to escape; doubling stays as a guard.
  const quoted = `"${words.join(' ').replaceAll('"', '""')}"`;
  return prefix ? `${quoted} *` : quoted;
}

function badQuery(message: string): UserFacingError {
  return new UserFacingError(message, 'bad-search-query');
}
