import { describe, expect, it } from 'vitest';
import { sharedWordVectors } from '../mapping/word-vectors.js';
import { addCandidate, addDecision, addScorecard, all, CRITERIA, emptyInput } from './calibration-test-fixture.js';
import { offRubricReasons, rejectedDespiteMustHaves } from './drift.js';
import { ReasonMatcher } from './reason-matching.js';

const matcher = new ReasonMatcher(CRITERIA, sharedWordVectors());

describe('drift: reasons not in the rubric', () => {
  it('groups rejections on the same off-rubric reason, worded differently, and says so', () => {
    const input = emptyInput();
    for (const [id, name] of [['a', 'Ana'], ['b', 'Ben'], ['c', 'Cy'], ['d', 'Dee']]) addCandidate(input, id!, name!);
    addDecision(input, 'a', 'reject', ['People management']);
    addDecision(input, 'b', 'reject', ['Weak on people management', 'Missed quota two years running']);
    addDecision(input, 'c', 'reject', ['Has never managed people']);
    addDecision(input, 'd', 'advance', ['Strong discovery call']);
    const groups = offRubricReasons(input, matcher);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.candidateIds).toEqual(['a', 'b', 'c']);
    expect(groups[0]!.label).toBe('People management');
    expect(groups[0]!.message).toBe('Three candidates were rejected on “People management”, which is not in the rubric — update the rubric or recalibrate the screen?');
  });

  it('finds nothing when every reason is about a criterion', () => {
    const input = emptyInput();
    addCandidate(input, 'a', 'Ana');
    addDecision(input, 'a', 'reject', ['Gave away a big discount', { text: 'see the note', criterionId: 'crm' }]);
    expect(offRubricReasons(input, matcher)).toEqual([]);
  });

  it('finds nothing with no decisions', () => {
    expect(offRubricReasons(emptyInput(), matcher)).toEqual([]);
  });
});

describe('drift: rejected although yes on every must-have', () => {
  it('fires for a rejection of a candidate every interviewer rated yes or better on each must-have', () => {
    const input = emptyInput();
    addCandidate(input, 'a', 'Ana');
    addScorecard(input, 'a', 'Dana', { ...all('yes'), crm: 'no' });
    addScorecard(input, 'a', 'Lee', { discovery: 'strong_yes', closing: 'yes', pipeline: 'yes' });
    addDecision(input, 'a', 'reject', ['Not a culture fit']);
    const found = rejectedDespiteMustHaves(input);
    expect(found.map((f) => f.candidateName)).toEqual(['Ana']);
    expect(found[0]!.message).toMatch(/^Ana was rejected although every must-have was rated yes or better \(3 must-haves, 6 ratings\)/);
  });

  it('does not fire when one must-have has a no, is unrated, or the latest decision is not a rejection', () => {
    const input = emptyInput();
    addCandidate(input, 'a', 'Ana');
    addCandidate(input, 'b', 'Ben');
    addCandidate(input, 'c', 'Cy');
    addScorecard(input, 'a', 'Dana', { ...all('yes'), pipeline: 'no' });
    addDecision(input, 'a', 'reject', ['Missed quota']);
    addScorecard(input, 'b', 'Dana', { discovery: 'yes', closing: 'yes', pipeline: 'no_evidence' });
    addDecision(input, 'b', 'reject', ['x']);
    addScorecard(input, 'c', 'Dana', all('yes'));
    addDecision(input, 'c', 'reject', ['x'], '2026-03-01T00:00:00.000Z');
    addDecision(input, 'c', 'advance', ['Changed our minds on discovery'], '2026-03-02T00:00:00.000Z');
    expect(rejectedDespiteMustHaves(input)).toEqual([]);
  });
});
