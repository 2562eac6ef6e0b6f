import { UserFacingError } from '../../core/errors.js';
import {
  DEFAULT_RETENTION,
  effectivePolicy,
  needsZeroDayConfirmation,
  RETENTION_SETTING,
  retentionDue,
  retentionPolicySchema,
  type RetentionOverride,
  type RetentionPolicy,
} from '../../core/privacy/retention-policy.js';
import { nowIso } from '../clock.js';
import { scrubDeletedData } from '../maintenance.js';
import type { Database } from '../open-database.js';
import { recordAudit } from '../repositories/audit-repository.js';
import { getSetting, setSetting } from '../repositories/settings-repository.js';
import { removeSessionAudio } from './session-audio.js';

export const RETENTION_ACTOR = 'retention policy';

export async function getRetentionPolicy(db: Database): Promise<RetentionPolicy> {
  return (await getSetting(db, RETENTION_SETTING, retentionPolicySchema)) ?? DEFAULT_RETENTION;
}

/** Stores the policy; a 0-day value needs `confirmed` (the user saw what it deletes). */
export async function setRetentionPolicy(db: Database, policy: RetentionPolicy, options: { confirmed?: boolean; actor: string }): Promise<void> {
  confirmZeroDays(policy, options.confirmed);
  await setSetting(db, RETENTION_SETTING, retentionPolicySchema, policy);
  await recordAudit(db, { actor: options.actor, action: 'amended', subjectKind: 'retention-policy', subjectId: 'default', details: { ...policy } });
}

export async function setRetentionOverride(
  db: Database,
  requisitionId: string,
  override: RetentionOverride,
  options: { confirmed?: boolean; actor: string },
): Promise<void> {
  confirmZeroDays(override, options.confirmed);
  const row = { audio_days: override.audioDays, transcript_days_after_close: override.transcriptDaysAfterClose, updated_at: nowIso() };
  await db
    .insertInto('retention_overrides')
    .values({ requisition_id: requisitionId, ...row })
    .onConflict((oc) => oc.column('requisition_id').doUpdateSet(row))
    .execute();
  await recordAudit(db, { actor: options.actor, action: 'amended', subjectKind: 'retention-policy', subjectId: requisitionId, details: { ...override } });
}

/** A requisition's own retention; nulls follow the default policy. */
export async function getRetentionOverride(db: Database, requisitionId: string): Promise<RetentionOverride> {
  const row = await db
    .selectFrom('retention_overrides')
    .select(['audio_days', 'transcript_days_after_close'])
    .where('requisition_id', '=', requisitionId)
    .executeTakeFirst();
  return { audioDays: row?.audio_days ?? null, transcriptDaysAfterClose: row?.transcript_days_after_close ?? null };
}

function confirmZeroDays(policy: Partial<RetentionPolicy | RetentionOverride>, confirmed: boolean | undefined): void {
  const question = needsZeroDayConfirmation(policy);
  if (question && !confirmed) throw new UserFacingError(question, 'retention-zero-needs-confirmation');
}

export interface RetentionItem {
  sessionId: string;
  title: string;
  candidateId: string | null;
  audio: boolean;
  transcript: boolean;
  audioExpiresAt: string;
  transcriptExpiresAt: string | null;
}

export interface RetentionReport {
  dryRun: boolean;
  ranAt: string;
  items: RetentionItem[];
  audioFilesRemoved: number;
  segmentsRemoved: number;
  momentsRemoved: number;
  /** Quotes a submitted scorecard cites, kept with their moment. */
  evidenceKept: number;
}

/**
 * Deletes what the retention policy says has expired: audio files (securely unlinked), transcripts
 * (segments and their search entries, and the moments no submitted scorecard cites), recording
 * what it removed on the session and in the audit trail. `dryRun` only lists it.
 */
