// The deal-breaker signals on their own, with the real installed word vectors: the thread of short
// follow-ups that probe a deal-breaker, and an answer that leans towards what bad looks like.
import { describe, expect, it } from 'vitest';
import { segmentAnswerWindows } from './answer-windows.js';
import { buildCriterionProfiles } from './criterion-profile.js';
import type { MappingCriterion, MappingInput } from './mapping-input.js';
import { scorePairs } from './moment-scoring.js';
import { sharedWordVectors } from './word-vectors.js';
import { noSynonyms } from './wordnet-synonyms.js';

const words = sharedWordVectors();

const criteria: MappingCriterion[] = [
  {
    id: 'safety',
    kind: 'deal-breaker',
    title: 'Hides safety incidents',
    description: 'Does not report accidents, injuries or near misses.',
    goodLooksLike: 'Writes up every accident and near miss the same day and tells the manager.',
    badLooksLike: 'Keeps accidents quiet and skips the incident report because it is too much paperwork.',
    signals: ['incident report', 'accident', 'near miss'],
  },
  {
    id: 'rota',
    kind: 'must-have',
    title: 'Plans the staff rota',
    description: 'Builds shift schedules that cover demand.',
    goodLooksLike: 'Publishes the rota weeks ahead and covers the busy days.',
    badLooksLike: 'Fills gaps at the last minute.',
    signals: ['rota', 'shifts', 'schedule'],
  },
];

let clock = 0;
const line = (speaker: string, text: string) => {
  const start = clock;
  clock += Math.max(1, text.split(' ').length / 2.7) + 0.5;
  return { start, end: clock - 0.5, speaker, text, words: [] };
};
const segments = [
  line('Interviewer', 'Has anyone ever been hurt on one of your shifts?'),
  line('Candidate', 'Once a lad cut his hand on a box cutter. We patched him up and he carried on.'),
  line('Interviewer', 'Did you tell anyone?'),
  line('Candidate', "Not really. It wasn't worth all the paperwork, so we kept it between us."),
  line('Interviewer', 'How far ahead do you plan the rota?'),
  line('Candidate', 'Three weeks ahead, and I cover the Saturdays first because they are the busiest.'),
];
const questions = [
  { id: 'q-safety', text: 'Has anyone been hurt at work, and what did you do?', criterionIds: ['safety'] },
  { id: 'q-rota', text: 'How do you plan the rota?', criterionIds: ['rota'] },
];
const input: MappingInput = { transcript: { durationSec: clock, language: null, segments }, criteria, questions, tags: [], interviewerSpeakers: ['Interviewer'] };

async function pairsOf(withWords: boolean) {
  const windows = segmentAnswerWindows(input.transcript, input.interviewerSpeakers);
  const profiles = await buildCriterionProfiles(criteria, questions, noSynonyms);
  const { pairs } = scorePairs({ windows, profiles, questions, tags: [], criteria, words: withWords ? words : null });
  return { windows, get: (w: number, c: string) => pairs.find((p) => p.windowIndex === w && p.criterionId === c)! };
}

describe('deal-breaker mapping signals', () => {
  it('carries a deal-breaker question into the short follow-up after it, and only for the deal-breaker', async () => {
    const { windows, get } = await pairsOf(true);
    expect(windows[1]!.questionText).toBe('Did you tell anyone?');
    expect(get(1, 'safety').dealBreakerThread).toBeGreaterThan(0);
    expect(get(1, 'rota').dealBreakerThread).toBe(0);
    // The first exchange has nothing before it.
    expect(get(0, 'safety').dealBreakerThread).toBe(0);
    // Words alone carry the thread too (topic and plan link need no vectors).
    const wordsAlone = await pairsOf(false);
    expect(wordsAlone.get(1, 'safety').dealBreakerThread).toBeGreaterThan(0);
  });

  it('marks an answer that leans towards what bad looks like, more than one about something else', async () => {
    const { get } = await pairsOf(true);
    // "It wasn't worth all the paperwork, so we kept it between us" is the deal-breaker's bad side.
    expect(get(1, 'safety').badLean).toBeGreaterThan(0);
    expect(get(1, 'safety').badLean).toBeGreaterThan(get(2, 'safety').badLean);
    // Only deal-breakers get it, and only with vectors.
    expect(get(1, 'rota').badLean).toBe(0);
    const wordsAlone = await pairsOf(false);
    expect(wordsAlone.get(1, 'safety').badLean).toBe(0);
  });
});
