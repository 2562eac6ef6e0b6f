import type { Segment, Word } from '../transcript/transcript.js';
import type { PlannedQuestion } from './mapping-input.js';
import { PlannedQuestionMatcher } from './question-link.js';

/**
 * A mic-only recording has one speaker track: the interviewer and the candidate share a label.
 * This finds who said what, from the words alone: interviewers ask (question form, the interview
 * plan's questions, "you"), candidates answer (long first-person narrative), and speakers change
 * at pauses. Each sentence is a unit; a two-state Viterbi pass picks the most likely speaker per
 * unit, so one odd sentence does not flip a turn, and a segment that holds a question and the
 * start of its answer is cut in two.
 */
export interface SplitOptions {
  questions?: readonly PlannedQuestion[];
  /** Label for the interviewer's lines (the single track's own label when it has one). */
  interviewer?: string;
  candidate?: string;
  /** Use the pauses between words and segments; off only to measure what the words alone do. */
  usePauses?: boolean;
}

export interface SplitResult {
  interviewer: string;
  candidate: string;
  /** The transcript again, in time order, with speakers set; a segment may come back as several. */
  segments: SplitSegment[];
}

export interface SplitSegment extends Segment {
  /** Index of the input segment this piece came from. */
  sourceIndex: number;
}

interface Unit {
  sourceIndex: number;
  start: number;
  end: number;
  text: string;
  words: Word[];
}

