import { z } from 'zod';
import { transcriptSchema } from '../transcript/transcript.js';
import type { Polarity } from './polarity.js';

/**
 * What the mapper needs from a rubric and an interview, kept independent of the rubric module so
 * the mapper can be fed from a rubric version, a fixture file or a test without conversion layers.
 */

const text = z.string().trim();

export const mappingCriterionKindSchema = z.enum(['must-have', 'trade-off', 'deal-breaker']);
export type MappingCriterionKind = z.infer<typeof mappingCriterionKindSchema>;

export const mappingCriterionSchema = z.object({
  id: text.min(1, 'criterion id must not be empty'),
  kind: mappingCriterionKindSchema,
  title: text.min(1, 'criterion title must not be empty'),
  description: text.default(''),
  goodLooksLike: text.default(''),
  badLooksLike: text.default(''),
  /** Phrases an interviewer listens for; they also expand the criterion's vocabulary. */
  signals: z.array(text.min(1)).default([]),
});
export type MappingCriterion = z.infer<typeof mappingCriterionSchema>;

export const plannedQuestionSchema = z.object({
  id: text.min(1, 'question id must not be empty'),
  text: text.min(1, 'question text must not be empty'),
  criterionIds: z.array(text.min(1)).default([]),
});
export type PlannedQuestion = z.infer<typeof plannedQuestionSchema>;

/** A hotkey press during the call: "this moment is about that criterion". */
export const interviewerTagSchema = z.object({
  time: z.number().finite().nonnegative(),
  criterionId: text.min(1),
  note: z.string().optional(),
  author: text.min(1),
});
export type InterviewerTag = z.infer<typeof interviewerTagSchema>;

export const mappingInputSchema = z.object({
  transcript: transcriptSchema,
  criteria: z.array(mappingCriterionSchema),
  questions: z.array(plannedQuestionSchema).default([]),
  tags: z.array(interviewerTagSchema).default([]),
  /** Speaker labels of the interviewers; every other speaker (and unlabelled speech) is the candidate. */
  interviewerSpeakers: z.array(text.min(1)),
});
export type MappingInput = z.input<typeof mappingInputSchema>;
export type ParsedMappingInput = z.output<typeof mappingInputSchema>;

/** `llm`: the configured language model confirmed the offline proposal. */
/**
 * `semantic`: the answer means what the criterion says, or one part of it (word vectors); `follow-up`:
 * the plan link came from the parent question; `plan-meaning`: the asked question means a planned
 * question for the criterion though worded apart; `topic`: an unplanned question continues the
 * previous exchange's subject.
 */
export type MomentReason = 'question-link' | 'plan-meaning' | 'lexical' | 'question-lexical' | 'tag' | 'llm' | 'semantic' | 'follow-up' | 'topic';

/** A transcript moment the mapper proposes as evidence for one criterion; the interviewer accepts or rejects it. */
export interface ProposedMoment {
  criterionId: string;
  /** Span of the quote, seconds. */
  start: number;
  end: number;
  quote: string;
  /** Estimated probability that a careful reviewer would accept this moment, 0–1. */
  confidence: number;
  reasons: MomentReason[];
  /** Evidence for or against the candidate on this criterion (see polarity.ts). */
  polarity?: Polarity;
  /** The interviewer's question the answer responds to ('' when the answer came unprompted). */
  question: string;
  /** The whole answer window the quote was taken from. */
  answerStart: number;
  answerEnd: number;
}
