import { describe, expect, it } from 'vitest';
import { classifyStatement } from './statement-kinds.js';

describe('classifyStatement', () => {
  it('finds each category in the candidate speaking about themselves', () => {
    expect(classifyStatement('I want to be closer to the product.')).toEqual(['motivation']);
    expect(classifyStatement("I'm a bit worried about the on-call load.")).toEqual(['concern']);
    expect(classifyStatement("I can't relocate, I'd need to stay in Lisbon.")).toEqual(['constraint']);
    expect(classifyStatement('I have a three-month notice period.')).toEqual(['constraint']);
    expect(classifyStatement("I'm in final rounds with another company.")).toEqual(['competing']);
    expect(classifyStatement('What does onboarding look like?')).toEqual(['question']);
  });

  it('keeps a price apart from a motive, and allows several categories at once', () => {
    expect(classifyStatement("I'm looking for around 150k base.")).toEqual(['constraint']);
    expect(classifyStatement("I'm worried about the commute, I can't relocate.")).toEqual(['concern', 'constraint']);
  });

  it('leaves out the same words used about someone else, past stories and rhetorical questions', () => {
    expect(classifyStatement('The customer was worried about price.')).toEqual([]);
    expect(classifyStatement('Our competitor had a better offer on the table.')).toEqual([]);
    expect(classifyStatement('I wanted to make sure the migration could be rolled back.')).toEqual([]);
    expect(classifyStatement("It's basically a queue in front of the database, right?")).toEqual([]);
    expect(classifyStatement('We moved the office to Berlin in 2019.')).toEqual([]);
  });
});
