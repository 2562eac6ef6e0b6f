import { z } from 'zod';

/** Building blocks every channel file shares; zod only, like the contract itself. */

export const id = z.string().min(1).max(200);
export const seconds = z.number().finite().nonnegative();
export const shortText = z.string().max(1000);

export const wordSchema = z.object({
  start: seconds,
  end: seconds,
  text: z.string(),
  p: z.number().min(0).max(1).optional(),
});

export const sessionKindSchema = z.enum(['intake', 'interview']);

/** Channels that take no argument are called with nothing (`undefined`). */
export const noInput = z.undefined();

/** A group of channels: `area:action` → input and output schemas. */
export type ChannelSpecs = Record<`${string}:${string}`, { input: z.ZodType; output: z.ZodType }>;
