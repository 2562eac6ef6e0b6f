import { z } from 'zod';
import { id, noInput, type ChannelSpecs } from './primitives.js';

/** Settings → Privacy (retention), a candidate's export and erasure, and the audit trail. */

const days = z.number().int().min(0).max(36_500);
const retentionPolicy = z.object({ audioDays: days, transcriptDaysAfterClose: days });
const retentionOverride = z.object({ audioDays: days.nullable(), transcriptDaysAfterClose: days.nullable() });

export const auditEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.enum(['opened', 'exported', 'shared', 'amended', 'deleted']),
  subjectKind: z.string(),
  subjectId: z.string(),
  candidateId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const privacyChannels = {
  'privacy:getRetention': { input: noInput, output: retentionPolicy },
  /** A 0-day value fails with `retention-zero-needs-confirmation` unless `confirmed`. */
  'privacy:setRetention': {
    input: z.object({ policy: retentionPolicy, requisitionId: id.optional(), confirmed: z.boolean().optional() }).strict(),
    output: z.null(),
  },
  /** A requisition's own retention: null where it follows the default. */
  'privacy:getRetentionOverride': {
    input: z.object({ requisitionId: id }).strict(),
    output: z.object({ override: retentionOverride, defaults: retentionPolicy }),
  },
  'privacy:setRetentionOverride': {
    input: z.object({ requisitionId: id, override: retentionOverride, confirmed: z.boolean().optional() }).strict(),
    output: z.null(),
  },
  'privacy:runRetention': {
    input: z.object({ dryRun: z.boolean() }).strict(),
    output: z.object({
      items: z.array(z.object({ sessionId: z.string(), title: z.string(), audio: z.boolean(), transcript: z.boolean() })),
      audioFilesRemoved: z.number(),
      segmentsRemoved: z.number(),
    }),
  },
  'privacy:exportCandidate': {
    input: z.object({ candidateId: id, path: z.string().trim().min(1, 'the file path is empty').max(4096) }).strict(),
    output: z.object({ sessions: z.number(), audioFiles: z.number() }),
  },
  'privacy:eraseCandidate': {
    input: z.object({ candidateId: id }).strict(),
    output: z.object({ receiptId: z.string(), candidateHash: z.string(), erasedAt: z.string(), server: z.string(), removed: z.record(z.string(), z.number()) }),
  },
  'privacy:audit': { input: z.object({ candidateId: id.optional() }).strict(), output: z.array(auditEventSchema) },
} as const satisfies ChannelSpecs;
