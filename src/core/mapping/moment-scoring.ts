import type { AnswerWindow } from './answer-windows.js';
import type { CriterionProfile } from './criterion-profile.js';
import { Bm25Corpus, toDocument, type LexicalDocument } from './lexical-relevance.js';
import type { InterviewerTag, MomentReason, PlannedQuestion } from './mapping-input.js';
import { PlannedQuestionMatcher, type QuestionLink } from './question-link.js';
import { SemanticRelevance } from './semantic-relevance.js';
import { toTimedSentences } from './timed-sentences.js';
import { negatesOwnExperience } from './polarity.js';
import type { MappingCriterion } from './mapping-input.js';
import { questionWords } from './mapping-terms.js';
import { cosine, type WordVectors } from './word-vectors.js';

/** What the mapper knows about one (answer window, criterion) pair before deciding. */
export interface PairFeatures {
  windowIndex: number;
  criterionId: string;
  /** BM25 of the candidate's answer against the criterion. */
  answerRelevance: number;
  /** BM25 of the interviewer's question against the criterion. */
  questionRelevance: number;
  /** This criterion's question relevance over the best criterion's for the same question (0–1). */
  questionShare: number;
  /** This criterion's answer relevance over the window's best criterion's (0–1). */
  shareOfWindow: number;
  /** Similarity of the asked question to a planned question linked to this criterion (0 when none). */
  questionLink: number;
  /** The same, for planned questions linked to this criterion alone (0 when none). */
  plannedFor: number;
  /** An interviewer tagged this criterion during or right after the answer. */
  tagged: boolean;
  /** Share of the answer's sentences that are questions: the candidate asking, not answering. */
  askingShare: number;
  /** Cosine of the answer's meaning (word vectors) to the criterion's; 0 without vectors. */
  semantic: number;
  /** The same minus the window's mean over all criteria: how much more this answer is about this criterion than about the others. */
  semanticLift: number;
  /** The plan link came from the parent question of a follow-up, not from the asked words. */
  inheritedLink: boolean;
  /** Cosine of the asked question's meaning to the criterion's; 0 without vectors. */
  questionSemantic: number;
  /** The same minus the question's mean over all criteria: what the interviewer is asking about. */
  questionSemanticLift: number;
  /** The best single answer sentence's lift over its mean across criteria (0 at least): one sentence on point in a long, wandering answer. */
  sentenceLift: number;
  /** Words in the answer. */
  answerWords: number;
  /** This criterion's answer meaning minus the best other criterion's: positive only when the answer is more about it than about any other. */
  semanticMargin: number;
  /** Closeness of the answer to the criterion's closest part (one signal, good or bad looks like) minus the window's mean over criteria. */
  partLift: number;
  /**
   * The previous exchange's question topic on this criterion (BM25 share of its question, plus its
   * plan link), carried when this question names no criterion and links to no planned question: an
   * unplanned follow-up ("What happens when they don't?") continues the subject.
   */
  previousTopic: number;
  /**
   * How much closer in meaning (word alignment) the asked question is to this criterion's planned
   * questions than to the plan on average: a soft link that survives paraphrase ("a campaign you built
   * from nothing") where the hard link is refused; 0 without vectors or plan.
   */
  planMeaningLift: number;
  /** The previous exchange's plan meaning lift, carried like previousTopic. */
  previousPlanMeaning: number;
  /**
   * The interview's first exchange, when its question links to no planned question: greetings and
   * "can you hear me?", nearly never evidence. A recording that starts on a planned question keeps
   * its first answer (no labelled interview starts so, so the fit alone would drop it).
   */
  opening: boolean;
  /** The criterion is a deal-breaker and the candidate denies their own doing ("we didn't bother reporting it", "nobody listened"). */
  dealBreakerDenial: boolean;
  /**
   * For a deal-breaker, how much closer the answer's closest sentence is to what bad looks like than to
   * what good looks like (0 at least; 0 otherwise, or without vectors): the candidate quietly cutting
   * the corner the criterion names, in their own words.
   */
  badLean: number;
  /**
   * For a deal-breaker, the previous exchange's question pull towards it (its topic and plan meaning),
   * whatever this question says: a deal-breaker is probed over several short follow-ups ("Did you
   * declare it anywhere?", "How much over?") that name nothing themselves.
   */
  dealBreakerThread: number;
}

/** A tag pressed this long after an answer ended still refers to it (the interviewer reacts late). */
export const TAG_LATE_SECONDS = 10;

