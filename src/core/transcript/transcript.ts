import { z } from 'zod';

/** Seconds from the start of the recording. */
const seconds = z.number().finite().nonnegative();

export const wordSchema = z.object({
  start: seconds,
  end: seconds,
  text: z.string(),
  /** Token probability from the engine, when known. */
  p: z.number().min(0).max(1).optional(),
});
export type Word = z.infer<typeof wordSchema>;

export const segmentSchema = z
  .object({
    start: seconds,
    end: seconds,
    speaker: z.string().nullable(),
    text: z.string(),
    words: z.array(wordSchema),
  })
  .refine((s) => s.end >= s.start, { message: 'segment ends before it starts' });
export type Segment = z.infer<typeof segmentSchema>;

export const transcriptSchema = z.object({
  durationSec: seconds,
  language: z.string().nullable().optional(),
  segments: z.array(segmentSchema),
});
export type Transcript = z.infer<typeof transcriptSchema>;
