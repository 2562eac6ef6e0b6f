import { randomUUID } from 'node:crypto';
import { UserFacingError } from '../../core/errors.js';
import { draftScorecard, type DraftRating } from '../../core/scorecard/draft-scorecard.js';
import {
  numberByKind,
  type EvidenceQuote,
  type RatingChoice,
  type Recommendation,
  type ScorecardCriterion,
  type ScorecardVersion,
  type SubmittedScorecard,
} from '../../core/scorecard/scorecard.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import { recordChange } from '../sync/record-change.js';
import { listMoments } from './moments-repository.js';
import { criterionRowId, getRubricVersion } from './rubrics-repository.js';

/**
 * Scorecards: a draft computed from the interview's accepted evidence (never stored), and submitted
 * scorecards as chains of immutable versions (migration 0006). Submitting writes version 1; an
 * amendment writes the next version with its reason. No function here updates or deletes a version.
 */

export interface ScorecardDraft {
  sessionId: string;
  sessionTitle: string;
  interviewer: string;
  rubricVersionId: string;
  rubricTitle: string;
  rubricVersion: number;
  criteria: ScorecardCriterion[];
  ratings: DraftRating[];
  /** The submitted scorecard of this interviewer for this interview, if there is one. */
  submittedId: string | null;
}

export interface RatingInput {
  criterionId: string;
  rating: RatingChoice;
  note?: string | null;
  momentIds: readonly string[];
}

export interface SubmissionInput {
  sessionId: string;
  interviewer: string;
  /** The version the interviewer reviewed against: refused if the interview's rubric changed since. */
  rubricVersionId: string;
  recommendation: Recommendation;
  summary?: string | null;
  ratings: readonly RatingInput[];
}

async function interviewFacts(db: Database, sessionId: string) {
  const session = await db.selectFrom('sessions').select(['id', 'title', 'kind', 'status', 'rubric_version_id']).where('id', '=', sessionId).executeTakeFirst();
  if (!session) throw new UserFacingError(`The interview ${sessionId} does not exist.`, 'session-not-found');
  if (!session.rubric_version_id) throw new UserFacingError('This interview has no rubric yet: attach the signed rubric before scoring it.', 'session-without-rubric');
  const record = await getRubricVersion(db, session.rubric_version_id);
  const criteria = numberByKind(record.rubric.criteria).map((c) => ({ id: c.id, kind: c.kind, title: c.title, goodLooksLike: c.goodLooksLike, kindNumber: c.kindNumber }));
  return { session, versionId: session.rubric_version_id, record, criteria };
}

async function findScorecardId(db: Database, sessionId: string, interviewer: string): Promise<string | null> {
  const row = await db.selectFrom('scorecards').select('id').where('session_id', '=', sessionId).where('interviewer', '=', interviewer).executeTakeFirst();
  return row?.id ?? null;
}

/** The rubric version an interview is scored against, or null before one is attached. */
export async function sessionRubricVersionId(db: Database, sessionId: string): Promise<string | null> {
  const row = await db.selectFrom('sessions').select('rubric_version_id').where('id', '=', sessionId).executeTakeFirst();
  return row?.rubric_version_id ?? null;
}

export async function getScorecardDraft(db: Database, sessionId: string, interviewer: string): Promise<ScorecardDraft> {
  const { session, versionId, record, criteria } = await interviewFacts(db, sessionId);
  const accepted = (await listMoments(db, sessionId)).filter((m) => m.status === 'accepted' && m.criterionId !== null);
  return {
    sessionId,
    sessionTitle: session.title,
    interviewer,
    rubricVersionId: versionId,
    rubricTitle: record.rubric.requisitionTitle,
    rubricVersion: record.rubric.version,
    criteria,
    ratings: draftScorecard(criteria, accepted, interviewer),
    submittedId: await findScorecardId(db, sessionId, interviewer),
  };
}