/**
 * Logistic models turning features into a confidence, one with word vectors and one for words alone.
 * The weights are rounded from ridge logistic regressions on standardised terms (bench/mapping-fit.ts)
 * fitted on the 66 development interviews (test/fixtures/interviews, 22 roles, three authors; no
 * held-out interview played a part). Features and the threshold were chosen on out-of-sample
 * estimates, above all leave one author out (fit on two authors, score the third): pooled 0.85 P /
 * 0.76 R (deal-breakers 0.69 / 0.66, from 0.77 / 0.60 before the deal-breaker thread and bad lean),
 * leave one role out 0.86 / 0.75, against 0.87 / 0.76 in-sample.
 * With the lifts in the model, a high raw cosine alone (answer or question) marks talk that is close
 * to every criterion, hence its negative weight; the soft plan meaning (planMeaningLift) replaces the
 * hard link's similarity with vectors (the fit gave the latter nothing once the former was in).
 */
export const CONFIDENCE_MODEL = {
  bias: -1.74,
  relevance: 1.15,
  share: 1.47,
  questionRelevance: 1.86,
  questionLink: 0,
  plannedFor: 0.93,
  followUp: -0.05,
  tag: 8.21,
  asking: -6.74,
  answerLength: 0.09,
  shortAnswer: -1.66,
  opening: -4.44,
  dealBreakerDenial: 0.26,
  badLean: 0.6,
  dealBreakerThread: 0.96,
  semantic: -2.37,
  questionSemantic: -2.18,
  questionSemanticLift: 10.38,
  sentenceLift: 2.88,
  semanticMargin: 1.5,
  partLift: 3.69,
  previousTopic: 0.86,
  planMeaningLift: 5.91,
  previousPlanMeaning: 2.85,
} as const;

/** Fitted the same way on the features words alone give (vectors absent, or turned off in the bench's ablation). */
export const WORDS_ONLY_CONFIDENCE_MODEL = {
  bias: -4.91,
  relevance: 1.17,
  share: 1.59,
  questionRelevance: 2.07,
  questionLink: 2.24,
  plannedFor: 1.42,
  followUp: 0.95,
  tag: 6.68,
  asking: -6.52,
  answerLength: -0.02,
  shortAnswer: -1.39,
  opening: -3.5,
  dealBreakerDenial: 0.53,
  badLean: 0,
  dealBreakerThread: 1.02,
  semantic: 0,
  questionSemantic: 0,
  questionSemanticLift: 0,
  sentenceLift: 0,
  semanticMargin: 0,
  partLift: 0,
  previousTopic: 1.39,
  planMeaningLift: 0,
  previousPlanMeaning: 0,
} as const;

/** An answer shorter than this many words ("Not really.", "Okay, thanks.") is rarely cited evidence. */
export const SHORT_ANSWER_WORDS = 12;

/**
 * A planned question asked nearly as written (similarity at least this) that the plan links to one
 * criterion alone: the interviewer is asking about that criterion, so the answer is evidence for it
 * whichever way it goes, even when the candidate uses none of the rubric's words. It lifts the
 * confidence only when the answer itself is at least as much about that criterion as about the
 * others (semantic lift ≥ 0): a link on the question alone cannot make an answer about something
 * else count.
 */
export const STRONG_LINK_SIMILARITY = 0.5;
/**
 * Confidence such a pair gets at least. Below the default threshold (0.45, chosen on the development
 * set): the plan link is a fitted feature of the model, and a floor that proposed on its own cost
 * precision; it matters for callers that ask for a lower threshold.
 */
export const PLANNED_FOR_CONFIDENCE = 0.3;

/** The model's inputs, one per weight (bias aside): the fit script (bench/mapping-fit.ts) and confidenceOf read the same list. */
export const CONFIDENCE_TERMS: ReadonlyArray<readonly [Exclude<keyof ConfidenceWeights, 'bias'>, (f: PairFeatures) => number]> = [
  ['relevance', (f) => Math.log1p(f.answerRelevance)],
  ['questionRelevance', (f) => Math.log1p(f.questionRelevance) * f.questionShare],
  ['share', (f) => f.shareOfWindow],
  ['questionLink', (f) => f.questionLink],
  ['plannedFor', (f) => f.plannedFor],
  ['followUp', (f) => (f.inheritedLink ? 1 : 0)],
  ['tag', (f) => (f.tagged ? 1 : 0)],
  ['asking', (f) => f.askingShare],
  ['answerLength', (f) => Math.log(Math.max(1, f.answerWords))],
  ['shortAnswer', (f) => (f.answerWords < SHORT_ANSWER_WORDS ? 1 : 0)],
  ['opening', (f) => (f.opening ? 1 : 0)],
  ['dealBreakerDenial', (f) => (f.dealBreakerDenial ? 1 : 0)],
  ['badLean', (f) => f.badLean],
  ['dealBreakerThread', (f) => f.dealBreakerThread],
  ['semantic', (f) => f.semantic],
  ['questionSemantic', (f) => f.questionSemantic],
  ['questionSemanticLift', (f) => f.questionSemanticLift],
  ['sentenceLift', (f) => f.sentenceLift],
  ['semanticMargin', (f) => f.semanticMargin],
  ['partLift', (f) => f.partLift],
  ['previousTopic', (f) => f.previousTopic],
  ['planMeaningLift', (f) => f.planMeaningLift],
  ['previousPlanMeaning', (f) => f.previousPlanMeaning],
];

