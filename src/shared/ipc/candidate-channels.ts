import { z } from 'zod';
import { id, type ChannelSpecs } from './primitives.js';

/** Candidates, and sessions filed under them: the Interviews list, rename, move, delete. */

const optionalText = z.string().trim().max(300).nullable().optional();

export const candidateSchema = z.object({
  id,
  name: z.string(),
  email: z.string().nullable(),
  requisitionId: z.string().nullable(),
  stage: z.string().nullable(),
  source: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const candidateFields = z.object({
  name: z.string().trim().min(1, 'the candidate needs a name').max(300),
  email: optionalText,
  requisitionId: id.nullable().optional(),
  stage: optionalText,
  source: optionalText,
});

export const interviewStatusSchema = z.enum(['recording', 'recovered', 'failed', 'transcribing', 'no-transcript', 'ready', 'reviewed']);

export const interviewRowSchema = z.object({
  id,
  title: z.string(),
  kind: z.enum(['intake', 'interview']),
  candidate: z.object({ id, name: z.string() }).nullable(),
  requisition: z.object({ id, title: z.string() }).nullable(),
  stage: z.string().nullable(),
  interviewer: z.string().nullable(),
  date: z.string(),
  status: interviewStatusSchema,
  rubric: z.object({ versionId: id, version: z.number().int(), signed: z.boolean() }).nullable(),
  /** Audio is stored, so "Transcribe" can run. */
  hasAudio: z.boolean(),
});

/** Where a page of the Interviews list ended; opaque to the page, handed back for the next one. */
export const interviewCursorSchema = z.object({ createdAt: z.string().min(1), id }).strict();

export const candidateChannels = {
  'candidates:list': { input: z.object({ requisitionId: id.optional() }).strict().optional(), output: z.array(candidateSchema) },
  'candidates:create': { input: candidateFields.strict(), output: candidateSchema },
  'candidates:update': { input: candidateFields.partial().extend({ id }).strict(), output: candidateSchema },
  'candidates:delete': { input: z.object({ id }).strict(), output: z.object({ id }) },
  /** The Interviews list: every session with its candidate, requisition, stage, status and rubric. */
  'interviews:list': {
    input: z.object({ requisitionId: id.optional(), status: interviewStatusSchema.optional() }).strict().optional(),
    output: z.array(interviewRowSchema),
  },
  /**
   * The Interviews page at any size: one page, newest first, after the cursor the previous page
   * returned (none for the first). Filters apply before paging, so every page is full.
   * `requisitionId: null` is the sessions filed under no requisition; `candidateId` and `kind`
   * let a view offer just the sessions it needs (a candidate's, the intake calls).
   */
  'interviews:page': {
    input: z
      .object({
        requisitionId: id.nullable().optional(),
        candidateId: id.optional(),
        kind: z.enum(['intake', 'interview']).optional(),
        status: interviewStatusSchema.optional(),
        after: interviewCursorSchema.optional(),
        limit: z.number().int().min(1, 'a page holds at least one interview').max(500, 'a page holds at most 500 interviews').optional(),
      })
      .strict()
      .optional(),
    output: z.object({ rows: z.array(interviewRowSchema.extend({ speakers: z.array(z.string()) })), next: interviewCursorSchema.nullable() }),
  },
  /** Counts for the Interviews filters: per status within the requisition filter, per requisition within the status filter. */
  'interviews:counts': {
    input: z.object({ requisitionId: id.optional(), status: interviewStatusSchema.optional() }).strict().optional(),
    output: z.object({
      total: z.number().int(),
      statuses: z.record(interviewStatusSchema, z.number().int()),
      requisitions: z.array(z.object({ id, title: z.string(), count: z.number().int() })),
    }),
  },
  /** Rename (title) or move (candidate, requisition, stage) a session. */
  'sessions:file': {
    input: z
      .object({ id, title: z.string().trim().min(1, 'the title is empty').max(300).optional(), candidateId: id.nullable().optional(), requisitionId: id.nullable().optional(), stage: optionalText })
      .strict(),
    output: z.object({ id }),
  },
  /** What deleting would remove, for the confirmation: file names only, never paths. */
  'sessions:contents': {
    input: z.object({ id }).strict(),
    output: z.object({ title: z.string(), audioFiles: z.array(z.string()), segmentCount: z.number().int(), momentCount: z.number().int() }),
  },
  /** Deletes the session, its transcript and moments, and the audio files Debrief recorded or copied into its data folder. */
  'sessions:delete': { input: z.object({ id }).strict(), output: z.object({ id, deletedFiles: z.array(z.string()) }) },
} as const satisfies ChannelSpecs;
