import { contentTerms, contentWords, questionWords } from '../mapping/mapping-terms.js';
import { tokenize } from '../rubric/text-stems.js';
import type { WordVectors } from '../mapping/word-vectors.js';
import type { BriefSession, SessionSentence } from './brief-input.js';
import { conceptOf, withConceptWords } from './question-concepts.js';
import { questionIntents } from './question-intents.js';
import { hasBothSides, sessionSentences } from './session-sentences.js';

export interface AskedQuestion extends SessionSentence {
  sessionTitle: string;
  candidateName: string | null;
}

export interface QuestionGroup {
  /** One way it was asked, as said: the first time, in the earliest session. */
  example: AskedQuestion;
  /** How many times it was asked, and in how many sessions (one session per previous candidate at a stage). */
  count: number;
  sessions: number;
  /** Other wordings, as asked, without repeats. */
  variants: string[];
}

export interface PrepQuestions {
  sessionsRead: number;
  sessionsWithoutSpeakers: { sessionId: string; title: string }[];
  questionsAsked: number;
  groups: QuestionGroup[];
}

// Rhetorical tags ("…, right?") and check-ins ("does that make sense?") are not questions a candidate prepares for.
// A tag after a comma ("…, right?") or a short check ("Is that right?"); "…is actually correct?" is a real question.
const TAG_QUESTION = /,\s*(right|correct|yeah|you know|isn't it|don't you think|no|ok|okay)\s*\?\s*$/i;
const SHORT_CHECK = /^(\S+\s+){0,2}(right|correct|yeah|no|ok|okay)\s*\?\s*$/i;
const CHECK_IN = /^(does that make sense|can you hear me|is that ok(ay)?|sound good|make sense|ready|shall we( start| begin)?)\b/i;
const PROMPT =
  /^(tell me|walk me|talk me|take me|run me through|describe|explain|give me (an example|(the|a) ([\w-]+ )?(version|history|rundown|overview|tour|summary))|share an example|share a time|talk about|show me|pick (a|an|one)\b)\b/i;
// Spoken openers before the question proper ("So, um, okay, tell me…"): said in any order, any number.
const OPENER = /^(?:(?:so|and|okay|ok|great|now|um+|uh+|uhm|er|well|alright|all right|right|cool|perfect|awesome|next|then)\b[,.]?\s*)+/i;

/** The sentence without its spoken openers ("So, um, …"). */
export function withoutOpeners(text: string): string {
  return text.trim().replace(OPENER, '');
}

/** Whether an interviewer's sentence asks the candidate something: a question mark, or a prompt ("Walk me through…"). */
export function isInterviewQuestion(text: string): boolean {
  const s = withoutOpeners(text);
  if (CHECK_IN.test(s)) return false;
  if (/\?\s*$/.test(s)) return !TAG_QUESTION.test(s) && !SHORT_CHECK.test(s) && tokenize(s).length > 1;
  // "To kick things off, just tell me…", "Just to get us going — walk me through…": the prompt after a lead-in.
  return s.split(/\s*[,;—–]\s*|\s+-\s+/).some((part) => PROMPT.test(part.replace(/^(just|now|so|okay|ok|then)\s+/i, '')));
}

interface Meaning {
  /** Content words, framing and filler dropped; with the weight each carries. */
  words: { word: string; weight: number; concept: number | null; stem: string }[];
  stems: Set<string>;
  frame: Frame;
  /** The universal interview questions it asks ("why are you leaving?"), whatever its words. */
  intents: ReadonlySet<string>;
}

/**
 * What kind of answer the question wants: "why…" a reason, "when…" a date, "have you ever…" a story,
 * "how do you…" a way of working. Same words in different frames ("when could you start?", "where do
 * you start?") are different questions; different frames can still ask one thing ("why are you
 * leaving?", "what's making you look?"), so a frame mismatch lowers the score but does not veto it.
 */
type Frame = 'why' | 'want' | 'when' | 'where' | 'quantity' | 'story' | 'process' | 'open';