export type ConfidenceWeights = { [K in keyof typeof CONFIDENCE_MODEL]: number };

export function linearScore(f: PairFeatures, m: ConfidenceWeights): number {
  return CONFIDENCE_TERMS.reduce((z, [name, term]) => z + m[name] * term(f), m.bias);
}

export function confidenceOf(f: PairFeatures, withVectors = true, model?: ConfidenceWeights): number {
  const m = model ?? (withVectors ? CONFIDENCE_MODEL : WORDS_ONLY_CONFIDENCE_MODEL);
  const confidence = 1 / (1 + Math.exp(-linearScore(f, m)));
  const answerSupports = !withVectors || f.semanticLift >= 0;
  const plannedForThis = f.plannedFor >= STRONG_LINK_SIMILARITY && f.askingShare < 0.5 && answerSupports;
  return plannedForThis ? Math.max(confidence, PLANNED_FOR_CONFIDENCE) : confidence;
}

/** Lift over the window's mean at which meaning is named as a reason. */
export const SEMANTIC_REASON_LIFT = 0.05;

/** The same for the criterion's closest part: a max over parts runs higher than the whole criterion's cosine. */
export const PART_REASON_LIFT = 0.1;
/** Lift of the asked question's alignment to this criterion's planned questions over the plan's mean at which it is named. */
export const PLAN_MEANING_REASON_LIFT = 0.1;
/** Carried topic at which "continues the previous question" is named (a plan link of 0.5, or a question naming the criterion). */
export const TOPIC_REASON = 0.5;

/** Why a pair scored: the signals that contributed meaningfully. */
export function reasonsOf(f: PairFeatures): MomentReason[] {
  const reasons: MomentReason[] = [];
  if (f.questionLink > 0) reasons.push('question-link');
  else if (f.planMeaningLift >= PLAN_MEANING_REASON_LIFT) reasons.push('plan-meaning');
  if (f.answerRelevance >= 1) reasons.push('lexical');
  if (f.questionRelevance >= 1) reasons.push('question-lexical');
  if (f.tagged) reasons.push('tag');
  if (f.semanticLift >= SEMANTIC_REASON_LIFT || f.partLift >= PART_REASON_LIFT) reasons.push('semantic');
  if (f.inheritedLink) reasons.push('follow-up');
  else if (f.previousTopic >= TOPIC_REASON || f.previousPlanMeaning >= PLAN_MEANING_REASON_LIFT) reasons.push('topic');
  return reasons;
}

export interface ScoringContext {
  windows: readonly AnswerWindow[];
  profiles: readonly CriterionProfile[];
  questions: readonly PlannedQuestion[];
  tags: readonly InterviewerTag[];
  /** The criteria the profiles were built from, in the same order (for meaning-level relevance). */
  criteria?: readonly MappingCriterion[];
  /** Pretrained word vectors; without them only words count. */
  words?: WordVectors | null;
}

/** A follow-up keeps this much of its parent question's plan link. */
export const INHERITED_LINK_FACTOR = 0.8;
/** A question with at most this many content words ("Would you change that?") leans on the one before. */
export const SHORT_FOLLOW_UP_WORDS = 3;
/** A short follow-up points back at the answer ("that", "it", "what if", "and after"), unlike "What do you do for fun?". */
const REFERS_BACK = /\b(?:that|this|it|they|them|those|then|there|else|afterwards?|after that|what if|why|how come|instead)\b|^\s*(?:and|so|but)\b/i;
/** Or a question this close in meaning to the previous question and answer continues it. */
export const FOLLOW_UP_SIMILARITY = 0.6;

export interface ScoredInterview {
  corpus: Bm25Corpus;
  pairs: PairFeatures[];
}