/** Checks a submission against the interview as it is now and copies its evidence; throws before anything is written. */
async function checkedSubmission(db: Database, input: SubmissionInput) {
  const { versionId, record, criteria } = await interviewFacts(db, input.sessionId);
  if (versionId !== input.rubricVersionId) {
    throw new UserFacingError(
      `The rubric of this interview was replaced (it now uses ${record.rubric.requisitionTitle} v${record.rubric.version}) while you were reviewing. Reopen the scorecard to rate against it; nothing was saved.`,
      'rubric-replaced',
    );
  }
  const known = new Map(criteria.map((c) => [c.id, c]));
  const moments = new Map((await listMoments(db, input.sessionId)).map((m) => [m.id, m]));
  const seen = new Set<string>();
  const ratings = input.ratings.map((r) => {
    const criterion = known.get(r.criterionId);
    if (!criterion) throw new UserFacingError(`A rating is for a criterion that is not in ${record.rubric.requisitionTitle} v${record.rubric.version}; nothing was saved.`, 'criterion-not-in-version');
    if (seen.has(r.criterionId)) throw new UserFacingError(`“${criterion.title}” is rated twice; nothing was saved.`, 'duplicate-rating');
    seen.add(r.criterionId);
    if (r.rating === 'no_evidence' && r.momentIds.length > 0) {
      throw new UserFacingError(`“${criterion.title}” is marked no evidence but cites evidence: rate it, or unlink the evidence.`, 'evidence-on-no-evidence');
    }
    const evidence: EvidenceQuote[] = r.momentIds.map((id) => {
      const m = moments.get(id);
      if (!m || m.status !== 'accepted' || m.criterionId !== r.criterionId) {
        throw new UserFacingError(`The evidence cited for “${criterion.title}” is not an accepted moment of this interview for that criterion; nothing was saved.`, 'evidence-not-accepted');
      }
      return { momentId: m.id, sessionId: m.sessionId, start: m.start, end: m.end, quote: m.quote ?? m.note };
    });
    return { criterion, rating: r.rating, note: r.note?.trim() || null, evidence };
  });
  const missing = criteria.filter((c) => !seen.has(c.id));
  if (missing.length > 0) {
    throw new UserFacingError(`Rate every criterion before submitting (or mark it no evidence): ${missing.map((c) => `“${c.title}”`).join(', ')}.`, 'criteria-unrated');
  }
  const draft = draftScorecard(criteria, [...moments.values()].filter((m) => m.status === 'accepted' && m.criterionId !== null), input.interviewer);
  return { versionId, ratings: ratings.map((r) => ({ ...r, proposal: draft.find((d) => d.criterionId === r.criterion.id)?.proposal ?? null })) };
}

async function writeVersion(
  db: Database,
  scorecardId: string,
  version: number,
  input: SubmissionInput,
  checked: Awaited<ReturnType<typeof checkedSubmission>>,
  amendmentReason: string | null,
  now: string,
): Promise<void> {
  const versionRowId = randomUUID();
  await db
    .insertInto('scorecard_versions')
    .values({
      id: versionRowId,
      scorecard_id: scorecardId,
      version,
      rubric_version_id: checked.versionId,
      overall_recommendation: input.recommendation,
      summary: input.summary?.trim() || null,
      amendment_reason: amendmentReason,
      submitted_by: input.interviewer,
      submitted_at: now,
    })
    .execute();
  for (const [position, r] of checked.ratings.entries()) {
    const ratingId = randomUUID();
    await db
      .insertInto('scorecard_version_ratings')
      .values({
        id: ratingId,
        scorecard_version_id: versionRowId,
        criterion_id: criterionRowId(checked.versionId, r.criterion.id),
        position,
        rating: r.rating,
        note: r.note,
        proposed_rating: r.proposal?.rating ?? null,
        proposal_reason: r.proposal?.reason ?? null,
      })
      .execute();
    for (const [i, e] of r.evidence.entries()) {
      await db
        .insertInto('scorecard_version_evidence')
        .values({ rating_id: ratingId, position: i, moment_id: e.momentId, session_id: e.sessionId, start_sec: e.start, end_sec: e.end, quote: e.quote })
        .execute();
    }
  }
  await recordChange(db, { entity: 'scorecard_version', entityId: versionRowId });
}

/** Submits version 1. A second submission by the same interviewer for the same interview is an amendment. */
export async function submitScorecard(db: Database, input: SubmissionInput): Promise<SubmittedScorecard> {
  const checked = await checkedSubmission(db, input);
  if (await findScorecardId(db, input.sessionId, input.interviewer)) {
    throw new UserFacingError(`${input.interviewer} already submitted a scorecard for this interview: amend it, with a reason.`, 'scorecard-already-submitted');
  }
  const id = randomUUID();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('scorecards')
      .values({ id, session_id: input.sessionId, interviewer: input.interviewer, rubric_version_id: checked.versionId, overall_recommendation: null, submitted_at: now, created_at: now, updated_at: now })
      .execute();
    await writeVersion(trx, id, 1, input, checked, null, now);
  });
  return getScorecard(db, id);
}

