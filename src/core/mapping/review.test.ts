import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors.js';
import type { ProposedMoment } from './mapping-input.js';
import { acceptMoment, criterionOf, evidenceFromReview, manualEvidence, mergeEvidence, rejectMoment, retargetMoment, startReview } from './review.js';

const moment = (criterionId: string, start: number): ProposedMoment => ({
  criterionId,
  start,
  end: start + 5,
  quote: `quote at ${start}`,
  confidence: 0.8,
  reasons: ['lexical'],
  question: 'Why?',
  answerStart: start,
  answerEnd: start + 10,
});
const criteria = ['ops', 'mentoring', 'testing'];

describe('review helpers', () => {
  const proposed = [moment('ops', 30), moment('mentoring', 10), moment('testing', 50)];

  it('starts with every moment pending and yields no evidence until something is accepted', () => {
    const review = startReview(proposed);
    expect(review.map((r) => r.decision)).toEqual(['pending', 'pending', 'pending']);
    expect(evidenceFromReview(review)).toEqual([]);
  });

  it('turns accepted moments into auto evidence in time order, ignoring rejected ones', () => {
    let review = startReview(proposed);
    review = acceptMoment(review, 0);
    review = acceptMoment(review, 1);
    review = rejectMoment(review, 2);
    expect(evidenceFromReview(review)).toEqual([
      { criterionId: 'mentoring', start: 10, end: 15, quote: 'quote at 10', origin: 'auto' },
      { criterionId: 'ops', start: 30, end: 35, quote: 'quote at 30', origin: 'auto' },
    ]);
  });

  it('does not mutate the previous review state', () => {
    const review = startReview(proposed);
    acceptMoment(review, 0);
    expect(review[0]!.decision).toBe('pending');
  });

  it('retargets a moment to another criterion (accepting it) and back', () => {
    let review = retargetMoment(startReview(proposed), 0, 'testing', criteria);
    expect(review[0]).toMatchObject({ decision: 'accepted', retargetedTo: 'testing' });
    expect(evidenceFromReview(review)[0]!.criterionId).toBe('testing');
    review = retargetMoment(review, 0, 'ops', criteria);
    expect(review[0]!.retargetedTo).toBeUndefined();
    expect(criterionOf(review[0]!)).toBe('ops');
  });

  it('explains bad indexes and unknown criteria', () => {
    const review = startReview(proposed);
    expect(() => acceptMoment(review, 3)).toThrow(UserFacingError);
    expect(() => rejectMoment(review, -1)).toThrow(/No proposed moment/);
    expect(() => retargetMoment(review, 0, 'charisma', criteria)).toThrow(/no such criterion/);
  });

  it('builds manual evidence and validates it', () => {
    expect(manualEvidence({ criterionId: 'ops', start: 1, end: 2, quote: '  we rolled back  ' })).toEqual({ criterionId: 'ops', start: 1, end: 2, quote: 'we rolled back', origin: 'manual' });
    expect(() => manualEvidence({ criterionId: 'ops', start: 5, end: 2, quote: 'x' })).toThrow(/not a valid time range/);
    expect(() => manualEvidence({ criterionId: 'ops', start: 1, end: 2, quote: ' ' })).toThrow(/needs a quote/);
  });

  it('merges evidence without duplicates, preferring what a person chose', () => {
    const auto = evidenceFromReview(acceptMoment(startReview(proposed), 0));
    const manual = manualEvidence({ criterionId: 'ops', start: 30, end: 35, quote: 'edited quote' });
    const extra = manualEvidence({ criterionId: 'testing', start: 5, end: 6, quote: 'tests first' });
    expect(mergeEvidence(auto, [manual, extra])).toEqual([extra, manual]);
    expect(mergeEvidence([manual], auto)).toEqual([manual]);
  });
});
