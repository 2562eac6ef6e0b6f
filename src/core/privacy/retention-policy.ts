import { z } from 'zod';

/**
 * How long recordings are kept (Settings → Privacy, overridable per requisition). Audio goes N days
 * after the interview; transcripts M days after the requisition closes (never while it is open);
 * scorecards and debriefs stay until deleted.
 */

const days = z.number().int('a whole number of days').min(0, 'cannot be negative').max(36_500, 'at most 100 years');

export const retentionPolicySchema = z.object({
  audioDays: days,
  transcriptDaysAfterClose: days,
});
export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;

export const DEFAULT_RETENTION: RetentionPolicy = { audioDays: 30, transcriptDaysAfterClose: 90 };
export const RETENTION_SETTING = 'privacy.retention';

export interface RetentionOverride {
  audioDays: number | null;
  transcriptDaysAfterClose: number | null;
}

export interface RetainedSession {
  /** When the interview took place (started, else stored). */
  interviewAt: string;
  /** When its requisition closed or was filled; null while open or without one. */
  requisitionClosedAt: string | null;
  hasAudio: boolean;
  hasTranscript: boolean;
}

export interface RetentionDue {
  audio: boolean;
  transcript: boolean;
  audioExpiresAt: string;
  transcriptExpiresAt: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * DAY_MS).toISOString();

export function effectivePolicy(policy: RetentionPolicy, override?: RetentionOverride): RetentionPolicy {
  return {
    audioDays: override?.audioDays ?? policy.audioDays,
    transcriptDaysAfterClose: override?.transcriptDaysAfterClose ?? policy.transcriptDaysAfterClose,
  };
}

/** What of a session has expired at `now` under `policy`. */
export function retentionDue(session: RetainedSession, policy: RetentionPolicy, now: Date): RetentionDue {
  const audioExpiresAt = addDays(session.interviewAt, policy.audioDays);
  const transcriptExpiresAt = session.requisitionClosedAt ? addDays(session.requisitionClosedAt, policy.transcriptDaysAfterClose) : null;
  const at = now.getTime();
  return {
    audio: session.hasAudio && Date.parse(audioExpiresAt) <= at,
    transcript: session.hasTranscript && transcriptExpiresAt !== null && Date.parse(transcriptExpiresAt) <= at,
    audioExpiresAt,
    transcriptExpiresAt,
  };
}

/** A setting of 0 days deletes at the next run: the user confirms it first. */
export function needsZeroDayConfirmation(policy: Partial<RetentionPolicy | RetentionOverride>): string | undefined {
  const zero = [policy.audioDays === 0 && 'audio', policy.transcriptDaysAfterClose === 0 && 'transcripts'].filter(Boolean);
  if (zero.length === 0) return undefined;
  return `Keeping ${zero.join(' and ')} for 0 days deletes ${zero.length === 2 ? 'them' : 'it'} for every session it covers at the next retention run, and this cannot be undone. Confirm to apply.`;
}
