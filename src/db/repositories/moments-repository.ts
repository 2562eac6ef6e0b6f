import { randomUUID } from 'node:crypto';
import { UserFacingError } from '../../core/errors.js';
import type { ProposedMoment } from '../../core/mapping/mapping-input.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import type { MomentOrigin, MomentStatus } from '../schema.js';
import { criterionRowId } from './rubrics-repository.js';

/**
 * Moments: an interviewer's tags during the call (a criterion, or a flag to revisit) and the mapper's
 * proposals after it. Both point at the criteria rows of the rubric version the session was recorded
 * against; accepted moments are evidence.
 */

export interface Moment {
  id: string;
  sessionId: string;
  start: number;
  end: number;
  /** The core criterion id (stable across versions), or null for a flag. */
  criterionId: string | null;
  rubricVersionId: string | null;
  origin: MomentOrigin;
  status: MomentStatus;
  flagged: boolean;
  note: string | null;
  quote: string | null;
  confidence: number | null;
  reason: string | null;
  author: string | null;
  createdAt: string;
}

async function sessionVersion(db: Database, sessionId: string): Promise<string | null> {
  const session = await db.selectFrom('sessions').select(['rubric_version_id']).where('id', '=', sessionId).executeTakeFirst();
  if (!session) throw new UserFacingError(`The session ${sessionId} does not exist.`, 'session-not-found');
  return session.rubric_version_id;
}

async function criterionRow(db: Database, versionId: string | null, criterionId: string): Promise<string> {
  if (!versionId) throw new UserFacingError('This session has no rubric: choose a signed rubric to tag moments against a criterion.', 'session-without-rubric');
  const id = criterionRowId(versionId, criterionId);
  const row = await db.selectFrom('criteria').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new UserFacingError(`The rubric of this session has no criterion ${criterionId}.`, 'criterion-not-found');
  return id;
}

/** A tag at `atSec` (a criterion) or a flag (no criterion), made during or after the call. */
export async function addTag(
  db: Database,
  input: { sessionId: string; atSec: number; criterionId: string | null; flagged?: boolean; note?: string | null; author?: string | null },
): Promise<Moment> {
  const versionId = await sessionVersion(db, input.sessionId);
  const criterion = input.criterionId === null ? null : await criterionRow(db, versionId, input.criterionId);
  if (criterion === null && !input.flagged) throw new UserFacingError('A tag needs a criterion, or it must be a flag.', 'invalid-tag');
  const id = randomUUID();
  await db
    .insertInto('moments')
    .values({
      id,
      session_id: input.sessionId,
      start_sec: input.atSec,
      end_sec: input.atSec,
      criterion_id: criterion,
      rubric_version_id: versionId,
      author: input.author ?? null,
      origin: 'manual',
      note: input.note?.trim() || null,
      quote: null,
      confidence: null,
      status: 'accepted',
      flagged: input.flagged ? 1 : 0,
      reason: null,
      created_at: nowIso(),
    })
    .execute();
  return getMoment(db, id);
}

export async function getMoment(db: Database, id: string): Promise<Moment> {
  const row = await db.selectFrom('moments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new UserFacingError(`The moment ${id} does not exist.`, 'moment-not-found');
  return toMoment(row);
}

export async function listMoments(db: Database, sessionId: string): Promise<Moment[]> {
  const rows = await db.selectFrom('moments').selectAll().where('session_id', '=', sessionId).orderBy('start_sec').orderBy('created_at').execute();
  return rows.map(toMoment);
}

/** Moves, retargets or re-notes a moment. */
export async function updateMoment(
  db: Database,
  id: string,
  patch: { start?: number; end?: number; criterionId?: string | null; note?: string | null },
): Promise<Moment> {
  const current = await getMoment(db, id);
  const start = patch.start ?? current.start;
  const end = Math.max(start, patch.end ?? (patch.start !== undefined ? start + (current.end - current.start) : current.end));
  const set: Record<string, unknown> = { start_sec: start, end_sec: end };
  if (patch.note !== undefined) set.note = patch.note?.trim() || null;
  if (patch.criterionId !== undefined) {
    set.criterion_id = patch.criterionId === null ? null : await criterionRow(db, current.rubricVersionId, patch.criterionId);
    if (patch.criterionId !== null) set.flagged = 0;
  }
  await db.updateTable('moments').set(set).where('id', '=', id).execute();
  return getMoment(db, id);
}

export async function deleteMoment(db: Database, id: string): Promise<void> {
  const result = await db.deleteFrom('moments').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new UserFacingError(`The moment ${id} does not exist.`, 'moment-not-found');
}

export async function reviewMoment(db: Database, id: string, status: Extract<MomentStatus, 'accepted' | 'rejected'>): Promise<Moment> {
  await getMoment(db, id);
  await db.updateTable('moments').set({ status }).where('id', '=', id).execute();
  return getMoment(db, id);
}

/**
 * Stores a mapping run: earlier proposals still waiting for review are replaced; accepted and rejected
 * ones stay, and a proposal identical to one the interviewer already decided on is not proposed again.
 */
export async function storeProposals(db: Database, sessionId: string, proposals: readonly ProposedMoment[]): Promise<Moment[]> {
  const versionId = await sessionVersion(db, sessionId);
  if (!versionId) throw new UserFacingError('This session has no rubric: attach a signed rubric before mapping moments.', 'session-without-rubric');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('moments').where('session_id', '=', sessionId).where('origin', '=', 'auto').where('status', '=', 'proposed').execute();
    const decided = await trx.selectFrom('moments').select(['criterion_id', 'start_sec', 'end_sec']).where('session_id', '=', sessionId).where('origin', '=', 'auto').execute();
    const same = (a: number, b: number) => Math.abs(a - b) < 0.01;
    for (const p of proposals) {
      const criterion = criterionRowId(versionId, p.criterionId);
      if (decided.some((d) => d.criterion_id === criterion && same(d.start_sec, p.start) && same(d.end_sec, p.end))) continue;
      await trx
        .insertInto('moments')
        .values({
          id: randomUUID(),
          session_id: sessionId,
          start_sec: p.start,
          end_sec: p.end,
          criterion_id: criterion,
          rubric_version_id: versionId,
          author: null,
          origin: 'auto',
          note: null,
          quote: p.quote,
          confidence: Math.max(0, Math.min(1, p.confidence)),
          status: 'proposed',
          flagged: 0,
          reason: p.reasons.join(','),
          created_at: nowIso(),
        })
        .execute();
    }
  });
  return listMoments(db, sessionId);
}

function toMoment(row: {
  id: string;
  session_id: string;
  start_sec: number;
  end_sec: number;
  criterion_id: string | null;
  rubric_version_id: string | null;
  origin: MomentOrigin;
  status: MomentStatus;
  flagged: number;
  note: string | null;
  quote: string | null;
  confidence: number | null;
  reason: string | null;
  author: string | null;
  created_at: string;
}): Moment {
  return {
    id: row.id,
    sessionId: row.session_id,
    start: row.start_sec,
    end: row.end_sec,
    criterionId: row.criterion_id && row.rubric_version_id ? row.criterion_id.slice(row.rubric_version_id.length + 1) : null,
    rubricVersionId: row.rubric_version_id,
    origin: row.origin,
    status: row.status,
    flagged: row.flagged === 1,
    note: row.note,
    quote: row.quote,
    confidence: row.confidence,
    reason: row.reason,
    author: row.author,
    createdAt: row.created_at,
  };
}
