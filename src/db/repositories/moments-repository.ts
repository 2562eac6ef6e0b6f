import { randomUUID } from 'node:crypto';
import { UserFacingError } from '../../core/errors.js';
import type { ProposedMoment } from '../../core/mapping/mapping-input.js';
import type { Polarity } from '../../core/mapping/polarity.js';
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
  /** Mapper proposals only: evidence for (`supports`) or against (`contradicts`) the candidate. */
  polarity: Polarity | null;
  author: string | null;
  createdAt: string;
}

async function sessionVersion(db: Database, sessionId: string): Promise<string | null> {
  return (await sessionFacts(db, sessionId)).versionId;
}

async function sessionFacts(db: Database, sessionId: string): Promise<{ versionId: string | null; durationSec: number | null }> {
  const session = await db.selectFrom('sessions').select(['rubric_version_id', 'duration_sec']).where('id', '=', sessionId).executeTakeFirst();
  if (!session) throw new UserFacingError(`The session ${sessionId} does not exist.`, 'session-not-found');
  return { versionId: session.rubric_version_id, durationSec: session.duration_sec };
}

/** A finished session has a length; a tag past it points at nothing. (While recording there is none yet.) */
function checkWithin(durationSec: number | null, atSec: number): void {
  if (durationSec !== null && atSec > durationSec + 0.5) {
    throw new UserFacingError(`${atSec.toFixed(1)} s is after the end of this interview (${durationSec.toFixed(1)} s).`, 'moment-out-of-range');
  }
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
  const { versionId, durationSec } = await sessionFacts(db, input.sessionId);
  checkWithin(durationSec, input.atSec);
  const criterion = input.criterionId === null ? null : await criterionRow(db, versionId, input.criterionId);
  if (criterion === null && !input.flagged) throw new UserFacingError('A tag needs a criterion, or it must be a flag.', 'invalid-tag');
  return insertManualMoment(db, {
    sessionId: input.sessionId,
    versionId,
    criterion,
    start: input.atSec,
    end: input.atSec,
    author: input.author ?? null,
    note: input.note?.trim() || null,
    quote: null,
    flagged: input.flagged === true,
  });
}

/** Text the reviewer selected in the transcript, made evidence for a criterion by hand: accepted at once. */
export async function addEvidence(
  db: Database,
  input: { sessionId: string; start: number; end: number; quote: string; criterionId: string; author?: string | null },
): Promise<Moment> {
  const { versionId, durationSec } = await sessionFacts(db, input.sessionId);
  checkWithin(durationSec, input.start);
  const criterion = await criterionRow(db, versionId, input.criterionId);
  return insertManualMoment(db, {
    sessionId: input.sessionId,
    versionId,
    criterion,
    start: input.start,
    end: Math.max(input.start, input.end),
    author: input.author ?? null,
    note: null,
    quote: input.quote.trim(),
    flagged: false,
  });
}

