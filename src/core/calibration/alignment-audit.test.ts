import { describe, expect, it } from 'vitest';
import { alignmentAudit, type AuditRequisition } from './alignment-audit.js';

const answer = (counterpartUnderstood: boolean, interviewsTestedRubric: boolean) => ({ respondent: 'x', counterpartUnderstood, interviewsTestedRubric, answeredAt: '2026-03-01T00:00:00.000Z' });
const req = (title: string, over: Partial<AuditRequisition> = {}): AuditRequisition => ({
  id: title,
  title,
  role: 'Sales',
  signedRubric: { mustHaves: 3, tradeOffs: 2, dealBreakers: 1 },
  reasons: { linked: 4, total: 5 },
  pulse: { recruiter: answer(true, true), hiringManager: answer(true, true) },
  ...over,
});

describe('the alignment audit', () => {
  it('points at the rubric when requisitions lack a signed 3/2/1 rubric', () => {
    const audit = alignmentAudit([req('AE'), req('SDR', { signedRubric: null }), req('CSM', { signedRubric: { mustHaves: 5, tradeOffs: 0, dealBreakers: 0 } })]);
    expect(audit.shaped).toEqual({ count: 1, share: 1 / 3, missing: ['SDR', 'CSM'] });
    expect(audit.lever.kind).toBe('rubric-shape');
    expect(audit.lever.message).toMatch(/^Start with the rubric: 2 requisitions of 3 have no signed rubric of three must-haves, two trade-offs and one deal-breaker \(SDR, CSM\)/);
  });

  it('points at evidence when most reasons rest on memory', () => {
    const audit = alignmentAudit([req('AE', { reasons: { linked: 1, total: 5 } }), req('SDR', { reasons: { linked: 0, total: 5 } })]);
    expect(audit.evidence).toEqual({ linked: 1, total: 10, share: 0.1 });
    expect(audit.lever).toEqual({ kind: 'evidence', message: 'Ask for the moment behind each reason: only 10 % of debrief reasons (1 of 10) are linked to captured evidence; the rest is memory.' });
  });

  it('counts pulse disagreements only where both answered, and points there when they disagree', () => {
    const audit = alignmentAudit([
      req('AE', { pulse: { recruiter: answer(true, false), hiringManager: answer(false, true) } }),
      req('SDR', { pulse: { recruiter: answer(true, true), hiringManager: null } }),
    ]);
    expect(audit.pulse).toEqual({ answeredByBoth: 1, compared: 2, disagreements: 2, rate: 1, awaiting: ['SDR'] });
    expect(audit.lever.kind).toBe('pulse');
  });

  it('says nothing stands out when every measure meets its target, and handles no requisitions', () => {
    expect(alignmentAudit([req('AE')]).lever.kind).toBe('none');
    const empty = alignmentAudit([]);
    expect(empty.lever).toEqual({ kind: 'none', message: 'No requisitions yet: the audit starts with the first signed rubric.' });
    expect(empty.evidence.share).toBeNull();
    expect(empty.pulse.rate).toBeNull();
  });
});
