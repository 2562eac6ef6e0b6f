import { z } from 'zod';
import { id, noInput, seconds, type ChannelSpecs } from './primitives.js';

/** Candidate prep (the questions a stage asks) and the candidate brief (their own words, by category). */

const quote = z.object({ quote: z.string(), sessionId: id, sessionTitle: z.string(), segmentId: id, start: seconds, end: seconds });
const unreadSession = z.object({ sessionId: id, title: z.string() });

export const candidateBriefSchema = z.object({
  candidate: z.object({ id, name: z.string() }),
  sessionsRead: z.number().int(),
  sessionsWithoutSpeakers: z.array(unreadSession),
  candidateSentences: z.number().int(),
  sections: z.object({
    motivation: z.array(quote),
    concern: z.array(quote),
    constraint: z.array(quote),
    competing: z.array(quote),
    question: z.array(quote),
  }),
});

const askedQuestion = z.object({ text: z.string(), sessionId: id, sessionTitle: z.string(), segmentId: id, start: seconds, candidateName: z.string().nullable() });

export const prepQuestionsSchema = z.object({
  sessionsRead: z.number().int(),
  sessionsWithoutSpeakers: z.array(unreadSession),
  questionsAsked: z.number().int(),
  groups: z.array(z.object({ example: askedQuestion, count: z.number().int(), sessions: z.number().int(), variants: z.array(z.string()) })),
});

const prepFilter = z.object({
  stage: z.string().trim().min(1, 'choose a stage').max(300),
  interviewer: z.string().trim().max(300).nullable().optional(),
  /** The candidate being prepared: their own interviews are not "previous candidates". */
  candidateId: id.nullable().optional(),
});

const exportFile = z.object({ fileName: z.string(), mediaType: z.string(), base64: z.string() });

export const briefChannels = {
  'brief:candidate': { input: z.object({ candidateId: id }).strict(), output: candidateBriefSchema },
  /** Stages interviews were filed under, each with the interviewers who ran them. */
  'brief:prepStages': { input: noInput, output: z.array(z.object({ stage: z.string(), interviewers: z.array(z.string()) })) },
  'brief:prep': { input: prepFilter.strict(), output: prepQuestionsSchema },
  /** The candidate brief as Markdown, for the recruiter's notes before the closing call. */
  'export:candidateBrief': { input: z.object({ candidateId: id }).strict(), output: exportFile },
  'export:prepBrief': { input: prepFilter.extend({ format: z.enum(['md', 'pdf']) }).strict(), output: exportFile },
} as const satisfies ChannelSpecs;

export type CandidateBriefView = z.output<typeof candidateBriefSchema>;
export type PrepQuestionsView = z.output<typeof prepQuestionsSchema>;