function frameOf(text: string): Frame {
  const s = withoutOpeners(text).toLowerCase();
  if (/\b(how (much|many|long|big|often|soon)|what('s| is) (your|the) (salary|number|quota|budget|notice))/.test(s)) return 'quantity';
  if (/^(why|what (made|makes|drew|draws|attracted|attracts|brings|brought|interests|motivates)|what's (making|driving|drawing))\b/.test(s)) return 'why';
  if (/^(what are you looking for|what (matters|is important|do you want|would you want)|what('s| is) (most )?important)\b/.test(s)) return 'want';
  if (/^(when|how soon)\b/.test(s)) return 'when';
  if (/^where (do|would|should) you (start|begin)\b/.test(s)) return 'process';
  if (/^where\b/.test(s)) return 'where';
  if (/^(tell me about|describe|share|give me an example|talk (me )?about|have you ever|can you (tell|describe|share|give|think of)|think of|what('s| is| was) (a|an|the) (time|situation|moment|example|project|mistake|deal))\b/.test(s) || /\b(a time|a situation|an example)\b/.test(s)) return 'story';
  if (/^(how|what do you do|what would you do|walk me|talk me|take me|explain|what('s| is) your (approach|process|philosophy))\b/.test(s)) return 'process';
  return 'open';
}

// Verbs every interviewer question leans on ("how do you handle…", "how do you deal with…"): they
// count next to nothing, or "how do you handle pushback?" and "how do you handle on-call?" look alike.
const GENERIC = new Set(
  `handle handled handling deal dealing approach make making made sure feel comfortable happen happened happens
  usually typically generally exactly specifically realistically eventually quick far day work job role position company
  respond expectations decide decided deciding decision process`.split(/\s+/),
);
// A follow-up that carries no topic of its own ("What happened?", "How would you design that?") is read with the sentence before it.
const ANAPHOR = /\b(that|this|it|them|those|these|then)\b/i;
// Greetings and thanks before a question ("Hi Cai.", "Thanks for coming in, Ben.") are not what it asks about.
const PLEASANTRY = /^(hi|hello|hey|welcome|thanks|thank you|good (morning|afternoon|evening)|(nice|great|good) to (meet|see|have))\b/i;

// Counts, times and durations ("six", "week", "days", "3 a.m."): close to each other in the vectors,
// they would chain "one week in six" to "three days a week" and "six patients". They say how much, not what.
const QUANTITY = new Set(
  `zero one two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty thirty forty fifty hundred
  thousand million billion first second third fourth fifth half quarter couple few several many much lot dozen single double
  doubles once twice minute minutes hour hours day days week weeks month months year years weekly daily monthly yearly annual
  annually today tomorrow yesterday morning afternoon evening am pm next previous last past early late ago`.split(/\s+/),
);

/** What decides a grouping; `DEFAULT_TUNING` is what the app uses. */
export interface GroupingTuning {
  /** Average-linkage threshold: two groups merge while their members are this alike on average. */
  same: number;
  /** Cosine below this between two words is what any two English words share; above it, rescaled to 0..1. */
  floor: number;
  /** How the two coverages combine: 0 the weaker (every word of each must be matched), 1 their mean. */
  mix: number;
  /** What a frame mismatch costs ("why…" against "how do you…"); "tell me about a time" against "how do you…". */
  frameMismatch: number;
  storyProcess: number;
  /** Weight of the verbs every question leans on, and the least weight of a common word. */
  genericWeight: number;
  minWeight: number;
}

function meaningOf(text: string, vectors: WordVectors | null, tuning: GroupingTuning): Meaning {
  // Framing words ("tell me about a time") say nothing about what is asked; "any questions for us?" has only framing.
  const plain = withConceptWords(text);
  const topical = (w: string) => !QUANTITY.has(w) && !/\d/.test(w);
  const framed = questionWords(plain).filter(topical);
  const raw = framed.length > 0 ? framed : contentWords(plain).filter(topical);
  const words = [...new Set(raw)].map((word) => ({
    word,
    concept: conceptOf(word),
    stem: contentTerms(word)[0] ?? word,
    weight: (GENERIC.has(word) ? tuning.genericWeight : 1) * (vectors ? Math.max(tuning.minWeight, vectors.weightOf(word)) : 1),
  }));
  // Stems for the same-wording test; a listed concept counts as one stem ("client" is "customer").
  const stems = raw.filter((w) => !GENERIC.has(w)).map((w) => (conceptOf(w) === null ? (contentTerms(w)[0] ?? w) : `#${conceptOf(w)}`));
  return { words, stems: new Set(stems), frame: frameOf(text), intents: questionIntents(text) };
}

/**
 * Chosen on question-groups-development.json with its two halves swapped (tune on one, score on the
 * other; see bench/brief.ts): the threshold that kept precision out of sample, the weaker-coverage
 * rule loosened a quarter of the way to the mean, generic verbs all but ignored.
 */
export const DEFAULT_TUNING: GroupingTuning = {
  same: 0.625,
  floor: 0.25,
  mix: 0.25,
  frameMismatch: 0.6,
  storyProcess: 0.9,
  genericWeight: 0.05,
  minWeight: 0.2,
};

/** "Tell me about a time you…" and "how do you…" often ask one thing; a reason, a date, a place or a wish asked another way rarely does. */
function frameFactor(a: Frame, b: Frame, tuning: GroupingTuning): number {
  if (a === b || a === 'open' || b === 'open') return 1;
  if ((a === 'story' || a === 'process') && (b === 'story' || b === 'process')) return tuning.storyProcess;
  return tuning.frameMismatch;
}

type Word = Meaning['words'][number];

function likeness(vectors: WordVectors | null, tuning: GroupingTuning): (a: Meaning, b: Meaning) => number {
  // Words by number, their likeness cached by pair: 600 questions make ~180,000 question pairs.
  const ids = new Map<string, number>();
  const idOf = (w: string): number => ids.get(w) ?? (ids.set(w, ids.size), ids.size - 1);
  const cache = new Map<number, number>();
  const wordLike = (x: Word, i: number, y: Word, j: number): number => {
    if (i === j || x.stem === y.stem) return 1;
    if (x.concept !== null && x.concept === y.concept) return 1;
    const key = i < j ? i * 1_048_576 + j : j * 1_048_576 + i;
    let v = cache.get(key);
    if (v === undefined) {
      v = vectors ? Math.max(0, (vectors.similarity(x.word, y.word) - tuning.floor) / (1 - tuning.floor)) : 0;
      cache.set(key, v);
    }
    return v;
  };
  const numbered = new WeakMap<Meaning, Int32Array>();
  const idsOf = (m: Meaning): Int32Array => {
    let out = numbered.get(m);
    if (!out) numbered.set(m, (out = Int32Array.from(m.words, (w) => idOf(w.word))));
    return out;
  };
  const coverage = (from: Meaning, to: Meaning): number => {
    const [fromIds, toIds] = [idsOf(from), idsOf(to)];
    let sum = 0;
    let weights = 0;
    for (let f = 0; f < from.words.length; f++) {
      const word = from.words[f]!;
      let best = 0;
      for (let t = 0; t < to.words.length && best < 1; t++) best = Math.max(best, wordLike(word, fromIds[f]!, to.words[t]!, toIds[t]!));
      sum += word.weight * best;
      weights += word.weight;
    }
    return weights === 0 ? 0 : sum / weights;
  };
  return (a, b) => {
    // One universal question in any words is one question; two different ones stay apart.
    if (a.intents.size > 0 && b.intents.size > 0) {
      for (const intent of a.intents) if (b.intents.has(intent)) return 1;
      return 0;
    }
    if (a.words.length === 0 || b.words.length === 0) return 0;
    let shared = 0;
    for (const stem of a.stems) if (b.stems.has(stem)) shared++;
    const lexical = a.stems.size === 0 || b.stems.size === 0 ? 0 : shared / Math.max(a.stems.size, b.stems.size);
    // Both ways, the weaker: a question whose topic the other leaves out is a different question.
    const [ab, ba] = [coverage(a, b), coverage(b, a)];
    const soft = Math.min(ab, ba) * (1 - tuning.mix) + ((ab + ba) / 2) * tuning.mix;
    return Math.max(lexical, soft) * frameFactor(a.frame, b.frame, tuning);
  };
}

/**
 * The questions interviewers asked in these sessions, grouped when they mean the same thing, most
 * asked first.
 */
export function groupInterviewQuestions(sessions: readonly BriefSession[], vectors: WordVectors | null): PrepQuestions {
  const ordered = [...sessions].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  const withoutSpeakers = ordered.filter((s) => !hasBothSides(s)).map((s) => ({ sessionId: s.sessionId, title: s.title }));
  const groups = groupAskedQuestions(ordered, vectors);
  const result = groups.map((members) => {
    const example = members[0]!;
    const variants = [...new Set(members.slice(1).map((m) => m.text))].filter((t) => t !== example.text);
    return { example, count: members.length, sessions: new Set(members.map((m) => m.sessionId)).size, variants };
  });
  result.sort((a, b) => b.sessions - a.sessions || b.count - a.count);
  return {
    sessionsRead: ordered.length - withoutSpeakers.length,
    sessionsWithoutSpeakers: withoutSpeakers,
    questionsAsked: groups.reduce((n, g) => n + g.length, 0),
    groups: result,
  };
}

/**
 * The questions of a session's interviewer side, each with the words it is about. A question with
 * little topic of its own, or one pointing back ("How would you design that?"), takes in the
 * sentences before it in the same segment: "Someone calls in sick an hour before the shift. What do
 * you do?" is one question. A bare follow-up after a question ("…? What happened?") joins it.
 */
function askedIn(session: BriefSession, vectors: WordVectors | null, tuning: GroupingTuning): { asked: AskedQuestion; meaning: Meaning }[] {
  const out: { asked: AskedQuestion; meaning: Meaning; segmentId: string }[] = [];
  let context: SessionSentence[] = [];
  let lastSegment: string | null = null;
  let lastWasQuestion = false;
  for (const sentence of sessionSentences(session, 'interviewer')) {
    if (sentence.segmentId !== lastSegment) {
      context = [];
      lastWasQuestion = false;
      lastSegment = sentence.segmentId;
    }
    if (!isInterviewQuestion(sentence.text)) {
      if (!PLEASANTRY.test(withoutOpeners(sentence.text))) context.push(sentence);
      lastWasQuestion = false;
      continue;
    }
    const own = questionWords(sentence.text);
    const thin = own.filter((w) => !GENERIC.has(w)).length <= 1;
    const previous = out.at(-1);
    if (thin && lastWasQuestion && previous && previous.segmentId === sentence.segmentId) {
      const text = `${previous.asked.text} ${sentence.text}`;
      previous.asked = { ...previous.asked, text, end: sentence.end };
      previous.meaning = meaningOf(text, vectors, tuning);
      continue;
    }
    const lead = (thin || ANAPHOR.test(sentence.text)) && context.length > 0 ? context : [];
    const text = [...lead.map((c) => c.text), sentence.text].join(' ');
    const first = lead[0] ?? sentence;
    out.push({
      asked: { ...sentence, text, start: first.start, sessionTitle: session.title, candidateName: session.candidateName },
      meaning: { ...meaningOf(text, vectors, tuning), frame: frameOf(sentence.text) },
      segmentId: sentence.segmentId,
    });
    context = [];
    lastWasQuestion = true;
  }
  return out;
}

/**
 * The interviewer questions of these sessions (taken in the order given) in groups of the same
 * meaning, each group and its members in asked order. Average linkage: two groups merge while their
 * members are alike on average, so one loose pair cannot chain two different questions together.
 */
export function groupAskedQuestions(sessions: readonly BriefSession[], vectors: WordVectors | null, tuning: GroupingTuning = DEFAULT_TUNING): AskedQuestion[][] {
  const like = likeness(vectors, tuning);
  const items = sessions.filter(hasBothSides).flatMap((s) => askedIn(s, vectors, tuning));
  const n = items.length;
  const sim: Float64Array[] = items.map(() => new Float64Array(n));
  // Questions asked in the same words (the same interviewer, candidate after candidate) are scored once.
  const keyOf = (m: Meaning) => `${m.frame} ${m.words.map((w) => w.word).join(' ')}`;
  const distinct = new Map<string, number>();
  const rowOf = items.map((it) => distinct.get(keyOf(it.meaning)) ?? (distinct.set(keyOf(it.meaning), distinct.size), distinct.size - 1));
  const meanings = [...new Map(items.map((it, i) => [rowOf[i]!, it.meaning])).values()];
  const likes = meanings.map(() => new Float64Array(meanings.length));
  for (let i = 0; i < meanings.length; i++) for (let j = i + 1; j < meanings.length; j++) likes[i]![j] = likes[j]![i] = like(meanings[i]!, meanings[j]!);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sim[i]![j] = sim[j]![i] = rowOf[i] === rowOf[j] && items[i]!.meaning.words.length > 0 ? 1 : likes[rowOf[i]!]![rowOf[j]!]!;
  const clusters: (number[] | null)[] = items.map((_, i) => [i]);
  // Each cluster's most alike other cluster, so a merge step reads n entries, not n² (600 questions: ~0.2 s, not ~2 s).
  const nearest = new Int32Array(n).fill(-1);
  const nearestOf = (i: number): void => {
    nearest[i] = -1;
    for (let k = 0; k < n; k++) if (k !== i && clusters[k] && (nearest[i] < 0 || sim[i]![k]! > sim[i]![nearest[i]!]!)) nearest[i] = k;
  };
  for (let i = 0; i < n; i++) nearestOf(i);
  for (;;) {
    let i = -1;
    for (let k = 0; k < n; k++) if (clusters[k] && nearest[k]! >= 0 && (i < 0 || sim[k]![nearest[k]!]! > sim[i]![nearest[i]!]!)) i = k;
    if (i < 0 || sim[i]![nearest[i]!]! < tuning.same) break;
    const j = Math.max(i, nearest[i]!);
    i = Math.min(i, nearest[i]!);
    const a = clusters[i]!.length;
    const b = clusters[j]!.length;
    // Lance–Williams update for average linkage.
    for (let k = 0; k < n; k++) if (clusters[k] && k !== i && k !== j) sim[i]![k] = sim[k]![i] = (a * sim[i]![k]! + b * sim[j]![k]!) / (a + b);
    clusters[i] = [...clusters[i]!, ...clusters[j]!].sort((x, y) => x - y);
    clusters[j] = null;
    nearestOf(i);
    // A merged cluster is never more alike to a third than the closer of its two parts was, so only
    // rows that pointed at a part need a rescan.
    for (let k = 0; k < n; k++) {
      if (!clusters[k] || k === i) continue;
      if (nearest[k] === i || nearest[k] === j) nearestOf(k);
      else if (sim[k]![i]! > sim[k]![nearest[k]!]!) nearest[k] = i;
    }
  }
  return clusters.filter((c): c is number[] => c !== null).map((c) => c.map((k) => items[k]!.asked));
}