/** The interviewer's own moments are accepted as they are made: nobody needs to review them. */
async function insertManualMoment(
  db: Database,
  m: { sessionId: string; versionId: string | null; criterion: string | null; start: number; end: number; author: string | null; note: string | null; quote: string | null; flagged: boolean },
): Promise<Moment> {
  const id = randomUUID();
  await db
    .insertInto('moments')
    .values({
      id,
      session_id: m.sessionId,
      start_sec: m.start,
      end_sec: m.end,
      criterion_id: m.criterion,
      rubric_version_id: m.versionId,
      author: m.author,
      origin: 'manual',
      note: m.note,
      quote: m.quote,
      confidence: null,
      status: 'accepted',
      flagged: m.flagged ? 1 : 0,
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

/**
 * Moves, retargets or re-notes a moment. Retargeting a tag to no criterion makes it a flag.
 * Retargeting a mapper proposal means "the quote is right, the criterion is not": the proposal is
 * rejected for its criterion and accepted as evidence for the new one (a new moment, returned), so a
 * later mapping run proposes neither again.
 */
export async function updateMoment(
  db: Database,
  id: string,
  patch: { start?: number; end?: number; criterionId?: string | null; note?: string | null },
): Promise<Moment> {
  const current = await getMoment(db, id);
  const start = patch.start ?? current.start;
  // Moving the start alone keeps the span's length.
  const end = patch.end ?? (patch.start !== undefined ? start + (current.end - current.start) : current.end);
  if (end < start) throw new UserFacingError(`A moment cannot end (${end.toFixed(1)} s) before it starts (${start.toFixed(1)} s).`, 'invalid-moment-span');
  checkWithin((await sessionFacts(db, current.sessionId)).durationSec, start);
  const set: { start_sec: number; end_sec: number; note?: string | null; criterion_id?: string | null; flagged?: number } = { start_sec: start, end_sec: end };
  if (patch.note !== undefined) set.note = patch.note?.trim() || null;
  const retarget = patch.criterionId !== undefined && patch.criterionId !== current.criterionId;
  if (retarget && current.origin === 'auto') {
    if (patch.criterionId === null) throw new UserFacingError('A mapped moment needs a criterion: reject it instead.', 'invalid-moment-criterion');
    const criterion = await criterionRow(db, current.rubricVersionId, patch.criterionId!);
    const newId = randomUUID();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('moments').set({ status: 'rejected' }).where('id', '=', id).execute();
      const row = await trx.selectFrom('moments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await trx
        .insertInto('moments')
        .values({ ...row, ...set, id: newId, criterion_id: criterion, status: 'accepted', created_at: nowIso() })
        .execute();
    });
    return getMoment(db, newId);
  }
  if (retarget) {
    set.criterion_id = patch.criterionId === null ? null : await criterionRow(db, current.rubricVersionId, patch.criterionId!);
    set.flagged = patch.criterionId === null ? 1 : 0;
  }
  await db.updateTable('moments').set(set).where('id', '=', id).execute();
  return getMoment(db, id);
}

export async function deleteMoment(db: Database, id: string): Promise<void> {
  const result = await db.deleteFrom('moments').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new UserFacingError(`The moment ${id} does not exist.`, 'moment-not-found');
}

/** Accepts or rejects a moment; a mapper proposal can also go back to waiting for review (undo). */
export async function reviewMoment(db: Database, id: string, status: MomentStatus): Promise<Moment> {
  const current = await getMoment(db, id);
  if (status === 'proposed' && current.origin !== 'auto') throw new UserFacingError('Only a mapped moment can wait for review; delete the tag instead.', 'invalid-review');
  await db.updateTable('moments').set({ status }).where('id', '=', id).execute();
  return getMoment(db, id);
}

/**
 * Chooses the signed rubric version a session is tagged and mapped against. Once a tag or a mapped
 * moment points at the session's version it cannot change (flags made before a rubric was chosen
 * point at none and don't lock it).
 */
export async function setSessionRubric(db: Database, sessionId: string, versionId: string): Promise<void> {
  await sessionFacts(db, sessionId);
  const version = await db.selectFrom('rubric_versions').select(['id', 'signed_off_at', 'version']).where('id', '=', versionId).executeTakeFirst();
  if (!version) throw new UserFacingError(`The rubric version ${versionId} does not exist.`, 'rubric-version-not-found');
  if (!version.signed_off_at) throw new UserFacingError(`Version ${version.version} of this rubric is not signed off yet: interviews use a signed rubric.`, 'rubric-not-signed');
  const tagged = await db.selectFrom('moments').select('id').where('session_id', '=', sessionId).where('rubric_version_id', 'is not', null).where('rubric_version_id', '!=', versionId).limit(1).execute();
  if (tagged.length > 0) throw new UserFacingError('This session already has tags against another rubric version; its rubric cannot change.', 'session-rubric-locked');
  await db.updateTable('sessions').set({ rubric_version_id: versionId, updated_at: nowIso() }).where('id', '=', sessionId).execute();
}

/**
 * Stores a mapping run: earlier proposals still waiting for review are replaced; accepted and rejected
 * ones stay, and a proposal for a criterion whose span overlaps one the interviewer already decided on
 * for that criterion (even after moving it) is not proposed again.
 */
export async function storeProposals(db: Database, sessionId: string, proposals: readonly ProposedMoment[]): Promise<Moment[]> {
  const versionId = await sessionVersion(db, sessionId);
  if (!versionId) throw new UserFacingError('This session has no rubric: attach a signed rubric before mapping moments.', 'session-without-rubric');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('moments').where('session_id', '=', sessionId).where('origin', '=', 'auto').where('status', '=', 'proposed').execute();
    const decided = await trx.selectFrom('moments').select(['criterion_id', 'start_sec', 'end_sec']).where('session_id', '=', sessionId).where('origin', '=', 'auto').execute();
    for (const p of proposals) {
      const criterion = criterionRowId(versionId, p.criterionId);
      if (decided.some((d) => d.criterion_id === criterion && spansMeet(d.start_sec, d.end_sec, p.start, p.end))) continue;
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
          polarity: p.polarity ?? null,
          created_at: nowIso(),
        })
        .execute();
    }
  });
  return listMoments(db, sessionId);
}

/** Spans that share some time; a zero-length one meets what holds its instant (give or take 10 ms). */
function spansMeet(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  const overlap = Math.min(aEnd, bEnd) - Math.max(aStart, bStart);
  return aEnd > aStart && bEnd > bStart ? overlap > 0.01 : overlap > -0.01;
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
  polarity: Polarity | null;
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
    polarity: row.polarity,
    author: row.author,
    createdAt: row.created_at,
  };
}
