import { describe, expect, it } from 'vitest';
import { assessFeel } from './feel-detector.js';
import { shapeFeedback } from './shape-feedback.js';

const criteria = [
  { id: 'disc', kind: 'must-have' as const, title: 'Discovery and qualification', description: 'Uncovers pain and budget.', signals: ['budget'], kindNumber: 1 },
  { id: 'xfn', kind: 'trade-off' as const, title: 'Cross-functional conflict', description: 'Navigates conflict with other teams.', signals: ['conflict'], kindNumber: 2 },
];
const moments = [{ id: 'm1', criterionId: 'xfn', start: 22 * 60 + 14, quote: 'I could not think of one, honestly.', question: 'Tell me about a recent cross-functional conflict?' }];

describe('feedback shaping', () => {
  it('flags feel and its paraphrases, not shaped or observed feedback', () => {
    for (const text of ["Didn't click with her.", 'Something felt off.', 'Not senior enough.', 'Culture fit concerns.', 'The vibe was wrong.']) expect(assessFeel(text).feel, text).toBe(true);
    for (const text of ['At 22:14 she could not name a recent conflict.', 'He explained how he forecasts within 5% of commit.', 'Clicked through the demo quickly.']) expect(assessFeel(text).feel, text).toBe(false);
  });

  it('suggests the criterion and moment, and rewrites in the shaped form', () => {
    const flags = shapeFeedback({ text: 'Good on budget. Not a fit for conflict with other teams, gut feeling.', criterionId: null, linkedMomentIds: [], criteria, moments });
    expect(flags).toEqual([
      {
        sentence: 'Not a fit for conflict with other teams, gut feeling.',
        matches: [expect.objectContaining({ kind: 'fit', text: 'Not a fit' }), expect.objectContaining({ kind: 'gut', text: 'gut' })],
        suggestedCriterionId: 'xfn',
        suggestedMomentId: 'm1',
        rewrite: 'At 22:14, on the “Tell me about a recent cross-functional conflict” question, the candidate said “I could not think of one, honestly.” — trade-off #2 from intake.',
      },
    ]);
  });

  it('leaves a note alone once it cites a moment', () => {
    expect(shapeFeedback({ text: 'Gut feeling says no.', criterionId: 'xfn', linkedMomentIds: ['m1'], criteria, moments })).toEqual([]);
  });
});
