import { z } from 'zod';
import { id, noInput, seconds, type ChannelSpecs } from './primitives.js';

/** Requisitions, rubric versions (edit, sign-off, import/export) and drafting a rubric from an intake call. */

export const criterionKindSchema = z.enum(['must-have', 'trade-off', 'deal-breaker']);
const text = (max: number) => z.string().max(max);

/** A criterion as the editor sends it: the server validates it again with the core rubric schema. */
export const criterionInputSchema = z
  .object({
    id: z.uuid().optional(),
    kind: criterionKindSchema,
    title: text(300),
    description: text(4000).default(''),
    goodLooksLike: text(4000).default(''),
    badLooksLike: text(4000).default(''),
    signals: z.array(text(200)).max(50).default([]),
  })
  .strict();

const questionSchema = z.object({ id: text(100).min(1), text: text(1000), criterionIds: z.array(z.string().max(100)).max(20) }).strict();
const planSchema = z.object({ stages: z.array(z.object({ name: text(200), questions: z.array(questionSchema).max(100) }).strict()).max(20) }).strict();

export const rubricVersionViewSchema = z.object({
  id,
  requisitionId: id,
  rubricId: id,
  version: z.number().int().positive(),
  parentVersion: z.number().int().positive().nullable(),
  title: z.string(),
  createdAt: z.string(),
  signedOff: z.object({ by: z.string(), at: z.string() }).nullable(),
  criteria: z.array(
    criterionInputSchema.extend({
      id: z.string(),
      questionIds: z.array(z.string()),
      /** Vague traits with no observable definition, each with a question that would pin it down. */
      warnings: z.array(z.object({ phrase: z.string(), message: z.string(), prompt: z.string() })),
    }),
  ),
  interviewPlan: planSchema,
  /** Where the rubric differs from the intake convention (3 must-haves, 2 trade-offs, 1 deal-breaker). */
  shape: z.array(z.object({ kind: criterionKindSchema, expected: z.number(), actual: z.number(), message: z.string() })),
});

const requisitionSchema = z.object({
  id,
  title: z.string(),
  role: z.string().nullable(),
  hiringManager: z.string().nullable(),
  recruiter: z.string().nullable(),
  status: z.string(),
  createdAt: z.string(),
  latestVersion: z.object({ id, version: z.number(), signedOffBy: z.string().nullable(), signedOffAt: z.string().nullable() }).nullable(),
});

const rubricFormatSchema = z.enum(['json', 'yaml']);
const name = z.string().trim().max(200);

export const rubricChannels = {
  'requisitions:list': { input: noInput, output: z.array(requisitionSchema) },
  'requisitions:create': {
    input: z
      .object({
        title: z.string().trim().min(1, 'the title is empty').max(300),
        role: name.optional(),
        hiringManager: name.optional(),
        recruiter: name.optional(),
      })
      .strict(),
    output: z.object({ id }),
  },
  'requisitions:get': {
    input: z.object({ id }).strict(),
    output: z.object({ requisition: requisitionSchema, versions: z.array(rubricVersionViewSchema) }),
  },
  /** Saves the editor's criteria and plan. No version yet: version 1. A signed version: a new version. A draft: in place. */
  'rubrics:save': {
    input: z
      .object({
        requisitionId: id,
        versionId: id.nullable(),
        criteria: z.array(criterionInputSchema).max(50),
        interviewPlan: planSchema.optional(),
      })
      .strict(),
    output: z.object({ version: rubricVersionViewSchema, createdNewVersion: z.boolean() }),
  },
  'rubrics:signOff': {
    input: z.object({ versionId: id, by: z.string().trim().min(1, 'sign-off needs a name').max(200) }).strict(),
    output: rubricVersionViewSchema,
  },
  'rubrics:export': {
    input: z.object({ versionId: id, format: rubricFormatSchema }).strict(),
    output: z.object({ fileName: z.string(), text: z.string() }),
  },
  'rubrics:import': {
    input: z.object({ requisitionId: id, format: rubricFormatSchema, text: z.string().min(1, 'the file is empty').max(500_000) }).strict(),
    output: rubricVersionViewSchema,
  },
  /** Offline draft from an intake call's transcript: candidate criteria, each with the quote it came from. */
  'rubrics:draftFromSession': {
    input: z.object({ sessionId: id }).strict(),
    output: z.object({
      criteria: z.array(criterionInputSchema.extend({ id: z.string() })),
      evidence: z.array(z.object({ criterionId: z.string(), quote: z.string(), speaker: z.string().nullable(), start: seconds, end: seconds, cue: z.string() })),
    }),
  },
  'rubrics:listSigned': {
    input: noInput,
    output: z.array(z.object({ id, requisitionTitle: z.string(), version: z.number(), signedOffBy: z.string(), signedOffAt: z.string() })),
  },
} as const satisfies ChannelSpecs;