const SENTENCE = /[^.!?]+(?:[.!?]+["')\]]*|$)/g;

/** Sentences of each segment, timed by its words when they line up, else by character position. */
function toUnits(segments: readonly Segment[]): Unit[] {
  const units: Unit[] = [];
  segments.forEach((segment, sourceIndex) => {
    const sentences = [...segment.text.matchAll(SENTENCE)].map((m) => m[0]).filter((s) => /[a-z0-9]/i.test(s));
    if (sentences.length <= 1) {
      if (segment.text.trim() !== '') units.push({ sourceIndex, start: segment.start, end: segment.end, text: segment.text.trim(), words: segment.words });
      return;
    }
    const wordsBySentence = assignWords(segment, sentences);
    const duration = segment.end - segment.start;
    const length = Math.max(1, segment.text.length);
    let offset = 0;
    sentences.forEach((sentence, i) => {
      const from = segment.text.indexOf(sentence, offset);
      offset = from + sentence.length;
      const words = wordsBySentence[i] ?? [];
      const first = words[0];
      const last = words.at(-1);
      units.push({
        sourceIndex,
        start: first ? first.start : segment.start + (duration * from) / length,
        end: last ? last.end : segment.start + (duration * offset) / length,
        text: sentence.trim(),
        words,
      });
    });
  });
  return units;
}

/** Words to sentences by their character offsets, when the words spell the segment's text. */
function assignWords(segment: Segment, sentences: readonly string[]): Word[][] {
  const result: Word[][] = sentences.map(() => []);
  if (segment.words.length === 0 || segment.words.map((w) => w.text).join('').trim() !== segment.text.trim()) return result;
  const ends: number[] = [];
  let at = 0;
  for (const s of sentences) {
    at = segment.text.indexOf(s, at) + s.length;
    ends.push(at - (segment.text.length - segment.text.trimStart().length));
  }
  let offset = -(segment.words[0]!.text.length - segment.words[0]!.text.trimStart().length);
  for (const word of segment.words) {
    const middle = offset + word.text.length / 2;
    offset += word.text.length;
    const index = ends.findIndex((end) => middle < end);
    result[index === -1 ? sentences.length - 1 : index]!.push(word);
  }
  return result;
}

const QUESTION_OPENERS =
  /^(?:(?:so|and|okay|ok|great|right|now|then|well)[,\s]+)*(?:how|what|why|when|where|which|who|whose|can you|could you|would you|will you|do you|did you|have you|are you|were you|is there|was there|tell me|walk me|talk me|describe|give me|share|imagine|suppose|say you)\b/i;
const FIRST_PERSON = /\b(?:i|i'm|i've|i'd|i'll|me|my|mine|we|we're|we've|our|us)\b/gi;
const SECOND_PERSON = /\b(?:you|your|you're|you've|you'd|yours)\b/gi;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** Log-odds, from the words alone, that the interviewer said this sentence. */
function interviewerLogOdds(unit: Unit, plan: PlannedQuestionMatcher): number {
  const text = unit.text;
  const words = text.split(/\s+/).filter(Boolean).length;
  let score = 0;
  const asks = text.endsWith('?') || QUESTION_OPENERS.test(text);
  if (text.endsWith('?')) score += 2;
  if (QUESTION_OPENERS.test(text)) score += 1.2;
  // Answers share the plan's topic words too, so a plan match says "question" mostly when it is asked like one.
  const planned = plan.match(text)[0]?.similarity ?? 0;
  score += (asks ? 4 : 1) * planned;
  score += Math.min(1.5, 0.4 * count(text, SECOND_PERSON));
  score -= Math.min(2, 0.35 * count(text, FIRST_PERSON));
  if (words > 20) score -= 1;
  if (words > 35) score -= 1;
  return score;
}

/** Log-probability that the speaker changes between two sentences `gap` seconds apart. */
function switchLogOdds(previous: Unit, next: Unit, usePauses: boolean): number {
  const sameSegment = previous.sourceIndex === next.sourceIndex;
  // A question is usually followed by someone else speaking.
  const afterQuestion = previous.text.endsWith('?') ? 1.5 : 0;
  if (!usePauses) return (sameSegment ? -2.5 : -0.5) + afterQuestion;
  const gap = Math.max(0, next.start - previous.end);
  // Speakers change at pauses (turn gaps run about half a second and up); a short gap keeps the turn.
  const pause = Math.max(-4, Math.min(4, (gap - 0.6) / 0.1));
  return (sameSegment ? -1.5 : 0) + pause + afterQuestion;
}

function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

/**
 * Which units the interviewer said: Viterbi over two states, with emissions from the words and
 * transitions from pauses. Interviewers open the call.
 */
function labelUnits(units: readonly Unit[], plan: PlannedQuestionMatcher, usePauses: boolean): boolean[] {
  if (units.length === 0) return [];
  const emission = units.map((u) => interviewerLogOdds(u, plan));
  // score[s] for s = 0 (candidate) / 1 (interviewer)
  let score = [-emission[0]! / 2, emission[0]! / 2 + 1];
  const back: number[][] = [];
  for (let k = 1; k < units.length; k++) {
    const change = switchLogOdds(units[k - 1]!, units[k]!, usePauses);
    const stay = logSigmoid(-change);
    const move = logSigmoid(change);
    const next: number[] = [];
    const from: number[] = [];
    for (const s of [0, 1]) {
      const viaSame = score[s]! + stay;
      const viaOther = score[1 - s]! + move;
      from.push(viaSame >= viaOther ? s : 1 - s);
      next.push(Math.max(viaSame, viaOther) + (s === 1 ? emission[k]! / 2 : -emission[k]! / 2));
    }
    back.push(from);
    score = next;
  }
  const states: number[] = new Array<number>(units.length);
  states[units.length - 1] = score[1]! >= score[0]! ? 1 : 0;
  for (let k = units.length - 1; k > 0; k--) states[k - 1] = back[k - 1]![states[k]!]!;
  return states.map((s) => s === 1);
}

/** Splits a one-speaker transcript into the interviewer's and the candidate's lines. */
export function splitSingleTrack(segments: readonly Segment[], options: SplitOptions = {}): SplitResult {
  const interviewer = options.interviewer?.trim() || 'Interviewer';
  const candidate = options.candidate?.trim() || (interviewer === 'Candidate' ? 'Other speaker' : 'Candidate');
  const ordered = segments.map((s, i) => ({ s, i })).sort((a, b) => a.s.start - b.s.start || a.i - b.i);
  const units = toUnits(ordered.map((o) => o.s)).map((u) => ({ ...u, sourceIndex: ordered[u.sourceIndex]!.i }));
  const byInterviewer = labelUnits(units, new PlannedQuestionMatcher(options.questions ?? []), options.usePauses ?? true);

  const out: SplitSegment[] = [];
  units.forEach((unit, k) => {
    const speaker = byInterviewer[k] ? interviewer : candidate;
    const last = out.at(-1);
    if (last && last.sourceIndex === unit.sourceIndex && last.speaker === speaker) {
      last.end = unit.end;
      last.text = `${last.text} ${unit.text}`;
      last.words.push(...unit.words);
    } else {
      out.push({ sourceIndex: unit.sourceIndex, start: unit.start, end: unit.end, speaker, text: unit.text, words: [...unit.words] });
    }
  });
  // A segment kept whole keeps its own text, spacing and timing.
  const pieces = new Map<number, number>();
  for (const p of out) pieces.set(p.sourceIndex, (pieces.get(p.sourceIndex) ?? 0) + 1);
  for (const [i, p] of out.entries()) {
    if (pieces.get(p.sourceIndex) !== 1) continue;
    const source = segments[p.sourceIndex]!;
    out[i] = { ...source, words: [...source.words], speaker: p.speaker, sourceIndex: p.sourceIndex };
  }
  return { interviewer, candidate, segments: out };
}
