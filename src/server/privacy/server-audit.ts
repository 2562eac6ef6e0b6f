import { uuidV7 } from '../../core/sync/uuid-v7.js';
import type { ServerTransaction } from '../db/server-database.js';
import type { AuditAction } from '../db/server-schema.js';
import type { Caller } from '../http/handler.js';

/**
 * The server's audit trail: one append-only row per thing a person did to hiring data through the
 * server. Subjects are ids (a candidate only as the hash of their id, so the trail outlives an
 * erasure without naming anyone); details are counts and versions, never content.
 */
export interface ServerAuditEvent {
  action: AuditAction;
  subjectKind: string;
  subjectId: string;
  requisitionId?: string | null;
  candidateHash?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

export async function recordServerAudit(trx: ServerTransaction, caller: Caller, events: readonly ServerAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await trx
    .insertInto('audit_events')
    .values(auditRows(caller, events).map((r) => ({ ...r, details: r.details ? JSON.stringify(r.details) : null })))
    .execute();
}

/** The audit_events rows for `events` (details as an object). */
export function auditRows(caller: Caller, events: readonly ServerAuditEvent[]) {
  return events.map((e) => ({
    team_id: caller.teamId,
    id: uuidV7(),
    actor_id: caller.user.id,
    device_id: caller.deviceId,
    action: e.action,
    subject_kind: e.subjectKind,
    subject_id: e.subjectId,
    requisition_id: e.requisitionId ?? null,
    candidate_hash: e.candidateHash ?? null,
    details: e.details ?? null,
  }));
}
