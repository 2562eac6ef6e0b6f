import { stem } from '../rubric/text-stems.js';

/**
 * Finds feedback that lives in "feel": a judgement of chemistry, fit, gut, level or presence with
 * nothing observed behind it ("didn't click", "not senior enough", "something felt off"). Matching
 * is on Porter stems (natural's stemmer), so "clicked", "clicking" and "click" are one pattern, and
 * negations are normalised ("didn't", "wasn't" → "not") so paraphrases share patterns.
 *
 * A sentence that also reports an observation — a time, a number, what the candidate said, showed
 * or could not name — is shaped feedback even when it is negative, and is not flagged.
 */

export type FeelKind = 'chemistry' | 'fit' | 'gut' | 'level' | 'impression';

/** `*` stands for up to three words in between. */
const PATTERNS: Record<FeelKind, string[]> = {
  chemistry: ['not * click', 'no chemistry', 'chemistry', 'not * gel', 'not * mesh', 'vibe', 'vibes', 'rapport', 'not hit it off', 'energy * not there', 'no spark', 'not * connect with'],
  fit: [
    'culture fit', 'cultural fit', 'not * fit', 'fitting in', 'fit in', 'culture add', 'one of us', 'kind of person', 'right for us', 'right personality',
    'match for the team', 'not * match', 'team player', 'wouldn t * work with',
  ],
  gut: [
    'gut', 'instinct', 'hunch', 'bad feeling', 'a feeling', 'feel it', 'feeling it', 'feel like one', 'felt off', 'seemed off', 'seems off', 'something * off',
    'put my finger', 'hard to say why', 'hard to explain', 'not convinced', 'not impressed', 'not trust', 'not like him', 'not like her', 'red flag for me',
  ],
  level: ['senior enough', 'strong enough', 'too junior', 'seems junior', 'seem junior', 'not at the level', 'leadership material', 'lacks presence', 'lacks the polish', 'lack presence', 'not a closer'],
  impression: ['strike me as', 'strikes me as', 'come across as', 'came across as', 'seem like a', 'seems like a'],
};

/** Observations: what makes a sentence shaped, not felt. */
const OBSERVATION_STEMS = new Set(
  ['said', 'told', 'describ', 'explain', 'walk', 'show', 'name', 'list', 'wrote', 'ask', 'answer', 'propos', 'present', 'sketch', 'gave an exampl', 'exampl', 'mention', 'quot'].map((w) => w),
);
const OBSERVATION_PHRASES = ['could not name', 'could not say', 'could not give', 'could not explain', 'did not mention', 'when ask', 'gave an exampl'];
const TIMESTAMP = /\b\d{1,2}:\d{2}\b/;
const NUMBER = /\b\d+(?:[.,]\d+)?\s*(?:%|percent|x|k|m)?\b/i;
const QUOTED = /[“"][^”"]{4,}[”"]/;

interface Token {
  stem: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9]+(?:['’][A-Za-z]+)?/g)) {
    const word = m[0].toLowerCase().replace(/’/g, "'");
    const start = m.index;
    const end = start + m[0].length;
    // "didn't" → "not"; "I'd" → "I" (the contraction carries no judgement).
    if (/n't$/.test(word)) out.push({ stem: 'not', start, end });
    else if (word === 'no' || word === 'never') out.push({ stem: word === 'no' ? 'no' : 'not', start, end });
    else out.push({ stem: stem(word.replace(/'[a-z]+$/, '')), start, end });
  }
  return out;
}

const compiled = Object.entries(PATTERNS).flatMap(([kind, phrases]) =>
  phrases.map((phrase) => ({ kind: kind as FeelKind, phrase, parts: phrase.split(' ').map((w) => (w === '*' ? '*' : w === 'not' ? 'not' : stem(w))) })),
);
const observationPhrases = OBSERVATION_PHRASES.map((p) => p.split(' ').map((w) => (w === 'not' ? 'not' : stem(w))));

/** Where `parts` occur in `seq` (with `*` gaps of 0–3 words): [first, last] token index, or null. */
function findParts(seq: readonly Token[], parts: readonly string[]): [number, number] | null {
  for (let i = 0; i < seq.length; i++) {
    const end = matchFrom(seq, parts, i, 0);
    if (end !== null) return [i, end];
  }
  return null;
}

function matchFrom(seq: readonly Token[], parts: readonly string[], at: number, p: number): number | null {
  if (p === parts.length) return at - 1;
  if (parts[p] === '*') {
    for (let gap = 0; gap <= 3 && at + gap <= seq.length; gap++) {
      const end = matchFrom(seq, parts, at + gap, p + 1);
      if (end !== null) return end;
    }
    return null;
  }
  if (at >= seq.length || seq[at]!.stem !== parts[p]) return null;
  return matchFrom(seq, parts, at + 1, p + 1);
}

export interface FeelMatch {
  kind: FeelKind;
  /** The words as typed, e.g. "didn't click". */
  text: string;
  start: number;
  end: number;
}

export interface FeelAssessment {
  feel: boolean;
  matches: FeelMatch[];
  /** Why a match was not flagged: the sentence reports something observed. */
  observed: boolean;
}

export function assessFeel(text: string): FeelAssessment {
  const seq = tokens(text);
  const matches: FeelMatch[] = [];
  for (const pattern of compiled) {
    const found = findParts(seq, pattern.parts);
    if (!found) continue;
    const start = seq[found[0]]!.start;
    const end = seq[found[1]]!.end;
    if (matches.some((m) => start < m.end && end > m.start)) continue;
    matches.push({ kind: pattern.kind, text: text.slice(start, end), start, end });
  }
  // "hard to explain" is a feel phrase, not an explanation: words inside a match don't count as observed.
  const outside = seq.filter((t) => !matches.some((m) => t.start >= m.start && t.end <= m.end));
  const observed = isObservation(text, outside);
  return { feel: matches.length > 0 && !observed, matches: matches.sort((a, b) => a.start - b.start), observed };
}

function isObservation(text: string, seq: readonly Token[]): boolean {
  if (TIMESTAMP.test(text) || NUMBER.test(text) || QUOTED.test(text)) return true;
  if (seq.some((t) => OBSERVATION_STEMS.has(t.stem))) return true;
  return observationPhrases.some((parts) => findParts(seq, parts) !== null);
}

/** Sentences of a note, each with where it starts, so a flag can point at the one that lives in feel. */
export function feedbackSentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  for (const m of text.matchAll(/[^.!?\n]+[.!?]*/g)) {
    const trimmed = m[0].trim();
    if (trimmed) out.push({ text: trimmed, start: m.index + m[0].indexOf(trimmed) });
  }
  return out;
}
