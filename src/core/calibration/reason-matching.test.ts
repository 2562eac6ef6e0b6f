// Reasons matched to criteria by meaning, with the real installed word vectors.
import { describe, expect, it } from 'vitest';
import { sharedWordVectors } from '../mapping/word-vectors.js';
import { CRITERIA } from './calibration-test-fixture.js';
import { ReasonMatcher, SAME_MEANING } from './reason-matching.js';

const words = sharedWordVectors();

describe.skipIf(!words)('matching decision reasons to criteria', () => {
  const matcher = new ReasonMatcher(CRITERIA, words);
  const match = (text: string, criterionId: string | null = null) => matcher.match({ text, criterionId }).criterionId;

  it('takes a reason linked to a criterion at its word', () => {
    expect(matcher.match({ text: 'see notes', criterionId: 'crm' })).toEqual({ criterionId: 'crm', how: 'linked', score: 1 });
  });

  it('matches reasons that share a word with a criterion or its signals', () => {
    expect(match('Poor discovery, skipped the pain questions')).toBe('discovery');
    expect(match('Gave away a 40% discount to close')).toBe('closing');
    expect(match('Missed quota two years running')).toBe('pipeline');
    expect(match('Overpromised the roadmap to a customer')).toBe('integrity');
    expect(match('Could not explain how she qualifies a lead')).toBe('discovery');
  });

  it('finds no criterion for reasons the rubric does not cover', () => {
    for (const reason of ['Weak people management', 'Has never managed a team', 'Not a culture fit', 'Salary expectations too high', 'Would not relocate', 'Lacks leadership experience']) {
      expect(match(reason), reason).toBeNull();
    }
  });

  it('matches by meaning where no word is shared, above the threshold it documents', () => {
    const m = matcher.match({ text: 'Only wants to farm accounts she already has', criterionId: null });
    expect(m.how === 'meaning' || m.how === 'words').toBe(true);
    expect(m.criterionId).toBe('hunter');
    expect(SAME_MEANING).toBeGreaterThan(0.5);
  });

  it('groups reasons that say the same thing, and keeps different ones apart', () => {
    expect(matcher.sameReason('People management', 'weak on people management')).toBe(true);
    expect(matcher.sameReason('People management', 'Has never managed people')).toBe(true);
    expect(matcher.sameReason('People management', 'Would not relocate')).toBe(false);
  });

  it('works from words alone when there are no word vectors', () => {
    const plain = new ReasonMatcher(CRITERIA, null);
    expect(plain.match({ text: 'Missed quota', criterionId: null }).criterionId).toBe('pipeline');
    expect(plain.match({ text: 'Not a culture fit', criterionId: null }).criterionId).toBeNull();
  });
});
