import { z } from 'zod';
import { id, seconds, sessionKindSchema, shortText, type ChannelSpecs } from './primitives.js';

/** Corpus search: every transcript and note, narrowed by filing, speaker, criterion and dates. */

const day = (what: string) => z.iso.date(`the ${what} date must look like 2025-03-31`);

export const corpusFiltersSchema = z
  .object({
    requisitionId: id.optional(),
    candidateId: id.optional(),
    stage: z.string().trim().min(1).max(200).optional(),
    kind: sessionKindSchema.optional(),
    speaker: z.enum(['interviewer', 'candidate']).optional(),
    /** A criterion's title: the evidence and scorecard notes tagged with it. */
    criterion: z.string().trim().min(1).max(200).optional(),
    from: day('start').optional(),
    to: day('end').optional(),
  })
  .strict();

const snippetSchema = z.array(z.object({ text: z.string(), match: z.boolean() }));

export const corpusHitSchema = z.object({
  kind: z.enum(['transcript', 'session-title', 'candidate-name', 'moment', 'scorecard-note']),
  segmentId: id.nullable(),
  start: seconds.nullable(),
  end: seconds.nullable(),
  speaker: z.string().nullable(),
  snippet: snippetSchema,
  spansNext: z.boolean(),
});

export const corpusGroupSchema = z.object({
  sessionId: id,
  title: z.string(),
  kind: sessionKindSchema,
  date: z.string(),
  candidate: z.object({ id, name: z.string() }).nullable(),
  requisition: z.object({ id, title: z.string() }).nullable(),
  stage: z.string().nullable(),
  hits: z.array(corpusHitSchema),
});

export const searchChannels = {
  'search:corpus': {
    input: z.object({ query: shortText, filters: corpusFiltersSchema.optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.object({ groups: z.array(corpusGroupSchema), hitCount: z.number().int().nonnegative(), truncated: z.boolean(), notice: z.string().nullable() }),
  },
  /** What the filters offer: requisitions, candidates, stages and criterion titles that exist. */
  'search:facets': {
    input: z.undefined(),
    output: z.object({
      requisitions: z.array(z.object({ id, title: z.string() })),
      candidates: z.array(z.object({ id, name: z.string(), requisitionId: id.nullable() })),
      stages: z.array(z.string()),
      criteria: z.array(z.string()),
    }),
  },
} as const satisfies ChannelSpecs;

export type CorpusFilters = z.output<typeof corpusFiltersSchema>;
export type CorpusGroup = z.output<typeof corpusGroupSchema>;
export type CorpusHit = z.output<typeof corpusHitSchema>;
export type SearchFacets = z.output<(typeof searchChannels)['search:facets']['output']>;