export function scorePairs({ windows, profiles, questions, tags, criteria, words = null }: ScoringContext): ScoredInterview {
  const answers: LexicalDocument[] = windows.map((w) => toDocument(w.answerText));
  const corpus = new Bm25Corpus(answers);
  const matcher = new PlannedQuestionMatcher(questions, words);
  const semantic = words && criteria && criteria.length === profiles.length ? new SemanticRelevance(words, criteria) : null;
  const tagWindows = tags.map((tag) => ({ tag, windowIndex: windowOfTag(windows, tag.time) }));
  const dealBreakers = new Set((criteria ?? []).filter((c) => c.kind === 'deal-breaker').map((c) => c.id));
  const pairs: PairFeatures[] = [];
  let previousLinks: QuestionLink[] = [];
  let previousTopics: number[] = profiles.map(() => 0);
  let previousPlanMeaning: number[] = profiles.map(() => 0);
  let previousPull: number[] = profiles.map(() => 0);
  for (const [i, window] of windows.entries()) {
    const answer = answers[i]!;
    const question = toDocument(window.questionText);
    const asking = askingShare(window.answerText);
    const relevances = profiles.map((p) => corpus.score(answer, p));
    const best = Math.max(0, ...relevances);
    const questionRelevances = profiles.map((p) => corpus.score(question, p));
    const bestQuestion = Math.max(0, ...questionRelevances);
    const own = matcher.match(window.questionText);
    const inherited = own.length === 0 && i > 0 && continuesPrevious(window, windows[i - 1]!, words, questionRelevances, profiles, previousLinks);
    const links = inherited ? previousLinks.map((l) => ({ ...l, similarity: l.similarity * INHERITED_LINK_FACTOR })) : own;
    previousLinks = links;
    const noMeaning = profiles.map(() => 0);
    const meaning = semantic ? semantic.scores(window.answerText) : noMeaning;
    const meanMeaning = mean(meaning);
    const questionMeaning = semantic ? semantic.scores(window.questionText) : noMeaning;
    const meanQuestionMeaning = mean(questionMeaning);
    const sentenceLifts = semantic ? bestSentenceLifts(semantic, window, profiles.length) : noMeaning;
    const parts = semantic ? semantic.partScores(window.answerText) : noMeaning;
    const meanParts = mean(parts);
    const topics = profiles.map((p, c) => {
      const share = bestQuestion > 0 ? questionRelevances[c]! / bestQuestion : 0;
      const link = Math.max(0, ...links.filter((l) => l.criterionIds.includes(p.criterionId)).map((l) => l.similarity));
      return Math.log1p(questionRelevances[c]!) * share + link;
    });
    const planMeaning = words ? planMeaningLifts(words, window.questionText, questions, profiles) : noMeaning;
    const unplanned = own.length === 0 && bestQuestion < 1;
    const thread = previousPull;
    previousPull = topics.map((t, c) => t + Math.max(0, planMeaning[c]!));
    const carried = unplanned && i > 0 ? previousTopics : noMeaning;
    const carriedMeaning = unplanned && i > 0 ? previousPlanMeaning : noMeaning;
    previousPlanMeaning = unplanned && i > 0 ? planMeaning.map((t, c) => Math.max(t, carriedMeaning[c]! * INHERITED_LINK_FACTOR)) : planMeaning;
    previousTopics = unplanned && i > 0 ? topics.map((t, c) => Math.max(t, carried[c]! * INHERITED_LINK_FACTOR)) : topics;
    const answerWords = window.answerText.split(/\s+/).length;
    const denies = negatesOwnExperience(window.answerText);
    const badLeans = semantic && criteria ? semantic.badLeans(toTimedSentences(window.answerSegments).map((s) => s.text)) : noMeaning;
    for (const [c, profile] of profiles.entries()) {
      const relevance = relevances[c]!;
      const linked = links.filter((l) => l.criterionIds.includes(profile.criterionId));
      pairs.push({
        windowIndex: i,
        criterionId: profile.criterionId,
        answerRelevance: relevance,
        questionRelevance: questionRelevances[c]!,
        questionShare: bestQuestion > 0 ? questionRelevances[c]! / bestQuestion : 0,
        shareOfWindow: best > 0 ? relevance / best : 0,
        questionLink: Math.max(0, ...linked.map((l) => l.similarity)),
        plannedFor: Math.max(0, ...linked.filter((l) => new Set(l.criterionIds).size === 1).map((l) => l.similarity)),
        tagged: tagWindows.some((t) => t.windowIndex === i && t.tag.criterionId === profile.criterionId),
        askingShare: asking,
        semantic: meaning[c]!,
        semanticLift: meaning[c]! - meanMeaning,
        inheritedLink: inherited && linked.length > 0,
        questionSemantic: questionMeaning[c]!,
        questionSemanticLift: questionMeaning[c]! - meanQuestionMeaning,
        sentenceLift: sentenceLifts[c]!,
        semanticMargin: meaning[c]! - Math.max(...meaning.filter((_, o) => o !== c)),
        partLift: parts[c]! - meanParts,
        previousTopic: carried[c]!,
        planMeaningLift: planMeaning[c]!,
        previousPlanMeaning: carriedMeaning[c]!,
        answerWords,
        opening: i === 0 && own.length === 0,
        dealBreakerDenial: denies && dealBreakers.has(profile.criterionId),
        badLean: dealBreakers.has(profile.criterionId) ? badLeans[c]! : 0,
        dealBreakerThread: dealBreakers.has(profile.criterionId) ? thread[c]! : 0,
      });
    }
  }
  return { corpus, pairs };
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}

