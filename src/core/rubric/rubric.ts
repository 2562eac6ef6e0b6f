import { z } from 'zod';

/**
 * A rubric is the contract agreed at the intake call: the hiring manager signs off a version,
 * and every interview is scored as evidence against that version's criteria.
 */

export const criterionKindSchema = z.enum(['must-have', 'trade-off', 'deal-breaker']);
export type CriterionKind = z.infer<typeof criterionKindSchema>;
export const CRITERION_KINDS = criterionKindSchema.options;

export const scoreScaleSchema = z
  .strictObject({ min: z.number().int(), max: z.number().int() })
  .refine((s) => s.max > s.min, { message: 'scale max must be greater than min' });
export type ScoreScale = z.infer<typeof scoreScaleSchema>;
export const DEFAULT_SCALE: ScoreScale = { min: 1, max: 4 };

const text = z.string().trim();

export const criterionSchema = z.strictObject({
  id: z.uuid(),
  kind: criterionKindSchema,
  title: text.min(1, 'title must not be empty'),
  description: text.default(''),
  goodLooksLike: text.default(''),
  badLooksLike: text.default(''),
  /** Phrases an interviewer listens for. */
  signals: z.array(text.min(1)).default([]),
  /** Interview questions (ids in the interview plan) that probe this criterion. */
  questionIds: z.array(text.min(1)).default([]),
  scale: scoreScaleSchema.default(DEFAULT_SCALE),
});
export type Criterion = z.infer<typeof criterionSchema>;
/** What callers write: defaults (scale, empty texts) may be left out. */
export type CriterionInput = z.input<typeof criterionSchema>;

/** What a criterion says, without its question links and scale: what views and the mapper read. */
export type CriterionText = Pick<Criterion, 'id' | 'kind' | 'title' | 'description' | 'goodLooksLike' | 'badLooksLike' | 'signals'>;
export function criterionText(c: CriterionText): CriterionText {
  return { id: c.id, kind: c.kind, title: c.title, description: c.description, goodLooksLike: c.goodLooksLike, badLooksLike: c.badLooksLike, signals: c.signals };
}

export const interviewQuestionSchema = z.strictObject({
  id: text.min(1),
  text: text.min(1, 'question text must not be empty'),
  criterionIds: z.array(z.uuid()).default([]),
});
export type InterviewQuestion = z.infer<typeof interviewQuestionSchema>;

export const interviewStageSchema = z.strictObject({
  name: text.min(1, 'stage name must not be empty'),
  questions: z.array(interviewQuestionSchema).default([]),
});
export type InterviewStage = z.infer<typeof interviewStageSchema>;

export const interviewPlanSchema = z.strictObject({ stages: z.array(interviewStageSchema).default([]) });
export type InterviewPlan = z.infer<typeof interviewPlanSchema>;

export const signOffSchema = z.strictObject({
  by: text.min(1, 'sign-off needs the name of who signed'),
  at: z.iso.datetime({ offset: true }),
});
export type SignOff = z.infer<typeof signOffSchema>;

export const rubricVersionSchema = z
  .strictObject({
    rubricId: z.uuid(),
    version: z.number().int().min(1),
    requisitionTitle: text.min(1, 'requisitionTitle must not be empty'),
    criteria: z.array(criterionSchema),
    interviewPlan: interviewPlanSchema.default({ stages: [] }),
    createdAt: z.iso.datetime({ offset: true }),
    signedOff: signOffSchema.nullable().default(null),
    parentVersion: z.number().int().min(1).nullable().default(null),
  })
  .superRefine((v, ctx) => {
    // Cross-references are checked here so a file names the exact entry that is wrong.
    if (v.parentVersion !== null && v.parentVersion >= v.version) {
      ctx.addIssue({ code: 'custom', path: ['parentVersion'], message: `parentVersion must be lower than version ${v.version}` });
    }
    const criterionIds = new Set<string>();
    v.criteria.forEach((c, i) => {
      if (criterionIds.has(c.id)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: `duplicate criterion id ${c.id}` });
      criterionIds.add(c.id);
    });
    const questionIds = new Set<string>();
    v.interviewPlan.stages.forEach((stage, s) =>
      stage.questions.forEach((q, qi) => {
        const path = ['interviewPlan', 'stages', s, 'questions', qi];
        if (questionIds.has(q.id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `duplicate question id ${q.id}` });
        questionIds.add(q.id);
        q.criterionIds.forEach((id, k) => {
          if (!criterionIds.has(id)) ctx.addIssue({ code: 'custom', path: [...path, 'criterionIds', k], message: `no criterion has id ${id}` });
        });
      }),
    );
    v.criteria.forEach((c, i) =>
      c.questionIds.forEach((id, k) => {
        if (!questionIds.has(id)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'questionIds', k], message: `no interview question has id ${id}` });
      }),
    );
  });
export type RubricVersion = z.infer<typeof rubricVersionSchema>;
export type RubricVersionInput = z.input<typeof rubricVersionSchema>;

export function isSignedOff(version: RubricVersion): boolean {
  return version.signedOff !== null;
}
