import { z } from 'zod';
import { id, seconds, type ChannelSpecs } from './primitives.js';

/** Calibration across a requisition, lost candidates, and the alignment audit. */

const decision = z.enum(['advance', 'reject', 'hold', 'offer']);
const rating = z.enum(['strong_no', 'no', 'yes', 'strong_yes', 'no_evidence']);
const count = z.number().int().nonnegative();
const fact = z.object({ label: z.string(), value: z.string() });
const sentence = z.object({ text: z.string(), facts: z.array(fact) });
const outcome = z.enum(['withdrawn', 'declined']);

export const lossSchema = z.object({
  id,
  candidateId: id,
  outcome,
  reason: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  moments: z.array(z.object({ momentId: z.string().nullable(), sessionId: z.string(), start: seconds, end: seconds, quote: z.string().nullable() })),
});

export const calibrationReportSchema = z.object({
  requisition: z.object({ id, title: z.string() }),
  rubric: z.object({ versionId: z.string(), version: z.number().int() }).nullable(),
  generatedAt: z.string(),
  counts: z.object({ candidates: count, scorecards: count, interviewers: count, decisions: count }),
  drift: z.array(
    z.object({
      label: z.string(),
      reasons: z.array(z.object({ decisionId: z.string(), candidateId: z.string(), candidateName: z.string(), decision, decidedAt: z.string(), text: z.string() })),
      candidateIds: z.array(z.string()),
      decisions: z.partialRecord(decision, count),
      message: z.string(),
    }),
  ),
  rejectedDespiteMustHaves: z.array(
    z.object({
      candidateId: z.string(),
      candidateName: z.string(),
      decisionId: z.string(),
      decidedAt: z.string(),
      mustHaves: z.array(z.object({ criterionId: z.string(), title: z.string(), ratings: z.array(rating) })),
      message: z.string(),
    }),
  ),
  nonDiscriminating: z.array(z.object({ criterionId: z.string(), title: z.string(), rating, candidates: count, ratings: count, message: z.string() })),
  withoutEvidence: z.array(z.object({ criterionId: z.string(), title: z.string(), kind: z.string(), scorecards: count, message: z.string() })),
  interviewers: z.array(
    z.object({
      interviewer: z.string(),
      offset: z.number().nullable(),
      sharedRatings: count,
      sharedCandidates: count,
      totalRatings: count,
      lean: z.enum(['lenient', 'severe', 'in-line', 'too-few']),
      message: z.string(),
    }),
  ),
  timeInStage: z.object({
    candidates: z.array(
      z.object({
        candidateId: z.string(),
        candidateName: z.string(),
        currentStage: z.string().nullable(),
        spans: z.array(z.object({ stage: z.string(), from: z.string(), to: z.string().nullable(), days: z.number().nonnegative() })),
      }),
    ),
    medians: z.array(z.object({ stage: z.string(), medianDays: z.number().nonnegative(), candidates: count, ongoing: count })),
  }),
  weeklyRead: z.object({ from: z.string(), to: z.string(), sentences: z.tuple([sentence, sentence]), text: z.string() }),
  weeks: z.array(z.object({ week: z.string(), decisions: z.record(decision, count), offRubric: count })),
  lostLast30Days: z.array(lossSchema.extend({ candidateName: z.string() })),
  notInterviewed: z.array(z.object({ id: z.string(), name: z.string() })),
  charts: z.array(z.object({ id: z.enum(['rating-distribution', 'decisions-by-week', 'interviewer-calibration']), title: z.string(), summary: z.string(), svg: z.string() })),
  emptyStates: z.partialRecord(z.enum(['rubric', 'decisions', 'scorecards', 'panel', 'candidates', 'losses']), z.string()),
});

const pulseAnswer = z.object({ respondent: z.string(), counterpartUnderstood: z.boolean(), interviewsTestedRubric: z.boolean(), answeredAt: z.string() });

export const alignmentAuditSchema = z.object({
  roles: z.array(z.string()),
  role: z.string().nullable(),
  requisitions: z.array(
    z.object({
      id,
      title: z.string(),
      role: z.string().nullable(),
      signedRubric: z.object({ mustHaves: count, tradeOffs: count, dealBreakers: count }).nullable(),
      reasons: z.object({ linked: count, total: count }),
      pulse: z.object({ recruiter: pulseAnswer.nullable(), hiringManager: pulseAnswer.nullable() }),
    }),
  ),
  audit: z.object({
    requisitions: count,
    shaped: z.object({ count, share: z.number(), missing: z.array(z.string()) }),
    evidence: z.object({ linked: count, total: count, share: z.number().nullable() }),
    pulse: z.object({ answeredByBoth: count, compared: count, disagreements: count, rate: z.number().nullable(), awaiting: z.array(z.string()) }),
    lever: z.object({ kind: z.enum(['rubric-shape', 'evidence', 'pulse', 'none']), message: z.string() }),
  }),
  questions: z.object({ counterpartUnderstood: z.string(), interviewsTestedRubric: z.string() }),
});

export const calibrationChannels = {
  /** The requisition's calibration; its charts are SVG, the same the PDF prints. */
  'calibration:get': { input: z.object({ requisitionId: id }).strict(), output: calibrationReportSchema },
  'calibration:export': {
    input: z.object({ requisitionId: id, format: z.enum(['pdf', 'html']) }).strict(),
    output: z.object({ fileName: z.string(), mediaType: z.string(), base64: z.string() }),
  },
  /** Marks a candidate withdrawn or declined, with the reason and the moments that explain it. */
  'candidates:markLost': {
    input: z
      .object({
        candidateId: id,
        outcome,
        reason: z.string().max(2000),
        recordedBy: z.string().trim().min(1, 'say who is recording this').max(200),
        momentIds: z.array(id).max(20).default([]),
      })
      .strict(),
    output: lossSchema,
  },
  'alignment:get': { input: z.object({ role: z.string().trim().max(300).nullable().optional() }).strict().optional(), output: alignmentAuditSchema },
  'alignment:pulse': {
    input: z
      .object({
        requisitionId: id,
        role: z.enum(['recruiter', 'hiring-manager']),
        respondent: z.string().trim().min(1, 'say who is answering').max(200),
        counterpartUnderstood: z.boolean(),
        interviewsTestedRubric: z.boolean(),
      })
      .strict(),
    output: alignmentAuditSchema,
  },
} as const satisfies ChannelSpecs;

export type CalibrationView = z.output<typeof calibrationReportSchema>;
export type AlignmentAuditView = z.output<typeof alignmentAuditSchema>;
export type LossView = z.output<typeof lossSchema>;
