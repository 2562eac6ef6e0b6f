import { describe, expect, it } from 'vitest';
import { MIN_LINK_SIMILARITY, PlannedQuestionMatcher } from './question-link.js';

const plan = [
  { id: 'q1', text: 'Walk me through the design of a system you built that had to scale to high traffic.', criterionIds: ['scale'] },
  { id: 'q2', text: 'Tell me about a production incident you were on call for and how you handled it.', criterionIds: ['ops', 'ownership'] },
  { id: 'q3', text: 'How do you approach testing and code review on your team?', criterionIds: ['quality'] },
];

describe('PlannedQuestionMatcher', () => {
  const matcher = new PlannedQuestionMatcher(plan);

  it('matches a paraphrase of a planned question through shared stems', () => {
    const [best] = matcher.match('Can you tell me about something you built that had to handle a lot of traffic?');
    expect(best).toMatchObject({ questionId: 'q1', criterionIds: ['scale'] });
    expect(best!.similarity).toBeGreaterThanOrEqual(MIN_LINK_SIMILARITY);
  });

  it('matches inflected forms ("reviews", "tests")', () => {
    expect(matcher.match('How does your team handle reviews and tests?')[0]?.questionId).toBe('q3');
  });

  it('ranks the verbatim question first with similarity 1', () => {
    const links = matcher.match(plan[1]!.text);
    expect(links[0]).toMatchObject({ questionId: 'q2', criterionIds: ['ops', 'ownership'] });
    expect(links[0]!.similarity).toBeCloseTo(1, 5);
  });

  it('links nothing for small talk or question framing alone', () => {
    expect(matcher.match('How was your weekend?')).toEqual([]);
    expect(matcher.match('Great. Do you have any questions for me?')).toEqual([]);
    expect(new PlannedQuestionMatcher([]).match('How do you test?')).toEqual([]);
  });
});
