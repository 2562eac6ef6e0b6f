import { describe, expect, it } from 'vitest';
import { questionIntents } from './question-intents.js';

const intents = (text: string) => [...questionIntents(text)];

describe('questionIntents', () => {
  it('reads the universal questions in words that share nothing', () => {
    expect(intents('Walk me through your CV.')).toEqual(['introduction']);
    expect(intents('How did you end up doing this kind of work in the first place?')).toEqual(['introduction']);
    expect(intents("What's prompting the move?")).toEqual(['why-leave']);
    expect(intents('Why are you leaving your current company?')).toEqual(['why-leave']);
    expect(intents('What’s your notice period?')).toEqual(['notice']);
    expect(intents('If we offered you the role, how soon could you start?')).toEqual(['notice']);
  });

  it('tells apart near-misses that share their words', () => {
    expect(intents('What are you earning at the moment?')).toEqual(['current-pay']);
    expect(intents("What's your current salary range?")).toEqual(['current-pay']);
    expect(intents('What salary range are you hoping for?')).toEqual(['expected-pay']);
    expect(intents('Tell me about a conflict with a coworker.')).toEqual(['conflict-peer']);
    expect(intents('Tell me about a time you disagreed with your boss.')).toEqual(['disagree-boss']);
    expect(intents('Are you on a long notice period?')).toEqual(['notice']);
  });

  it('does not read a question about someone or something else as the personal one', () => {
    expect(intents('What would you say is the biggest weakness in the team you are part of?')).toEqual([]);
    expect(intents('Where do you see the industry in five years?')).toEqual([]);
    expect(intents('Tell me about a time you resolved a conflict between two colleagues who reported to you.')).toEqual([]);
    expect(intents("Tell me about a mistake a colleague made that you had to fix.")).toEqual([]);
    expect(intents('Why are you looking to join us rather than somewhere else?')).toEqual(['why-us']);
  });

  it('leaves role-specific questions to word likeness', () => {
    expect(intents('How do you run a discovery call?')).toEqual([]);
    expect(intents('Say a student is falling behind and quietly failing. What would you do?')).toEqual([]);
  });
});
