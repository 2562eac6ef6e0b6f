import { randomUUID } from 'node:crypto';
import type { Transcript } from '../transcript/transcript.js';
import { distillTitle, type DistilledTitle } from './criterion-title.js';
import { findRequirementCues, strongestKind, withoutRequirementWords, type CueHit } from './requirement-language.js';
import { CRITERION_KINDS, type Criterion, type CriterionKind, type RubricVersion } from './rubric.js';
import { createRubric } from './rubric-versioning.js';
import { contentStemSet, overlapCoefficient } from './text-stems.js';
import { transcriptSentences, type SpokenSentence } from './transcript-sentences.js';

/**
 * Offline first draft of a rubric from the intake call: every clause that states a requirement
 * ("they must…", "ideally…", "that's a deal-breaker") becomes a candidate criterion with its
 * quote and timestamp; repeats (hiring managers say the important things twice, recruiters play
 * them back) are merged. The recruiter edits the draft; nothing here is final.
 */

export interface IntakeEvidence {
  criterionId: string;
  kind: CriterionKind;
  /** The sentence(s) as spoken. */
  quote: string;
  speaker: string | null;
  start: number;
  end: number;
  /** The requirement words that made this a criterion. */
  cue: string;
}

export interface IntakeDraft {
  rubric: RubricVersion;
  evidence: IntakeEvidence[];
}

export interface DraftOptions {
  now: Date;
  /** Defaults to the role named in the call ("intake for the senior designer role"), else a placeholder. */
  requisitionTitle?: string;
  rubricId?: string;
  newId?: () => string;
}

/** Two candidates of one kind whose titles share this share of stems (of the shorter) are the same criterion. */
export const MERGE_OVERLAP = 0.5;

interface Candidate {
  kind: CriterionKind;
  title: string;
  stems: Set<string>;
  quote: string;
  speaker: string | null;
  start: number;
  end: number;
  cue: string;
  turn: number;
  sentenceIndex: number;
  /** The sentence opens with "also", "another", "the other thing"…: a new point, not an elaboration. */
  newPoint: boolean;
}

export function draftRubricFromIntake(transcript: Transcript, options: DraftOptions): IntakeDraft {
  const sentences = transcriptSentences(transcript);
  const clusters = mergeCandidates(findCandidates(sentences));
  const newId = options.newId ?? randomUUID;

  const criteria: Criterion[] = [];
  const evidence: IntakeEvidence[] = [];
  const ordered = clusters.sort(
    (a, b) => CRITERION_KINDS.indexOf(a[0]!.kind) - CRITERION_KINDS.indexOf(b[0]!.kind) || a[0]!.start - b[0]!.start,
  );
  for (const members of ordered) {
    const id = newId();
    const representative = pickRepresentative(members);
    const quoted = uniqueBy(members, (m) => normalizedQuote(m.quote));
    criteria.push({
      id,
      kind: representative.kind,
      title: representative.title,
      description: '',
      ...looksLikeFromQuotes(representative, quoted),
      signals: unique(members.map((m) => m.title)),
      questionIds: [],
      scale: { min: 1, max: 4 },
    });
    // One sentence can hold several clauses of one criterion: its quote is listed once.
    for (const m of quoted) {
      evidence.push({ criterionId: id, kind: m.kind, quote: m.quote, speaker: m.speaker, start: m.start, end: m.end, cue: m.cue });
    }
  }
  const rubric = createRubric({
    requisitionTitle: options.requisitionTitle ?? findRequisitionTitle(sentences) ?? 'Untitled requisition',
    criteria,
    now: options.now,
    ...(options.rubricId ? { rubricId: options.rubricId } : {}),
  });
  return { rubric, evidence };
}

interface Clause {
  text: string;
  /** The clause ended in ":", so it heads a list ("Must-haves: A, B and C"). */
  headsList: boolean;
}

/** Clauses: sentence parts a speaker separates with ";", ":", a dash or "but". */
function clausesOf(sentence: string): Clause[] {
  const clauses: Clause[] = [];
  const separator = /[;:—–]|\s-\s|,?\s+but\s+/gi;
  let last = 0;
  for (const m of [...sentence.matchAll(separator), null]) {
    const end = m ? m.index : sentence.length;
    const text = sentence.slice(last, end).trim();
    if (/[A-Za-z0-9]/.test(text)) clauses.push({ text, headsList: m?.[0] === ':' });
    if (m) last = m.index + m[0].length;
  }
  return clauses;
}

