import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, effectivePolicy, needsZeroDayConfirmation, retentionDue } from './retention-policy.js';

const session = { interviewAt: '2026-01-01T10:00:00.000Z', requisitionClosedAt: null, hasAudio: true, hasTranscript: true };

describe('retention policy', () => {
  it('expires audio N days after the interview, on the dot', () => {
    expect(retentionDue(session, DEFAULT_RETENTION, new Date('2026-01-31T09:59:59.999Z')).audio).toBe(false);
    const due = retentionDue(session, DEFAULT_RETENTION, new Date('2026-01-31T10:00:00.000Z'));
    expect(due).toMatchObject({ audio: true, audioExpiresAt: '2026-01-31T10:00:00.000Z' });
  });

  it('keeps transcripts while the requisition is open, then M days after it closes', () => {
    const years = new Date('2030-01-01T00:00:00.000Z');
    expect(retentionDue(session, DEFAULT_RETENTION, years)).toMatchObject({ transcript: false, transcriptExpiresAt: null });
    const closed = { ...session, requisitionClosedAt: '2026-03-01T00:00:00.000Z' };
    expect(retentionDue(closed, DEFAULT_RETENTION, new Date('2026-05-29T23:59:59.000Z')).transcript).toBe(false);
    expect(retentionDue(closed, DEFAULT_RETENTION, new Date('2026-05-30T00:00:00.000Z')).transcript).toBe(true);
  });

  it('takes a requisition override per value, else the default', () => {
    expect(effectivePolicy(DEFAULT_RETENTION, { audioDays: 7, transcriptDaysAfterClose: null })).toEqual({ audioDays: 7, transcriptDaysAfterClose: 90 });
  });

  it('never reports what is already gone', () => {
    expect(retentionDue({ ...session, hasAudio: false }, { audioDays: 0, transcriptDaysAfterClose: 0 }, new Date('2030-01-01')).audio).toBe(false);
  });

  it('asks to confirm a 0-day setting', () => {
    expect(needsZeroDayConfirmation({ audioDays: 0, transcriptDaysAfterClose: 90 })).toMatch(/^Keeping audio for 0 days deletes it .* Confirm to apply\.$/);
    expect(needsZeroDayConfirmation(DEFAULT_RETENTION)).toBeUndefined();
  });
});
