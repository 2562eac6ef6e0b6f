import { isStopword, tokenize } from './text-stems.js';

/**
 * Turns the spoken words around a requirement cue into a short criterion title:
 * "So, honestly, they have to have run services in production, like real on-call" →
 * "Run services in production". The requirement words are already cut out by the caller; this
 * drops hedges, filler and the grammatical subject, and keeps one phrase.
 */

/** Words that open a spoken clause without saying anything about the candidate. */
const LEADING = new Set(
  `so um uh er like yeah yes okay ok oh well and but or then also just really honestly basically actually definitely
  absolutely totally probably maybe obviously i we you they he she it it's that that's this these those there there's
  they've they'd they're they'll we've we're we'd i've i'd i'm you've you're someone somebody anyone anybody person people
  candidate candidates who who's whoever which have has had having be been being is are was were to a an the of with able
  can could should would will must need needs do does did if when whether more very some sort kind for me us our my`.split(/\s+/),
);

/** Words that trail off a clause. */
const TRAILING = new Set(
  `and or but the a an of to with in on at for from that who which is are be it its them their they this too before
  anyway though right now then again as well also either so like something stuff things thing someone somebody over
  really just honestly there here more very`.split(/\s+/),
);

/** Filler anywhere in the clause. */
const FILLER = /\b(?:you know|i mean|kind of|sort of|i think|i guess|i'd say|um|uh|er|like,|really|just|actually|honestly|basically|literally)\b,?/gi;

/** Where a spoken clause moves on to something else. */
const BOUNDARY = /[,;:()]|\s(?:because|since|so that|so|which|where|when|while|than|like|or something|and stuff|and so on|etc)\s/i;

/** "someone who's", "somebody with": the subject, wherever it sits in the clause. */
const INNER_SUBJECT = /\b(?:some|any)(?:one|body) (?:who(?:'s| is| has| can| will)?|with|that)\s/gi;

/** Numbers are not content: "so three must-haves" names no requirement. */
const NUMBER_WORDS = new Set('one two three four five six seven eight nine ten first second third couple few'.split(' '));

const MAX_WORDS = 8;

export interface DistilledTitle {
  title: string;
  /** Meaningful words in the title; 0 means the clause only said "that's a must". */
  contentWords: number;
}

/**
 * `side` says which part of the sentence carries the requirement: the words after the cue
 * ("they must have X") or before it ("X is a must").
 */
export function distillTitle(text: string, side: 'after' | 'before'): DistilledTitle {
  const cleaned = text.replace(/’/g, "'").replace(FILLER, ' ').replace(INNER_SUBJECT, ' ').replace(/\s+/g, ' ').trim();
  const pieces = cleaned
    .split(BOUNDARY)
    .map((p) => trimWords(p))
    .filter((p) => p !== '');
  const conditional = /^\s*(?:\w+,?\s+)?(?:if|when|whenever)\b/i.test(cleaned);
  // "X is a must" names X last; but "if they do X, that's a red flag" names X in its condition, first.
  const ordered = side === 'before' && !conditional ? [...pieces].reverse() : pieces;
  const chosen = ordered.find((p) => contentWordCount(p) > 0) ?? '';
  const words = chosen.split(' ').slice(0, MAX_WORDS).join(' ');
  const title = trimWords(words);
  return { title: title === '' ? '' : title[0]!.toUpperCase() + title.slice(1), contentWords: contentWordCount(title) };
}

export function contentWordCount(text: string): number {
  return tokenize(text).filter((t) => !isStopword(t) && !NUMBER_WORDS.has(t) && !/^\d+$/.test(t)).length;
}

function normal(word: string): string {
  return word.toLowerCase().replace(/[^a-z0-9']/g, '');
}

function trimWords(text: string): string {
  const words = text.split(/\s+/).filter((w) => normal(w) !== '' || /\d/.test(w));
  while (words.length > 0 && LEADING.has(normal(words[0]!))) words.shift();
  while (words.length > 0 && TRAILING.has(normal(words[words.length - 1]!))) words.pop();
  return words.join(' ').replace(/[.!?,;:]+$/, '');
}