/** Adds the next version of a submitted scorecard; earlier versions stay exactly as they were. */
export async function amendScorecard(db: Database, scorecardId: string, input: Omit<SubmissionInput, 'sessionId' | 'interviewer'>, reason: string): Promise<SubmittedScorecard> {
  const why = reason.trim();
  if (!why) throw new UserFacingError('Say why you are amending this scorecard; the reason is kept in its history. Nothing was saved.', 'amendment-without-reason');
  const head = await db.selectFrom('scorecards').select(['session_id', 'interviewer']).where('id', '=', scorecardId).executeTakeFirst();
  if (!head) throw new UserFacingError(`The scorecard ${scorecardId} does not exist.`, 'scorecard-not-found');
  const full = { ...input, sessionId: head.session_id, interviewer: head.interviewer };
  const checked = await checkedSubmission(db, full);
  await db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('scorecard_versions').select((eb) => eb.fn.max('version').as('v')).where('scorecard_id', '=', scorecardId).executeTakeFirstOrThrow();
    await writeVersion(trx, scorecardId, Number(last.v) + 1, full, checked, why, nowIso());
  });
  return getScorecard(db, scorecardId);
}

export async function getScorecard(db: Database, id: string): Promise<SubmittedScorecard> {
  const head = await db
    .selectFrom('scorecards')
    .innerJoin('sessions', 'sessions.id', 'scorecards.session_id')
    .leftJoin('candidates', 'candidates.id', 'sessions.candidate_id')
    .select([
      'scorecards.id',
      'scorecards.session_id',
      'scorecards.interviewer',
      'scorecards.rubric_version_id',
      'sessions.title',
      'sessions.started_at',
      'sessions.created_at',
      'sessions.stage',
      'candidates.id as candidate_id',
      'candidates.name as candidate_name',
    ])
    .where('scorecards.id', '=', id)
    .executeTakeFirst();
  if (!head) {
    const session = await db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst();
    if (session) throw new UserFacingError('The scorecard of this interview is still a draft: submit it before exporting it.', 'scorecard-is-draft');
    throw new UserFacingError(`No submitted scorecard has the id ${id}. A draft can't be exported: submit it first.`, 'scorecard-not-found');
  }
  const record = await getRubricVersion(db, head.rubric_version_id);
  const criteria = new Map(
    numberByKind(record.rubric.criteria).map((c) => [criterionRowId(head.rubric_version_id, c.id), { id: c.id, kind: c.kind, title: c.title, goodLooksLike: c.goodLooksLike, kindNumber: c.kindNumber }]),
  );
  const versions = await db.selectFrom('scorecard_versions').selectAll().where('scorecard_id', '=', id).orderBy('version', 'desc').execute();
  const ratingRows = await db
    .selectFrom('scorecard_version_ratings')
    .selectAll()
    .where('scorecard_version_id', 'in', versions.length ? versions.map((v) => v.id) : [''])
    .orderBy('position')
    .execute();
  const evidenceRows = await db
    .selectFrom('scorecard_version_evidence')
    .selectAll()
    .where('rating_id', 'in', ratingRows.length ? ratingRows.map((r) => r.id) : [''])
    .orderBy('position')
    .execute();
  const toVersion = (v: (typeof versions)[number]): ScorecardVersion => ({
    version: v.version,
    recommendation: v.overall_recommendation,
    summary: v.summary,
    amendmentReason: v.amendment_reason,
    submittedBy: v.submitted_by,
    submittedAt: v.submitted_at,
    rubricVersionId: v.rubric_version_id,
    ratings: ratingRows
      .filter((r) => r.scorecard_version_id === v.id)
      .map((r) => ({
        criterion: criteria.get(r.criterion_id)!,
        rating: r.rating,
        note: r.note,
        proposedRating: r.proposed_rating,
        proposalReason: r.proposal_reason,
        evidence: evidenceRows
          .filter((e) => e.rating_id === r.id)
          .map((e) => ({ momentId: e.moment_id, sessionId: e.session_id, start: e.start_sec, end: e.end_sec, quote: e.quote })),
      })),
  });
  return {
    id: head.id,
    sessionId: head.session_id,
    sessionTitle: head.title,
    interviewedAt: head.started_at ?? head.created_at,
    stage: head.stage,
    candidate: head.candidate_id && head.candidate_name ? { id: head.candidate_id, name: head.candidate_name } : null,
    requisitionTitle: record.rubric.requisitionTitle,
    rubricVersion: record.rubric.version,
    interviewer: head.interviewer,
    versions: versions.map(toVersion),
  };
}

/** Submitted scorecards, newest first; with a candidate, only that candidate's interviews. */
export async function listScorecards(db: Database, opts: { candidateId?: string; sessionId?: string } = {}): Promise<SubmittedScorecard[]> {
  let query = db.selectFrom('scorecards').innerJoin('sessions', 'sessions.id', 'scorecards.session_id').select('scorecards.id').orderBy('scorecards.submitted_at', 'desc');
  if (opts.candidateId) query = query.where('sessions.candidate_id', '=', opts.candidateId);
  if (opts.sessionId) query = query.where('scorecards.session_id', '=', opts.sessionId);
  const rows = await query.execute();
  return Promise.all(rows.map((r) => getScorecard(db, r.id)));
}

