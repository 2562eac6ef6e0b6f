import { isStopword, stem, tokenize } from '../rubric/text-stems.js';

/**
 * Words interviewers wrap questions in ("tell me about a time…", "walk me through…"): they say
 * nothing about what is being probed, and they would make every question look alike.
 */
const QUESTION_FRAMING = new Set(
  `tell walk through describe talk let let's time times ask asked question questions example share give bit little
  okay great nice good sure cool alright anything something everything anyone someone ever always usually often
  go going went come came say said want wanted need needed try tried look looking start started last recent recently`.split(/\s+/),
);

/** Content stems of a text, in order: lower-cased, stopwords dropped, Porter-stemmed. */
export function contentTerms(text: string): string[] {
  return tokenize(text)
    .filter((t) => !isStopword(t) && t.length > 1)
    .map(stem);
}

/** Content words of an interviewer's question, without the framing every question shares. */
export function questionWords(text: string): string[] {
  return tokenize(text).filter((t) => !isStopword(t) && !QUESTION_FRAMING.has(t) && t.length > 1);
}

/** Content stems of an interviewer's question, without the framing every question shares. */
export function questionTerms(text: string): string[] {
  return questionWords(text).map(stem);
}

/** Stems of every word, stopwords included: signal phrases such as "they were right" are matched on this. */
export function allTerms(text: string): string[] {
  return tokenize(text).map(stem);
}

/** Raw content words (not stemmed), for synonym lookup. */
export function contentWords(text: string): string[] {
  return tokenize(text).filter((t) => !isStopword(t) && t.length > 2 && !/^\d+$/.test(t));
}

export function termCounts(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Whether `phrase` (a stem sequence) occurs contiguously in `terms`. */
export function containsPhrase(terms: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0 || phrase.length > terms.length) return false;
  outer: for (let i = 0; i + phrase.length <= terms.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (terms[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}