export async function runRetention(db: Database, options: { home: string; dryRun?: boolean; now?: Date }): Promise<RetentionReport> {
  const now = options.now ?? new Date();
  const policy = await getRetentionPolicy(db);
  const overrides = new Map(
    (await db.selectFrom('retention_overrides').selectAll().execute()).map((o) => [
      o.requisition_id,
      { audioDays: o.audio_days, transcriptDaysAfterClose: o.transcript_days_after_close },
    ]),
  );
  const sessions = await db
    .selectFrom('sessions')
    .leftJoin('requisitions', 'requisitions.id', 'sessions.requisition_id')
    .select((eb) => [
      'sessions.id',
      'sessions.title',
      'sessions.candidate_id',
      'sessions.requisition_id',
      'sessions.started_at',
      'sessions.created_at',
      'sessions.audio_deleted_at',
      'sessions.transcript_deleted_at',
      'requisitions.status as requisition_status',
      // Requisitions keep no closing date of their own; their last change is when they closed.
      'requisitions.updated_at as requisition_updated_at',
      eb.exists(eb.selectFrom('tracks').select('tracks.id').whereRef('tracks.session_id', '=', 'sessions.id').where('tracks.path', 'is not', null)).as('has_audio'),
      eb
        .exists(eb.selectFrom('transcript_segments').select('transcript_segments.id').whereRef('transcript_segments.session_id', '=', 'sessions.id'))
        .as('has_transcript'),
    ])
    .where('sessions.status', '!=', 'recording')
    .orderBy('sessions.created_at')
    .execute();

  const items: RetentionItem[] = [];
  for (const s of sessions) {
    const closed = s.requisition_status === 'closed' || s.requisition_status === 'filled';
    const due = retentionDue(
      {
        interviewAt: s.started_at ?? s.created_at,
        requisitionClosedAt: closed ? s.requisition_updated_at : null,
        hasAudio: Boolean(s.has_audio) && s.audio_deleted_at === null,
        hasTranscript: Boolean(s.has_transcript),
      },
      effectivePolicy(policy, s.requisition_id ? overrides.get(s.requisition_id) : undefined),
      now,
    );
    if (due.audio || due.transcript) items.push({ sessionId: s.id, title: s.title, candidateId: s.candidate_id, ...due });
  }

  const report: RetentionReport = { dryRun: Boolean(options.dryRun), ranAt: now.toISOString(), items, audioFilesRemoved: 0, segmentsRemoved: 0, momentsRemoved: 0, evidenceKept: 0 };
  if (options.dryRun || items.length === 0) return report;

  for (const item of items) {
    const removed = { audioFiles: 0, segments: 0, moments: 0, evidenceKept: 0 };
    if (item.audio) {
      removed.audioFiles = (await removeSessionAudio(db, options.home, [item.sessionId])).files;
      await db.updateTable('tracks').set({ path: null }).where('session_id', '=', item.sessionId).execute();
      await db.updateTable('sessions').set({ audio_deleted_at: nowIso() }).where('id', '=', item.sessionId).execute();
    }
    if (item.transcript) Object.assign(removed, await removeTranscript(db, item.sessionId));
    report.audioFilesRemoved += removed.audioFiles;
    report.segmentsRemoved += removed.segments;
    report.momentsRemoved += removed.moments;
    report.evidenceKept += removed.evidenceKept;
    await recordAudit(db, {
      actor: RETENTION_ACTOR,
      action: 'deleted',
      subjectKind: item.audio && item.transcript ? 'audio-and-transcript' : item.audio ? 'audio' : 'transcript',
      subjectId: item.sessionId,
      candidateId: item.candidateId,
      details: removed,
    });
  }
  await scrubDeletedData(db);
  return report;
}

/** The transcript goes; moments cited by a submitted scorecard stay (the scorecard is the record). */
async function removeTranscript(db: Database, sessionId: string): Promise<{ segments: number; moments: number; evidenceKept: number }> {
  return db.transaction().execute(async (trx) => {
    const cited = trx
      .selectFrom('rating_evidence')
      .innerJoin('scorecard_ratings', 'scorecard_ratings.id', 'rating_evidence.rating_id')
      .innerJoin('scorecards', 'scorecards.id', 'scorecard_ratings.scorecard_id')
      .select('rating_evidence.moment_id')
      .where('scorecards.submitted_at', 'is not', null);
    const segments = await trx.deleteFrom('transcript_segments').where('session_id', '=', sessionId).executeTakeFirst();
    const moments = await trx.deleteFrom('moments').where('session_id', '=', sessionId).where('id', 'not in', cited).executeTakeFirst();
    const kept = await trx
      .selectFrom('moments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    await trx.updateTable('sessions').set({ transcript_deleted_at: nowIso() }).where('id', '=', sessionId).execute();
    return { segments: Number(segments.numDeletedRows), moments: Number(moments.numDeletedRows), evidenceKept: Number(kept.n) };
  });
}