function findCandidates(sentences: SpokenSentence[]): Candidate[] {
  const candidates: Candidate[] = [];
  sentences.forEach((sentence, index) => {
    // A question asks for a requirement; the answer states it.
    if (sentence.text.trimEnd().endsWith('?')) return;
    const clauses = clausesOf(sentence.text);
    let pending: { kind: CriterionKind; cue: string } | null = null;
    clauses.forEach(({ text: clause, headsList }) => {
      const hits = findRequirementCues(clause);
      const kind = strongestKind(hits);
      if (kind === null) {
        // "Must-haves: A, B and C": the header's kind carries over to the list after it.
        if (pending) {
          const { title, contentWords } = distillTitle(clause, 'after');
          if (contentWords > 0) candidates.push(candidate(pending.kind, title, clause, sentence, pending.cue, index));
        }
        return;
      }
      const cue = hits.find((h) => h.kind === kind)!;
      const title = titleAroundCue(clause, cue);
      if (title.contentWords > 0) {
        candidates.push(candidate(kind, title.title, clause, sentence, cue.text, index));
        pending = null;
        return;
      }
      if (headsList) {
        pending = { kind, cue: cue.text };
        return;
      }
      // "Yeah, that's a must." names no requirement: it confirms what was just said.
      const antecedent = previousStatement(sentences, index);
      if (!antecedent) return;
      const borrowed = statementTitle(antecedent.text);
      // Borrowing is a guess, so it must name at least two things.
      if (borrowed.contentWords < 2) return;
      candidates.push({
        ...candidate(kind, borrowed.title, `${antecedent.text} ${sentence.text}`, sentence, cue.text, index),
        start: antecedent.start,
      });
    });
  });
  return candidates;
}

function titleAroundCue(clause: string, cue: CueHit): DistilledTitle {
  let after = clause.slice(cue.end);
  // "I'd rather have X than Y" is about X, preferred over Y.
  if (/rather|take .+ over/i.test(cue.text)) after = after.replace(/\bthan\b/i, 'over');
  const fromAfter = distillTitle(withoutRequirementWords(after), 'after');
  if (fromAfter.contentWords > 0) return fromAfter;
  return distillTitle(withoutRequirementWords(clause.slice(0, cue.start)), 'before');
}

/** Openers of a clarifying question, which say nothing about the candidate. */
const QUESTION_OPENER =
  /^(?:(?:and|so|okay|ok),?\s+)?(?:does it matter (?:whether|if)|do you care (?:about|whether|if)|is it important (?:that|whether|if)|what about|how about|(?:do|does|did|is|are|should|would|could|can|will) (?:they|you|we|it|that|he|she)(?: need to| have to| need| have)?)\s+/i;

/** What a sentence that is referred back to ("that's a must") was about. */
function statementTitle(text: string): DistilledTitle {
  const stripped = text.replace(QUESTION_OPENER, '');
  const hits = findRequirementCues(stripped);
  const kind = strongestKind(hits);
  if (kind !== null) return titleAroundCue(stripped, hits.find((h) => h.kind === kind)!);
  return distillTitle(stripped, 'after');
}

function previousStatement(sentences: SpokenSentence[], index: number): SpokenSentence | undefined {
  for (let i = index - 1; i >= Math.max(0, index - 2); i--) {
    const s = sentences[i]!;
    if (statementTitle(s.text).contentWords > 0) return s;
  }
  return undefined;
}

