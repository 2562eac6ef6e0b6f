import { z } from 'zod';
import type { SyncChange, SyncedEntity } from './sync-change.js';

/**
 * What the team server reads from a change's payload to decide who may see and write it. Everything
 * else in a payload is opaque to the server and kept as sent.
 *
 * - Every payload except a requisition's carries `requisitionId` (a requisition is its own scope).
 * - Scorecard versions and debrief decisions also carry `candidateId`: the "only after submitting
 *   their own" rule is per candidate.
 * - A rubric version signed off carries `signedOffBy`: the server user id of the hiring manager. The
 *   server accepts it only from that user's own session or device, and records the content hash.
 * Deletes carry no payload: their scope is the row the server already has.
 */
export const SIGN_OFF_FIELDS = ['signedOffBy', 'signedOffAt', 'contentHash'] as const;

/**
 * What a laptop's own store says of a sign-off (its rubric_versions columns): who, as typed or as the
 * laptop's team identity, and when. A shared folder takes them as they are (its access control is the
 * folder's permissions); the team server drops them from every rubric version it takes, so no laptop
 * can show a version as signed by someone who did not sign it there.
 */
export const LAPTOP_SIGN_OFF_FIELDS = ['signed_off_by', 'signed_off_at'] as const;

/** Whether a synced rubric version is signed: by the team server's record, or by a laptop's own (folder mode, or its own outbox). */
export function isSignedPayload(payload: Readonly<Record<string, unknown>> | null | undefined): boolean {
  return Boolean(payload?.['signedOffAt'] || payload?.['signed_off_at']);
}

const id = z.string().min(1).max(128);

export const syncScopeSchema = z.object({
  requisitionId: id,
  candidateId: id.nullable(),
  signedOffBy: id.nullable(),
});
export type SyncScope = z.infer<typeof syncScopeSchema>;

const CANDIDATE_SCOPED: ReadonlySet<SyncedEntity> = new Set(['scorecard_version', 'debrief_decision']);

/** The scope of an upsert, or a plain-words reason it has none. */
export function scopeOfUpsert(change: SyncChange): { scope: SyncScope } | { problem: string } {
  const payload = change.payload ?? {};
  const requisitionId = change.entity === 'requisition' ? change.entityId : payload.requisitionId;
  const candidateId = CANDIDATE_SCOPED.has(change.entity) ? payload.candidateId : null;
  const signedOffBy = change.entity === 'rubric_version' ? (payload.signedOffBy ?? null) : null;
  const parsed = syncScopeSchema.safeParse({ requisitionId, candidateId, signedOffBy });
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? 'payload';
    return { problem: `a ${change.entity.replace(/_/g, ' ')} change needs "${field}" in its payload (a non-empty id)` };
  }
  return { scope: parsed.data };
}

/** Whether an entity's rows are per candidate (and so fall under the "after submitting their own" rule). */
export function isCandidateScoped(entity: SyncedEntity): boolean {
  return CANDIDATE_SCOPED.has(entity);
}