/** Per criterion, the asked question's best alignment to a planned question for it, minus its mean alignment to all planned questions. */
function planMeaningLifts(words: WordVectors, asked: string, questions: readonly PlannedQuestion[], profiles: readonly CriterionProfile[]): number[] {
  const askedWords = questionWords(asked);
  if (questions.length === 0 || askedWords.length === 0) return profiles.map(() => 0);
  const alignments = questions.map((q) => words.alignment(askedWords, questionWords(q.text)));
  const m = mean(alignments);
  return profiles.map((p) => {
    const own = alignments.filter((_, q) => questions[q]!.criterionIds.includes(p.criterionId));
    return own.length === 0 ? 0 : Math.max(...own) - m;
  });
}

/** Per criterion, the largest lift of any one answer sentence over that sentence's mean across criteria (0 at least). */
function bestSentenceLifts(semantic: SemanticRelevance, window: AnswerWindow, criteria: number): number[] {
  const best = new Array<number>(criteria).fill(0);
  for (const sentence of toTimedSentences(window.answerSegments)) {
    const scores = semantic.scores(sentence.text);
    const m = mean(scores);
    for (const [c, score] of scores.entries()) best[c] = Math.max(best[c]!, score - m);
  }
  return best;
}

/**
 * The window a tag refers to: the answer it was pressed in; else the answer that ended at most
 * TAG_LATE_SECONDS before (the interviewer reacts late); else the question it was pressed during.
 */
export function windowOfTag(windows: readonly AnswerWindow[], time: number): number | null {
  const inside = windows.findIndex((w) => time >= w.answerStart && time <= w.answerEnd);
  if (inside >= 0) return inside;
  for (let i = windows.length - 1; i >= 0; i--) {
    const w = windows[i]!;
    if (time > w.answerEnd && time <= w.answerEnd + TAG_LATE_SECONDS) return i;
  }
  const asking = windows.findIndex((w) => time >= w.questionStart && time < w.answerStart);
  return asking >= 0 ? asking : null;
}

/**
 * Whether a question with no plan link of its own follows up the one before ("Would you change
 * that?", "What if you're on holiday?"): short, or close in meaning to the previous exchange, and
 * not clearly about a criterion the previous question was not linked to.
 */
function continuesPrevious(
  window: AnswerWindow,
  previous: AnswerWindow,
  words: WordVectors | null,
  questionRelevances: readonly number[],
  profiles: readonly CriterionProfile[],
  previousLinks: readonly QuestionLink[],
): boolean {
  if (previousLinks.length === 0 || window.questionText.trim() === '') return false;
  const parentCriteria = new Set(previousLinks.flatMap((l) => l.criterionIds));
  const changesSubject = profiles.some((p, c) => questionRelevances[c]! >= 1 && !parentCriteria.has(p.criterionId));
  if (changesSubject) return false;
  if (questionWords(window.questionText).length <= SHORT_FOLLOW_UP_WORDS && REFERS_BACK.test(window.questionText)) return true;
  if (!words) return false;
  return cosine(words.embed(window.questionText), words.embed(`${previous.questionText} ${previous.answerText}`)) >= FOLLOW_UP_SIMILARITY;
}

function askingShare(answer: string): number {
  const sentences = answer.match(/[^.!?]+[.!?]*/g)?.filter((s) => /[a-z]/i.test(s)) ?? [];
  if (sentences.length === 0) return 0;
  return sentences.filter((s) => s.trim().endsWith('?')).length / sentences.length;
}
