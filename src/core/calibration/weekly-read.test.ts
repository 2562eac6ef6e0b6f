import { describe, expect, it } from 'vitest';
import { sharedWordVectors } from '../mapping/word-vectors.js';
import { addCandidate, addDecision, addScorecard, all, CRITERIA, daysAgo, emptyInput, NOW } from './calibration-test-fixture.js';
import { ReasonMatcher } from './reason-matching.js';
import { weeklyRead } from './weekly-read.js';

const matcher = new ReasonMatcher(CRITERIA, sharedWordVectors());

describe('the weekly read', () => {
  it("says what the week's rejections rested on and what those advancing share, with the numbers behind each", () => {
    const input = emptyInput();
    addCandidate(input, 'a', 'Ana Lopez');
    addCandidate(input, 'b', 'Ben Ode');
    addCandidate(input, 'c', 'Cy Park');
    addCandidate(input, 'd', 'Dee Moss', { source: 'Referral' });
    addCandidate(input, 'e', 'Eli Tan', { source: 'referral' });
    addCandidate(input, 'f', 'Fay Wu', { source: 'LinkedIn' });
    addDecision(input, 'a', 'reject', ['People management']);
    addDecision(input, 'b', 'reject', ['Weak on people management']);
    addDecision(input, 'c', 'reject', ['Has never managed people']);
    addDecision(input, 'd', 'advance', ['Negotiated a three-year contract without discounting']);
    addDecision(input, 'e', 'advance', [{ text: 'Held price with procurement', criterionId: 'closing' }]);
    // Older than a week: not this week's read.
    addDecision(input, 'f', 'advance', ['Great discovery'], daysAgo(9));
    const read = weeklyRead(input, matcher, NOW);
    expect(read.sentences[0].text).toBe('Three candidates were rejected this week on “People management”, which is not in the rubric.');
    expect(read.sentences[1].text).toBe('Two candidates advancing on “Closing and negotiation” both came from referrals.');
    expect(read.text).toBe(`${read.sentences[0].text} ${read.sentences[1].text}`);
    expect(read.sentences[0].facts).toContainEqual({ label: 'Candidates decided on “People management”', value: 'Ana Lopez, Ben Ode, Cy Park' });
    expect(read.sentences[1].facts.map((f) => f.label)).toEqual(['Dee Moss', 'Eli Tan']);
    expect(read.sentences[1].facts[0]!.value).toContain('source: Referral');
  });

  it('with every reason on the rubric, says so; with sources apart, names them', () => {
    const input = emptyInput();
    addCandidate(input, 'a', 'Ana', { source: 'LinkedIn' });
    addCandidate(input, 'b', 'Ben', { source: 'Agency' });
    addCandidate(input, 'c', 'Cy');
    addDecision(input, 'a', 'advance', ['Ran a great discovery call']);
    addDecision(input, 'b', 'advance', ['Qualified the lead in two questions']);
    addDecision(input, 'c', 'reject', ['Missed quota']);
    const read = weeklyRead(input, matcher, NOW);
    expect(read.sentences[0].text).toBe('The panel decided on 3 candidates this week (two advanced, one rejected), every reason in the rubric.');
    expect(read.sentences[1].text).toBe('Two candidates advancing on “Discovery and qualification” came from LinkedIn and Agency.');
  });

  it('names a rejection despite yes on every must-have when that is the news', () => {
    const input = emptyInput();
    addCandidate(input, 'a', 'Ana');
    addScorecard(input, 'a', 'Dana', all('yes'));
    addDecision(input, 'a', 'reject', [{ text: 'Weaker than the other finalist', criterionId: 'closing' }]);
    expect(weeklyRead(input, matcher, NOW).sentences[0].text).toBe('Ana was rejected this week although every must-have was rated yes.');
  });

  it('with no decisions this week, says so plainly (and any loss)', () => {
    const input = emptyInput();
    addCandidate(input, 'a', 'Ana');
    addDecision(input, 'a', 'advance', ['Great discovery'], daysAgo(20));
    input.losses.push({ id: 'l1', candidateId: 'a', outcome: 'withdrawn', reason: 'Took an offer closer to home', recordedBy: 'Ana', recordedAt: daysAgo(1), moments: [] });
    const read = weeklyRead(input, matcher, NOW);
    expect(read.sentences[0]).toEqual({ text: 'No debrief decisions were recorded this week.', facts: [{ label: 'Decisions this week', value: '0' }, { label: 'Decisions on this requisition in all', value: '1' }] });
    expect(read.sentences[1].text).toBe('No one advanced this week, and 1 candidate was lost (Ana withdrawn: “Took an offer closer to home”).');
    expect(weeklyRead(emptyInput(), matcher, NOW).sentences[1].text).toBe('No one advanced this week.');
  });
});
