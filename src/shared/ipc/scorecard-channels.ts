import { z } from 'zod';
import { id, seconds, type ChannelSpecs } from './primitives.js';

/** Scorecards from accepted evidence, feedback shaping, the candidate's debrief, and exports. */

export const ratingChoiceSchema = z.enum(['strong_no', 'no', 'yes', 'strong_yes', 'no_evidence']);
export const recommendationSchema = z.enum(['definitely_not', 'no', 'yes', 'strong_yes', 'no_decision']);
const kind = z.enum(['must-have', 'trade-off', 'deal-breaker']);
const note = z.string().max(4000);

const criterionSchema = z.object({ id: z.string(), kind, title: z.string(), goodLooksLike: z.string(), kindNumber: z.number().int() });
const evidenceSchema = z.object({ momentId: z.string().nullable(), sessionId: z.string(), start: seconds, end: seconds, quote: z.string().nullable() });

export const scorecardDraftSchema = z.object({
  sessionId: id,
  sessionTitle: z.string(),
  interviewer: z.string(),
  rubricVersionId: id,
  rubricTitle: z.string(),
  rubricVersion: z.number(),
  criteria: z.array(criterionSchema),
  ratings: z.array(
    z.object({
      criterionId: z.string(),
      rating: ratingChoiceSchema.nullable(),
      proposal: z.object({ rating: ratingChoiceSchema, reason: z.string() }).nullable(),
      evidence: z.array(z.object({ id, start: seconds, end: seconds, quote: z.string().nullable(), note: z.string().nullable(), origin: z.enum(['manual', 'auto']), author: z.string().nullable(), criterionId: z.string().nullable() })),
    }),
  ),
  submittedId: z.string().nullable(),
});

export const submittedScorecardSchema = z.object({
  id,
  sessionId: id,
  sessionTitle: z.string(),
  interviewedAt: z.string().nullable(),
  stage: z.string().nullable(),
  candidate: z.object({ id: z.string(), name: z.string() }).nullable(),
  requisitionTitle: z.string(),
  rubricVersion: z.number(),
  interviewer: z.string(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      recommendation: recommendationSchema,
      summary: z.string().nullable(),
      amendmentReason: z.string().nullable(),
      submittedBy: z.string(),
      submittedAt: z.string(),
      rubricVersionId: z.string(),
      ratings: z.array(z.object({ criterion: criterionSchema, rating: ratingChoiceSchema, note: z.string().nullable(), evidence: z.array(evidenceSchema), proposedRating: ratingChoiceSchema.nullable(), proposalReason: z.string().nullable() })),
    }),
  ),
});

const ratingsInput = z
  .array(z.object({ criterionId: z.string().min(1).max(200), rating: ratingChoiceSchema, note: note.optional(), momentIds: z.array(id).max(50) }).strict())
  .max(100);
const submissionBody = { rubricVersionId: id, recommendation: recommendationSchema, summary: note.optional(), ratings: ratingsInput };

export const feelFlagSchema = z.object({
  sentence: z.string(),
  matches: z.array(z.object({ kind: z.string(), text: z.string(), start: z.number(), end: z.number() })),
  suggestedCriterionId: z.string().nullable(),
  suggestedMomentId: z.string().nullable(),
  rewrite: z.string().nullable(),
});

const flagSchema = z.object({ kind: z.enum(['conflict', 'missing-signal', 'over-indexing', 'off-rubric', 'unsupported', 'feel']), criterionId: z.string().nullable().optional(), scorecardId: z.string().nullable().optional(), interviewer: z.string().nullable().optional(), sentence: z.string().optional(), message: z.string() });
const decisionSchema = z.object({
  id,
  decision: z.enum(['advance', 'reject', 'hold', 'offer']),
  decidedBy: z.string(),
  decidedAt: z.string(),
  reasons: z.array(z.object({ text: z.string(), momentId: z.string().nullable(), quote: z.string().nullable(), criterionId: z.string().nullable() })),
  evidenceShare: z.number(),
});

export const candidateDebriefSchema = z.object({
  candidate: z.object({ id: z.string(), name: z.string() }),
  criteria: z.array(z.object({ id: z.string(), kind, title: z.string(), description: z.string(), goodLooksLike: z.string(), signals: z.array(z.string()) })),
  scorecards: z.array(submittedScorecardSchema),
  flags: z.array(flagSchema),
  decisions: z.array(decisionSchema),
});

const exportFile = z.object({ fileName: z.string(), mediaType: z.string(), base64: z.string() });

export const scorecardChannels = {
  'scorecards:draft': { input: z.object({ sessionId: id, interviewer: z.string().trim().min(1, 'say who is scoring').max(200) }).strict(), output: scorecardDraftSchema },
  'scorecards:submit': { input: z.object({ sessionId: id, interviewer: z.string().trim().min(1, 'say who is scoring').max(200), ...submissionBody }).strict(), output: submittedScorecardSchema },
  'scorecards:amend': { input: z.object({ id, reason: z.string().max(2000), ...submissionBody }).strict(), output: submittedScorecardSchema },
  'scorecards:get': { input: z.object({ id }).strict(), output: submittedScorecardSchema },
  'scorecards:list': { input: z.object({ candidateId: id.optional(), sessionId: id.optional() }).strict(), output: z.array(submittedScorecardSchema) },
  /** The sheet the app shows for a submitted scorecard or a debrief: the same HTML its PDF is printed from. */
  'scorecards:sheet': { input: z.object({ id }).strict(), output: z.object({ html: z.string() }) },
  'feedback:shape': {
    input: z.object({ sessionId: id, text: note, criterionId: z.string().max(200).nullable(), linkedMomentIds: z.array(id).max(50) }).strict(),
    output: z.array(feelFlagSchema),
  },
  'debrief:get': { input: z.object({ candidateId: id }).strict(), output: candidateDebriefSchema.extend({ html: z.string() }) },
  'debrief:decide': {
    input: z
      .object({
        candidateId: id,
        decision: z.enum(['advance', 'reject', 'hold', 'offer']),
        decidedBy: z.string().trim().min(1, 'say who decided').max(200),
        reasons: z.array(z.object({ text: z.string().max(2000), momentId: id.nullable().optional(), criterionId: z.string().max(200).nullable().optional() }).strict()).max(30),
      })
      .strict(),
    output: decisionSchema,
  },
  'export:scorecard': { input: z.object({ id, format: z.enum(['greenhouse', 'lever', 'ashby', 'md', 'pdf']) }).strict(), output: exportFile },
  'export:debrief': { input: z.object({ candidateId: id, format: z.enum(['md', 'pdf']) }).strict(), output: exportFile },
  'export:transcript': { input: z.object({ sessionId: id, format: z.enum(['vtt', 'srt', 'txt', 'json']) }).strict(), output: exportFile },
} as const satisfies ChannelSpecs;

export type ScorecardDraftView = z.output<typeof scorecardDraftSchema>;
export type SubmittedScorecardView = z.output<typeof submittedScorecardSchema>;
export type CandidateDebriefView = z.output<typeof candidateDebriefSchema>;
export type FeelFlagView = z.output<typeof feelFlagSchema>;
