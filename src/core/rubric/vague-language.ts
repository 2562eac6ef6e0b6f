import type { Criterion } from './rubric.js';
import { isStopword, stem } from './text-stems.js';

/**
 * Trait words that two interviewers will score differently because neither can point at what
 * they saw. Matched on stems over the meaningful words, so "strong communication" and
 * "strong communicators" both hit "strong communicator", and "self starter" hits "self-starter".
 */
const VAGUE_PHRASES = [
  'strong communicator', 'great communicator', 'excellent communicator', 'good communicator', 'effective communicator',
  'communication skills', 'people skills', 'interpersonal skills', 'people person',
  'high drive', 'highly driven', 'self driven', 'drive to succeed', 'hungry', 'high energy', 'energetic',
  'enthusiastic', 'motivated', 'self motivated', 'hard worker', 'hardworking', 'work ethic', 'hustle', 'grit', 'scrappy',
  'founder mentality', 'owner mentality', 'ownership mentality', 'growth mindset', 'can do attitude', 'good attitude',
  'positive attitude', 'culture fit', 'cultural fit', 'good fit', 'team fit',
  'rockstar', 'rock star', 'ninja', 'unicorn', 'superstar', 'guru', 'wizard', '10x', 'world class', 'top talent',
  'self starter', 'team player', 'passionate', 'passion', 'go getter', 'strategic thinker', 'strategic mindset',
  'big picture thinker', 'visionary', 'thinks outside the box', 'outside the box', 'detail oriented', 'results driven',
  'results oriented', 'proactive', 'polished', 'executive presence', 'strong presence', 'gravitas', 'charismatic', 'personable',
  'dynamic', 'smart', 'sharp', 'intelligent', 'talented', 'fast learner', 'quick learner', 'natural leader',
  'leadership qualities', 'strong leader', 'problem solver', 'above and beyond',
];

interface StemToken {
  stem: string;
  start: number;
  end: number;
}

function stemTokens(text: string): StemToken[] {
  const out: StemToken[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9]+(?:['’][A-Za-z]+)?/g)) {
    const word = m[0].toLowerCase().replace(/’/g, "'");
    if (isStopword(word)) continue;
    out.push({ stem: stem(word), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const PATTERNS: { phrase: string; stems: string[] }[] = VAGUE_PHRASES.map((phrase) => ({
  phrase,
  stems: stemTokens(phrase).map((t) => t.stem),
}))
  // Longest first, so "strong communicator" wins over a shorter pattern at the same place.
  .sort((a, b) => b.stems.length - a.stems.length);

export interface VagueMatch {
  /** The words as written in the text. */
  text: string;
  /** The canonical phrase from the list that matched. */
  phrase: string;
  start: number;
  end: number;
}

/** Every vague phrase in the text, in order, without overlaps. */
export function findVaguePhrases(text: string): VagueMatch[] {
  const tokens = stemTokens(text);
  const matches: VagueMatch[] = [];
  let i = 0;
  while (i < tokens.length) {
    const hit = PATTERNS.find((p) => p.stems.length > 0 && p.stems.every((s, k) => tokens[i + k]?.stem === s));
    if (!hit) {
      i++;
      continue;
    }
    const first = tokens[i]!;
    const last = tokens[i + hit.stems.length - 1]!;
    matches.push({ text: text.slice(first.start, last.end), phrase: hit.phrase, start: first.start, end: last.end });
    i += hit.stems.length;
  }
  return matches;
}

/** Meaningful words left once the vague phrases are taken out. */
function concreteWordCount(text: string): number {
  const vague = findVaguePhrases(text);
  return stemTokens(text).filter((t) => !vague.some((v) => t.start >= v.start && t.end <= v.end)).length;
}

/** A definition counts as observable when it says something concrete: three or more non-vague words. */
const MIN_CONCRETE_WORDS = 3;

export function isObservableDefinition(text: string): boolean {
  return concreteWordCount(text) >= MIN_CONCRETE_WORDS;
}

/** Either side of the definition is enough: a concrete "bad looks like" already gives the trait a meaning. */
export function hasObservableDefinition(criterion: Pick<Criterion, 'goodLooksLike' | 'badLooksLike'>): boolean {
  return isObservableDefinition(criterion.goodLooksLike) || isObservableDefinition(criterion.badLooksLike);
}

export interface VagueLanguageWarning {
  criterionId: string;
  field: 'title' | 'description';
  /** The words as written in the criterion. */
  phrase: string;
  message: string;
  /** A question for the hiring manager whose answer becomes "good looks like". */
  prompt: string;
}

/**
 * Warnings for vague traits in a criterion's title or description, only when the criterion has
 * no observable definition to pin them down. Returns [] for a well-defined criterion.
 */
export function checkVagueLanguage(
  criterion: Pick<Criterion, 'id' | 'title' | 'description' | 'goodLooksLike' | 'badLooksLike'>,
): VagueLanguageWarning[] {
  if (hasObservableDefinition(criterion)) return [];
  const warnings: VagueLanguageWarning[] = [];
  const seen = new Set<string>();
  for (const field of ['title', 'description'] as const) {
    for (const match of findVaguePhrases(criterion[field])) {
      const key = match.text.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      warnings.push({
        criterionId: criterion.id,
        field,
        phrase: match.text,
        message: `"${match.text}" in the ${field} of "${criterion.title}" has no observable definition: interviewers will each score it their own way.`,
        prompt: `What would you see or hear in the interview that shows "${match.text}"?`,
      });
    }
  }
  return warnings;
}
