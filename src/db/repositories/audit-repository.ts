import { z } from 'zod';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import type { AuditAction } from '../schema.js';

/**
 * The append-only audit trail. Callers give ids and counts; the details are checked to hold only
 * numbers, booleans, ids and short labels, so transcript text can never slip into the log.
 */

const detailValue = z.union([z.number(), z.boolean(), z.null(), z.string().max(120)]);
const detailsSchema = z.record(z.string(), z.union([detailValue, z.array(detailValue).max(1000)]));

export interface NewAuditEvent {
  actor: string;
  action: AuditAction;
  /** What was touched: 'candidate', 'session', 'audio', 'transcript', 'scorecard', 'store', … */
  subjectKind: string;
  subjectId: string;
  candidateId?: string | null;
  details?: z.input<typeof detailsSchema>;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: AuditAction;
  subjectKind: string;
  subjectId: string;
  candidateId: string | null;
  details: Record<string, unknown>;
}

export async function recordAudit(db: Database, event: NewAuditEvent): Promise<void> {
  const details = detailsSchema.parse(event.details ?? {});
  await db
    .insertInto('audit_events')
    .values({
      at: nowIso(),
      actor: event.actor,
      action: event.action,
      subject_kind: event.subjectKind,
      subject_id: event.subjectId,
      candidate_id: event.candidateId ?? null,
      details: JSON.stringify(details),
    })
    .execute();
}

/** Oldest first; only one candidate's when `candidateId` is given. */
export async function listAudit(db: Database, filter: { candidateId?: string } = {}): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll().orderBy('seq');
  if (filter.candidateId) query = query.where('candidate_id', '=', filter.candidateId);
  const rows = await query.execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    candidateId: r.candidate_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

/** "Opened" is recorded for a candidate's sessions only: that is whose data the trail is about. */
export async function recordSessionOpened(db: Database, sessionId: string, actor: string): Promise<void> {
  const row = await db.selectFrom('sessions').select('candidate_id').where('id', '=', sessionId).executeTakeFirst();
  if (!row?.candidate_id) return;
  await recordAudit(db, { actor, action: 'opened', subjectKind: 'session', subjectId: sessionId, candidateId: row.candidate_id });
}
