import { UserFacingError } from '../errors.js';
import { segmentAnswerWindows } from './answer-windows.js';
import { buildCriterionProfiles } from './criterion-profile.js';
import { toDocument } from './lexical-relevance.js';
import { mappingInputSchema, type MappingInput, type ProposedMoment } from './mapping-input.js';
import { confidenceOf, reasonsOf, scorePairs, type PairFeatures } from './moment-scoring.js';
import { selectQuote } from './quote-selection.js';
import { polarityOf } from './polarity.js';
import { toTimedSentences } from './timed-sentences.js';
import { wordNetSynonyms, type SynonymSource } from './wordnet-synonyms.js';
import { sharedWordVectors, type WordVectors } from './word-vectors.js';
import { describeIssues } from '../zod-issues.js';

export interface MapMomentsOptions {
  /** Defaults to WordNet (local files). */
  synonyms?: SynonymSource;
  /** Minimum confidence for a moment to be proposed. */
  threshold?: number;
  /** Most moments proposed per criterion: the reviewer wants the best few, not every mention. */
  maxPerCriterion?: number;
  /** Most criteria one answer is proposed for (interviewer tags are always kept). */
  maxPerWindow?: number;
  /** Pretrained word vectors for meaning-level relevance; defaults to the installed ones, `null` for words alone. */
  wordVectors?: WordVectors | null;
}

/**
 * Chosen with the weights: the most recall at precision ≥ 0.87 on the development interviews (the
 * goal's 0.85 plus a margin for a new author's style); every fold of bench/mapping-fit.ts chooses its own.
 */
export const DEFAULT_THRESHOLD = 0.45;
export const DEFAULT_MAX_PER_CRITERION = 3;
export const DEFAULT_MAX_PER_WINDOW = 2;

/**
 * Proposes transcript moments as evidence for rubric criteria, offline: the interview is split into
 * question → answer windows, and each (window, criterion) pair is scored from the planned question
 * the interviewer asked, the lexical relevance of question and answer, and interviewer tags.
 * Returns moments ordered by time.
 */
export async function mapMoments(input: MappingInput, options: MapMomentsOptions = {}): Promise<ProposedMoment[]> {
  const parsed = mappingInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new UserFacingError(`Cannot map moments: ${describeIssues(parsed.error, { topLevel: 'input' })}`, 'mapping-input-invalid');
  }
  const { transcript, criteria, questions, tags, interviewerSpeakers } = parsed.data;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const maxPerCriterion = options.maxPerCriterion ?? DEFAULT_MAX_PER_CRITERION;
  const maxPerWindow = options.maxPerWindow ?? DEFAULT_MAX_PER_WINDOW;

  const windows = segmentAnswerWindows(transcript, interviewerSpeakers);
  if (windows.length === 0 || criteria.length === 0) return [];
  const profiles = await buildCriterionProfiles(criteria, questions, options.synonyms ?? wordNetSynonyms);
  const words = options.wordVectors === undefined ? sharedWordVectors() : options.wordVectors;
  const { corpus, pairs } = scorePairs({ windows, profiles, questions, tags, criteria, words });

  const scored = pairs.map((features) => ({ features, confidence: confidenceOf(features, words !== null) }));
  const kept = capPerCriterion(capPerWindow(scored.filter((s) => s.confidence >= threshold || s.features.tagged), maxPerWindow), maxPerCriterion);

  const moments: ProposedMoment[] = [];
  for (const { features, confidence } of kept) {
    const window = windows[features.windowIndex]!;
    const profile = profiles.find((p) => p.criterionId === features.criterionId)!;
    const criterion = criteria.find((c) => c.id === features.criterionId)!;
    const sentences = toTimedSentences(window.answerSegments);
    const relevance = sentences.map((s) => corpus.score(toDocument(s.text), profile));
    const quote = selectQuote(sentences, relevance);
    if (!quote) continue;
    moments.push({
      criterionId: features.criterionId,
      start: quote.start,
      end: quote.end,
      quote: quote.text,
      confidence: Math.round(confidence * 1000) / 1000,
      reasons: reasonsOf(features),
      polarity: polarityOf(window.answerText, criterion, words),
      question: window.questionText,
      answerStart: window.answerStart,
      answerEnd: window.answerEnd,
    });
  }
  return moments.sort((a, b) => a.start - b.start || b.confidence - a.confidence);
}

interface Scored {
  features: PairFeatures;
  confidence: number;
}

function byConfidence(a: Scored, b: Scored): number {
  return b.confidence - a.confidence;
}

/** Keeps the `max` most confident pairs of each group; tagged pairs are always kept. */
function capPerGroup(scored: Scored[], groupOf: (s: Scored) => string | number, max: number): Scored[] {
  const groups = new Map<string | number, Scored[]>();
  for (const s of scored) {
    const key = groupOf(s);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].flatMap((group) => group.sort(byConfidence).filter((s, rank) => rank < max || s.features.tagged));
}

function capPerWindow(scored: Scored[], max: number): Scored[] {
  return capPerGroup(scored, (s) => s.features.windowIndex, max);
}

function capPerCriterion(scored: Scored[], max: number): Scored[] {
  return capPerGroup(scored, (s) => s.features.criterionId, max);
}
