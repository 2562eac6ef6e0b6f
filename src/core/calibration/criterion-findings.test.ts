import { describe, expect, it } from 'vitest';
import { addCandidate, addScorecard, emptyInput } from './calibration-test-fixture.js';
import { criteriaWithoutEvidence, MIN_CANDIDATES_TO_DISCRIMINATE, nonDiscriminatingCriteria } from './criterion-findings.js';

describe('criteria that never discriminate', () => {
  it('fires when every candidate got the same rating on a criterion', () => {
    const input = emptyInput();
    for (const id of ['a', 'b', 'c']) {
      addCandidate(input, id, id.toUpperCase());
      addScorecard(input, id, 'Dana', { crm: 'yes', closing: id === 'a' ? 'no' : 'yes' });
    }
    const found = nonDiscriminatingCriteria(input);
    expect(found.map((f) => f.criterionId)).toEqual(['crm']);
    expect(found[0]!.message).toMatch(/^Everyone rated on “Forecasting and CRM discipline” got Yes \(3 candidates, 3 ratings\)/);
  });

  it(`does not fire below ${MIN_CANDIDATES_TO_DISCRIMINATE} candidates, or when ratings differ, or on "no evidence" alone`, () => {
    const input = emptyInput();
    for (const id of ['a', 'b']) addScorecard(input, id, 'Dana', { crm: 'yes', hunter: 'no_evidence' });
    addScorecard(input, 'c', 'Dana', { hunter: 'no_evidence' });
    expect(nonDiscriminatingCriteria(input)).toEqual([]);
    addScorecard(input, 'c', 'Lee', { crm: 'strong_yes' });
    expect(nonDiscriminatingCriteria(input)).toEqual([]);
  });
});

describe('criteria no one gathers evidence on', () => {
  it('names each criterion with no evidence on any scorecard', () => {
    const input = emptyInput();
    addScorecard(input, 'a', 'Dana', { discovery: 'yes', closing: 'no_evidence' });
    addScorecard(input, 'b', 'Lee', { discovery: 'no' }, { evidence: false });
    const ids = criteriaWithoutEvidence(input).map((f) => f.criterionId);
    expect(ids).toEqual(['closing', 'pipeline', 'crm', 'hunter', 'integrity']);
    expect(criteriaWithoutEvidence(input)[0]!.message).toBe('No one has gathered evidence on the must-have “Closing and negotiation” across 2 scorecards: ask a question that probes it, or take it out of the rubric.');
  });

  it('says nothing before the first scorecard, or when every criterion has evidence', () => {
    expect(criteriaWithoutEvidence(emptyInput())).toEqual([]);
    const input = emptyInput();
    addScorecard(input, 'a', 'Dana', { discovery: 'yes', closing: 'yes', pipeline: 'no', crm: 'yes', hunter: 'yes', integrity: 'no' });
    expect(criteriaWithoutEvidence(input)).toEqual([]);
  });
});
