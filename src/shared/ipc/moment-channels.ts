import { z } from 'zod';
import { id, seconds, type ChannelSpecs } from './primitives.js';

/** Tags during the call, mapped moments after it, and their review. */

export const momentSchema = z.object({
  id,
  sessionId: id,
  start: seconds,
  end: seconds,
  criterionId: z.string().nullable(),
  rubricVersionId: z.string().nullable(),
  origin: z.enum(['manual', 'auto']),
  status: z.enum(['proposed', 'accepted', 'rejected']),
  flagged: z.boolean(),
  note: z.string().nullable(),
  quote: z.string().nullable(),
  confidence: z.number().min(0).max(1).nullable(),
  reason: z.string().nullable(),
  /** Mapper proposals: evidence for (`supports`) or against (`contradicts`) the candidate on the criterion. */
  polarity: z.enum(['supports', 'contradicts']).nullable(),
  author: z.string().nullable(),
  createdAt: z.string(),
});

const note = z.string().trim().max(500);
const speakerName = z.string().trim().min(1, 'give the speaker a name').max(100);
const speakerSplitSchema = z.object({ interviewer: z.string(), candidate: z.string(), changedSegments: z.number() });

export const momentChannels = {
  /** What the tagging panel needs for a session: its rubric's criteria (hotkeys 1–9 in order) and interview plan. */
  'tagging:context': {
    input: z.object({ sessionId: id }).strict(),
    output: z.object({
      rubric: z
        .object({
          versionId: id,
          title: z.string(),
          version: z.number(),
          signedOff: z.object({ by: z.string(), at: z.string() }).nullable(),
          criteria: z.array(z.object({ id: z.string(), kind: z.enum(['must-have', 'trade-off', 'deal-breaker']), title: z.string(), hotkey: z.string().nullable() })),
          stages: z.array(z.object({ name: z.string(), questions: z.array(z.object({ id: z.string(), text: z.string(), criterionIds: z.array(z.string()) })) })),
        })
        .nullable(),
      speakers: z.array(z.string()),
      interviewer: z.string().nullable(),
      /** Who most likely asked the questions: preselected when mapping. */
      suggestedInterviewers: z.array(z.string()),
    }),
  },
  'tagging:setRubric': { input: z.object({ sessionId: id, versionId: id }).strict(), output: z.object({ sessionId: id, versionId: id }) },
  'moments:list': { input: z.object({ sessionId: id }).strict(), output: z.array(momentSchema) },
  'moments:tag': {
    input: z
      .object({ sessionId: id, atSec: seconds, criterionId: z.string().max(100).nullable(), flagged: z.boolean().optional(), note: note.optional(), author: z.string().max(200).optional() })
      .strict(),
    output: momentSchema,
  },
  /** Move (start/end), retarget (criterion; null turns a tag into a flag) or re-note. Retargeting a mapped moment returns a new accepted one. */
  'moments:update': {
    input: z
      .object({ id, start: seconds.optional(), end: seconds.optional(), criterionId: z.string().max(100).nullable().optional(), note: note.nullable().optional() })
      .strict(),
    output: momentSchema,
  },
  'moments:delete': { input: z.object({ id }).strict(), output: z.object({ id }) },
  /** Accept or reject; `proposed` puts a mapped moment back up for review (undo). */
  'moments:review': { input: z.object({ id, status: z.enum(['accepted', 'rejected', 'proposed']) }).strict(), output: momentSchema },
  /** Offline mapping of the transcript to the session rubric's criteria; proposals wait for review. */
  /** Maps offline; with `useLlm`, the language model set up in Settings then confirms or drops the proposals. */
  'mapping:run': {
    input: z
      .object({
        sessionId: id,
        /** May be empty for a one-speaker transcript: it is split into interviewer and candidate first. */
        interviewerSpeakers: z.array(z.string().min(1).max(200)).max(10),
        useLlm: z.boolean().default(false),
      })
      .strict(),
    output: z.object({
      moments: z.array(momentSchema),
      /** `llm` when the model's judgement was used; `offline` otherwise, with why in `fallback` when a model was asked. */
      source: z.enum(['offline', 'llm']),
      fallback: z.object({ code: z.string(), message: z.string() }).nullable(),
      /** Set when the one-speaker transcript was split automatically before mapping. */
      split: speakerSplitSchema.nullable(),
    }),
  },
  /** Renames a speaker throughout one interview. */
  'speakers:rename': {
    input: z.object({ sessionId: id, from: z.string().min(1).max(200), to: speakerName }).strict(),
    output: z.object({ changed: z.number() }),
  },
  /** Gives lines to another speaker: whole segments, or (with `fromWord`) the rest of a turn from a word of the first one on. */
  'speakers:reassign': {
    input: z.object({ sessionId: id, segmentIds: z.array(id).min(1).max(5000), speaker: speakerName, fromWord: z.number().int().nonnegative().optional() }).strict(),
    output: z.object({ changed: z.number() }),
  },
  /** Splits a one-speaker transcript into the interviewer's questions and the candidate's answers. */
  'speakers:split': { input: z.object({ sessionId: id }).strict(), output: speakerSplitSchema },
  /** Words of one transcript line (indices into its whitespace-separated words) made evidence for a criterion by hand. */
  'moments:addEvidence': {
    input: z
      .object({ sessionId: id, segmentId: id, fromWord: z.number().int().nonnegative(), toWord: z.number().int().nonnegative(), criterionId: z.string().min(1).max(100) })
      .strict(),
    output: momentSchema,
  },
} as const satisfies ChannelSpecs;