const NEW_POINT = /^(?:(?:and|so|okay|oh|um|uh|yeah),?\s+)*(?:also|another|the other|other than that|plus|second(?:ly)?|third(?:ly)?|and then|then there'?s|one more)\b/i;

function candidate(kind: CriterionKind, title: string, quote: string, sentence: SpokenSentence, cue: string, sentenceIndex: number): Candidate {
  return {
    turn: sentence.turn,
    sentenceIndex,
    newPoint: NEW_POINT.test(sentence.text),
    kind,
    title,
    stems: contentStemSet(title),
    quote: quote.trim(),
    speaker: sentence.speaker,
    start: sentence.start,
    end: sentence.end,
    cue,
  };
}

/** A requirement restated within this many sentences of one turn is taken as an elaboration of it. */
const ELABORATION_WINDOW = 2;

/**
 * Greedy, in the order things were said: a candidate joins the first cluster of its kind it
 * overlaps in words, else the cluster of the previous requirement when the speaker is still on
 * the same point ("they need to work a buying committee… they have to be comfortable with a CISO").
 */
function mergeCandidates(candidates: Candidate[]): Candidate[][] {
  const clusters: Candidate[][] = [];
  let previous: { cluster: Candidate[]; member: Candidate } | null = null;
  for (const c of candidates) {
    let home = clusters.find(
      (members) => members[0]!.kind === c.kind && members.some((m) => overlapCoefficient(m.stems, c.stems) >= MERGE_OVERLAP),
    );
    if (
      !home &&
      previous &&
      previous.member.kind === c.kind &&
      previous.member.turn === c.turn &&
      c.sentenceIndex > previous.member.sentenceIndex &&
      c.sentenceIndex - previous.member.sentenceIndex <= ELABORATION_WINDOW &&
      !c.newPoint
    ) {
      home = previous.cluster;
    }
    if (home) home.push(c);
    else clusters.push((home = [c]));
    previous = { cluster: home, member: c };
  }
  return clusters;
}

/** The member whose title shares the most with the others (the way the point was usually put); on a tie, the first said. */
function pickRepresentative(members: Candidate[]): Candidate {
  let best = members[0]!;
  let bestScore = -1;
  for (const m of members) {
    const score = members.reduce((sum, other) => sum + (other === m ? 0 : overlapCoefficient(m.stems, other.stems)), 0);
    if (score > bestScore) {
      best = m;
      bestScore = score;
    }
  }
  return best;
}

const ROLE_PATTERNS = [
  /\bintake (?:call )?for (?:the |a |an |our )?(.+?)(?:\s+(?:role|position|req|requisition|opening|search)\b|\s+(?:on|in|for|at) the\b|[,.!?]|$)/i,
  /\b(?:hiring|looking) for (?:a |an |the )?(.+?)(?:\s+(?:role|position)\b|[,.!?]|$)/i,
  /\bthe (.+?) (?:role|position|req|opening)\b/i,
];

function findRequisitionTitle(sentences: SpokenSentence[]): string | undefined {
  for (const s of sentences.slice(0, 6)) {
    for (const pattern of ROLE_PATTERNS) {
      const m = pattern.exec(s.text);
      const role = m?.[1]?.trim();
      if (role && role.split(/\s+/).length <= 8) return role.replace(/\b\w/g, (c) => c.toUpperCase());
    }
  }
  return undefined;
}

function normalizedQuote(quote: string): string {
  return quote.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

function uniqueBy<T>(values: readonly T[], key: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(key(v)) && Boolean(seen.add(key(v))));
}

const NEGATIVE = /\b(?:not|don't|doesn't|didn't|won't|can't|cannot|never|no|without|avoid|red flag)\b/i;

/**
 * A starting point for "good looks like" / "bad looks like", in the hiring manager's words: a
 * deal-breaker's quote says what bad looks like; otherwise the representative quote says what good
 * looks like, and a quote put negatively ("not someone who…") what bad looks like.
 */
function looksLikeFromQuotes(representative: Candidate, quoted: readonly Candidate[]): { goodLooksLike: string; badLooksLike: string } {
  const said = (c: Candidate) => `In the intake call: “${c.quote}”`;
  if (representative.kind === 'deal-breaker') return { goodLooksLike: '', badLooksLike: said(representative) };
  const positive = NEGATIVE.test(representative.quote) ? quoted.find((c) => !NEGATIVE.test(c.quote)) : representative;
  const negative = quoted.find((c) => c !== positive && NEGATIVE.test(c.quote));
  return { goodLooksLike: positive ? said(positive) : '', badLooksLike: negative ? said(negative) : '' };
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
