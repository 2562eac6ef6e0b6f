import { z } from 'zod';
import { id, noInput, seconds, type ChannelSpecs } from './primitives.js';

/**
 * Requisitions, rubric versions (edit, sign-off, import/export), drafting a rubric from an intake
 * call (offline, optionally improved by the user's language model) and that model's endpoint setting.
 */

export const criterionKindSchema = z.enum(['must-have', 'trade-off', 'deal-breaker']);
export const requisitionStatusSchema = z.enum(['draft', 'open', 'on-hold', 'filled', 'closed']);
const text = (max: number) => z.string().max(max);

/** A criterion as the editor sends it: the server validates it again with the core rubric schema. */
export const criterionInputSchema = z
  .object({
    /** The editor makes ids for new criteria, so interview questions can link to them before the first save. */
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

/** A vague trait with no observable definition, with the question that would pin it down. */
export const vagueWarningSchema = z.object({ field: z.enum(['title', 'description']), phrase: z.string(), message: z.string(), prompt: z.string() });

/** Where the rubric differs from the intake convention (3 must-haves, 2 trade-offs, 1 deal-breaker); empty when it matches. */
export const shapeGuidanceSchema = z.array(z.object({ kind: criterionKindSchema, expected: z.number(), actual: z.number(), message: z.string() }));

export const signOffViewSchema = z.object({ by: z.string(), at: z.string() });

/** A quote from the intake call behind a criterion, stored with the rubric version. */
export const criterionEvidenceSchema = z
  .object({
    criterionId: z.string().max(100),
    /** Null once the intake session was deleted: the quote stays. */
    sessionId: id.nullable(),
    /** The transcript segment the quote starts in, to link to it. */
    segmentId: id.nullable(),
    quote: z.string().trim().min(1, 'the quote is empty').max(4000),
    start: seconds,
    end: seconds,
    speaker: z.string().max(200).nullable(),
    /** The requirement words that made it a criterion ("must", "deal-breaker"). */
    cue: z.string().max(200).nullable(),
  })
  .strict();

export const rubricVersionViewSchema = z.object({
  id,
  requisitionId: id,
  rubricId: id,
  version: z.number().int().positive(),
  parentVersion: z.number().int().positive().nullable(),
  title: z.string(),
  createdAt: z.string(),
  signedOff: signOffViewSchema.nullable(),
  /** Signed off, or something (a session, tag, scorecard) was made against it: saving an edit stores a new version. */
  frozen: z.boolean(),
  criteria: z.array(
    criterionInputSchema.extend({
      id: z.string(),
      questionIds: z.array(z.string()),
      warnings: z.array(vagueWarningSchema),
    }),
  ),
  interviewPlan: planSchema,
  shape: shapeGuidanceSchema,
  /** The intake-call quotes behind its criteria, in criteria order. */
  evidence: z.array(criterionEvidenceSchema),
});

export const requisitionSchema = z.object({
  id,
  title: z.string(),
  role: z.string().nullable(),
  hiringManager: z.string().nullable(),
  recruiter: z.string().nullable(),
  status: requisitionStatusSchema,
  createdAt: z.string(),
  latestVersion: z.object({ id, version: z.number(), signedOffBy: z.string().nullable(), signedOffAt: z.string().nullable() }).nullable(),
});

const rubricFormatSchema = z.enum(['json', 'yaml']);
const name = z.string().trim().max(200);

/** The endpoint as the renderer sees it: never the API key itself. */
export const llmSettingsViewSchema = z
  .object({
    baseURL: z.string(),
    model: z.string(),
    timeoutMs: z.number().int().positive(),
    apiKeySet: z.boolean(),
    /** `encrypted` by the OS key store; `plain` where this system has none; `unreadable` when sealed by another computer's. */
    apiKeyStorage: z.enum(['none', 'encrypted', 'plain', 'unreadable']),
    /** The endpoint is this computer (loopback): transcripts never leave it. */
    local: z.boolean(),
    /** The address moved to another host: the stored key was forgotten, so it is asked for again. */
    apiKeyCleared: z.boolean().optional(),
  })
  .nullable();

export const intakeEvidenceSchema = z.object({
  criterionId: z.string(),
  quote: z.string(),
  speaker: z.string().nullable(),
  start: seconds,
  end: seconds,
  /** The transcript segment the quote starts in, to link to it. */
  segmentId: z.string().nullable(),
  cue: z.string(),
});

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
  'requisitions:update': {
    input: z
      .object({
        id,
        title: z.string().trim().min(1, 'the title is empty').max(300).optional(),
        role: name.optional(),
        hiringManager: name.optional(),
        recruiter: name.optional(),
        status: requisitionStatusSchema.optional(),
      })
      .strict(),
    output: requisitionSchema,
  },
  'requisitions:get': {
    input: z.object({ id }).strict(),
    output: z.object({ requisition: requisitionSchema, versions: z.array(rubricVersionViewSchema) }),
  },
  'rubrics:getVersion': { input: z.object({ versionId: id }).strict(), output: rubricVersionViewSchema },
  /** Saves the editor's criteria and plan. No version yet: version 1. A frozen version: a new version. A draft: in place. */
  'rubrics:save': {
    input: z
      .object({
        requisitionId: id,
        versionId: id.nullable(),
        criteria: z.array(criterionInputSchema).max(50),
        interviewPlan: planSchema.optional(),
        /** Every quote of the saved version. Left out: a draft keeps its quotes, a new version copies those of the criteria it keeps. */
        evidence: z.array(criterionEvidenceSchema.refine((e) => e.end >= e.start, { message: 'a quote must not end before it starts', path: ['end'] })).max(500).optional(),
      })
      .strict(),
    output: z.object({ version: rubricVersionViewSchema, createdNewVersion: z.boolean() }),
  },
  /** Vague-language warnings per criterion and 3/2/1 guidance for unsaved editor content. */
  'rubrics:check': {
    input: z
      .object({
        criteria: z
          .array(z.object({ kind: criterionKindSchema, title: text(300), description: text(4000), goodLooksLike: text(4000), badLooksLike: text(4000) }).strict())
          .max(50),
      })
      .strict(),
    output: z.object({ warnings: z.array(z.array(vagueWarningSchema)), shape: shapeGuidanceSchema }),
  },
  'rubrics:signOff': {
    input: z.object({ versionId: id, by: z.string().trim().min(1, 'sign-off needs a name').max(200) }).strict(),
    output: rubricVersionViewSchema,
  },
  'rubrics:export': {
    input: z.object({ versionId: id, format: rubricFormatSchema }).strict(),
    output: z.object({ fileName: z.string(), text: z.string() }),
  },
  /** A rubric file (its text, or its path on disk) becomes the requisition's next version, unsigned. */
  'rubrics:import': {
    input: z
      .object({
        requisitionId: id,
        /** Required with `text`; taken from the extension with `path`. */
        format: rubricFormatSchema.optional(),
        text: z.string().min(1, 'the file is empty').max(500_000).optional(),
        /** The file's name, for error messages about `text`. */
        fileName: z.string().trim().min(1).max(300).optional(),
        path: z.string().trim().min(1, 'the file path is empty').max(4096).optional(),
      })
      .strict()
      .refine((i) => (i.text === undefined) !== (i.path === undefined), 'give either the text of a rubric file or its path')
      .refine((i) => i.path !== undefined || i.format !== undefined, 'say whether the text is JSON or YAML'),
    output: rubricVersionViewSchema,
  },
  /** Candidate criteria from an intake call, each with the quotes it came from; `useLlm` asks the configured model to improve them. */
  'rubrics:draftFromSession': {
    input: z.object({ sessionId: id, useLlm: z.boolean().optional() }).strict(),
    output: z.object({
      sessionId: id,
      requisitionTitle: z.string(),
      criteria: z.array(criterionInputSchema.extend({ id: z.string() })),
      evidence: z.array(intakeEvidenceSchema),
      /** `llm` when the model's answer was used; `offline` otherwise, with why in `fallback` when a model was asked. */
      source: z.enum(['offline', 'llm']),
      fallback: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  },
  'rubrics:listSigned': {
    input: noInput,
    output: z.array(z.object({ id, requisitionTitle: z.string(), version: z.number(), signedOffBy: z.string(), signedOffAt: z.string() })),
  },
  'settings:getLlm': { input: noInput, output: llmSettingsViewSchema },
  /** `config: null` forgets the endpoint. `apiKey`: omitted keeps the stored key, null removes it. */
  'settings:setLlm': {
    input: z
      .object({
        config: z
          .object({
            baseURL: z.string().trim().max(2048),
            model: z.string().trim().max(200),
            timeoutMs: z.number().int().positive().max(600_000).optional(),
            apiKey: z.string().trim().max(1000).nullable().optional(),
          })
          .strict()
          .nullable(),
      })
      .strict(),
    output: llmSettingsViewSchema,
  },
} as const satisfies ChannelSpecs;
