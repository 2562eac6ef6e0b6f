import { z } from 'zod';
import { syncChangeSchema } from './sync-change.js';

/**
 * The wire between a laptop (or a shared folder's reader) and the team server. Push sends a batch of
 * changes applied in one transaction; pull asks for what this user may see since a team sequence
 * number. The same change shape goes into shared-folder segment files.
 */
export const MAX_PUSH_CHANGES = 500;

export const pushRequestSchema = z.object({
  /** The device's schema version: a server newer than the client parks fields it does not know. */
  schemaVersion: z.number().int().min(1),
  changes: z.array(syncChangeSchema).min(1).max(MAX_PUSH_CHANGES),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const changeOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.literal('applied'), seq: z.number().int(), version: z.number().int() }),
  /** Already applied earlier (a retry): nothing changed. */
  z.object({ id: z.string(), status: z.literal('duplicate'), seq: z.number().int() }),
  /** Made on a stale row version: the server's current row comes back so the person can choose. */
  z.object({ id: z.string(), status: z.literal('conflict'), current: z.record(z.string(), z.unknown()).nullable(), version: z.number().int() }),
  z.object({ id: z.string(), status: z.literal('refused'), reason: z.string() }),
]);
export type ChangeOutcome = z.infer<typeof changeOutcomeSchema>;

export const pushResponseSchema = z.object({ outcomes: z.array(changeOutcomeSchema) });
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullRequestSchema = z.object({
  since: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000).default(500),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const pulledChangeSchema = z.object({
  seq: z.number().int(),
  version: z.number().int(),
  change: syncChangeSchema,
});

export const pullResponseSchema = z.object({
  changes: z.array(pulledChangeSchema),
  /** Pass as `since` next time; equal to the request's when nothing new is visible. */
  next: z.number().int(),
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
