import { describe, expect, it } from 'vitest';
import { buildCriterionProfiles, signalWordWeight, SOURCE_WEIGHTS } from './criterion-profile.js';
import type { MappingCriterion } from './mapping-input.js';
import { stem } from '../rubric/text-stems.js';
import { noSynonyms } from './wordnet-synonyms.js';

const criterion = (signals: string[]): MappingCriterion => ({
  id: 'c',
  kind: 'deal-breaker',
  title: 'Manipulates data',
  description: '',
  goodLooksLike: '',
  badLooksLike: '',
  signals,
});

describe('signalWordWeight', () => {
  it('gives a one-word signal full weight and shares a phrase’s weight among its content words', () => {
    expect(signalWordWeight('misleading')).toBe(SOURCE_WEIGHTS.signal);
    expect(signalWordWeight('message queue')).toBeCloseTo(SOURCE_WEIGHTS.signal / Math.SQRT2);
    // "the" is a stopword: four content words.
    expect(signalWordWeight('make the numbers look better')).toBeCloseTo(SOURCE_WEIGHTS.signal / 2);
    expect(signalWordWeight('the')).toBe(SOURCE_WEIGHTS.signal);
  });
});

describe('buildCriterionProfiles', () => {
  it('weighs the words of a multi-word signal below a one-word signal, and keeps the phrase', async () => {
    const [profile] = await buildCriterionProfiles([criterion(['misleading', 'make the numbers look better'])], [], noSynonyms);
    expect(profile!.terms.get(stem('misleading'))).toBe(1);
    expect(profile!.terms.get(stem('look'))).toBeCloseTo(0.5);
    expect(profile!.phrases).toEqual([['make', 'the', 'number', 'look', 'better']]);
  });

  it('keeps a word at its strongest source when a phrase repeats it', async () => {
    const [profile] = await buildCriterionProfiles([criterion(['numbers', 'make the numbers look better'])], [], noSynonyms);
    expect(profile!.terms.get(stem('numbers'))).toBe(1);
  });

  it('takes what a planned question asks about, not its framing', async () => {
    const questions = [{ id: 'q', text: 'Tell me about a time you changed a date range in a report.', criterionIds: ['c'] }];
    const [profile] = await buildCriterionProfiles([criterion([])], questions, noSynonyms);
    expect(profile!.terms.get(stem('range'))).toBe(SOURCE_WEIGHTS.plannedQuestion);
    expect(profile!.terms.has(stem('tell'))).toBe(false);
    expect(profile!.terms.has(stem('time'))).toBe(false);
  });
});
