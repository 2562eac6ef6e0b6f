import { z } from 'zod';
import { UUID_V7 } from './uuid-v7-pattern.js';

/**
 * What may leave the laptop: structure only. Audio, tracks and transcript segments are not here,
 * and a change for any other entity is refused by the schema itself.
 */
export const SYNCED_ENTITIES = [
  'requisition',
  'rubric',
  'rubric_version',
  'criterion',
  'interview_plan',
  'candidate',
  'scorecard_version',
  'debrief_decision',
  'erasure',
] as const;
export type SyncedEntity = (typeof SYNCED_ENTITIES)[number];

/** Entities whose rows never change once written: a second write with other content is refused. */
export const IMMUTABLE_ENTITIES: ReadonlySet<SyncedEntity> = new Set(['scorecard_version', 'debrief_decision', 'erasure']);

export const syncChangeSchema = z
  .object({
    /** Client-made UUIDv7: a retried push carries the same id and is applied once. */
    id: z.string().regex(UUID_V7, 'change id must be a UUIDv7'),
    /** Hybrid logical clock of the device that made it. */
    hlc: z.string().max(96),
    entity: z.enum(SYNCED_ENTITIES),
    entityId: z.string().min(1).max(128),
    op: z.enum(['upsert', 'delete']),
    /** The row version this change was made on top of (0 for a new row): a stale one is a conflict. */
    baseVersion: z.number().int().min(0),
    /** The row as JSON; null for deletes. Unknown fields are kept, not dropped (newer clients). */
    payload: z.record(z.string(), z.unknown()).nullable(),
  })
  .refine((c) => (c.op === 'delete') === (c.payload === null), { message: 'a delete has no payload and an upsert has one' });
export type SyncChange = z.infer<typeof syncChangeSchema>;
