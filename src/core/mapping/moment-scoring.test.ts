import { describe, expect, it } from 'vitest';
import type { AnswerWindow } from './answer-windows.js';
import { buildCriterionProfiles } from './criterion-profile.js';
import {
  confidenceOf,
  reasonsOf,
  scorePairs,
  windowOfTag,
  PLANNED_FOR_CONFIDENCE,
  STRONG_LINK_SIMILARITY,
  TAG_LATE_SECONDS,
  type PairFeatures,
} from './moment-scoring.js';
import { noSynonyms } from './wordnet-synonyms.js';

function window(index: number, questionText: string, answerText: string, questionStart: number): AnswerWindow {
  const answerStart = questionStart + 4;
  const answerEnd = answerStart + 20;
  return { index, questionText, questionStart, answerStart, answerEnd, answerText, answerSegments: [{ start: answerStart, end: answerEnd, speaker: 'C', text: answerText, words: [] }] };
}

const criteria = [
  { id: 'testing', kind: 'must-have' as const, title: 'Code quality and testing', description: 'Writes tested code.', goodLooksLike: '', badLooksLike: '', signals: ['unit tests', 'code review'] },
  { id: 'mentoring', kind: 'trade-off' as const, title: 'Mentoring', description: 'Helps juniors grow.', goodLooksLike: '', badLooksLike: '', signals: ['pairing', 'new grads'] },
];
const windows = [
  window(0, 'How was your weekend?', 'Lovely, we went hiking by the lake.', 0),
  window(1, 'How do you approach quality?', 'We write unit tests for every change and nobody merges without a code review.', 30),
  window(2, 'Tell me about helping others.', 'I mentored two new grads and we did a lot of pairing.', 60),
];

const base: PairFeatures = {
  windowIndex: 0,
  criterionId: 'x',
  answerRelevance: 2,
  questionRelevance: 0,
  questionShare: 0,
  shareOfWindow: 1,
  questionLink: 0,
  plannedFor: 0,
  tagged: false,
  askingShare: 0,
  // Raw cosines as the installed vectors give them for ordinary talk: close to every criterion.
  semantic: 0.8,
  semanticLift: 0,
  inheritedLink: false,
  questionSemantic: 0.75,
  questionSemanticLift: 0,
  sentenceLift: 0,
  semanticMargin: 0,
  partLift: 0,
  previousTopic: 0,
  planMeaningLift: 0,
  previousPlanMeaning: 0,
  answerWords: 30,
  opening: false,
  dealBreakerDenial: false,
  badLean: 0,
  dealBreakerThread: 0,
};

describe('confidenceOf', () => {
  it('rises with each kind of evidence and stays within 0–1', () => {
    const plain = confidenceOf(base);
    expect(confidenceOf({ ...base, answerRelevance: 6 })).toBeGreaterThan(plain);
    expect(confidenceOf({ ...base, questionLink: 0.8 }, false)).toBeGreaterThan(confidenceOf(base, false));
    expect(confidenceOf({ ...base, planMeaningLift: 0.2 })).toBeGreaterThan(plain);
    expect(confidenceOf({ ...base, partLift: 0.1 })).toBeGreaterThan(plain);
    expect(confidenceOf({ ...base, previousTopic: 1 })).toBeGreaterThan(plain);
    expect(confidenceOf({ ...base, previousPlanMeaning: 0.2 })).toBeGreaterThan(plain);
    expect(confidenceOf({ ...base, questionRelevance: 5, questionShare: 1 })).toBeGreaterThan(plain);
    expect(confidenceOf({ ...base, tagged: true })).toBeGreaterThan(0.8);
    expect(confidenceOf({ ...base, sentenceLift: 0.1 })).toBeGreaterThan(plain);
    expect(confidenceOf({ ...base, questionSemanticLift: 0.05 })).toBeGreaterThan(plain);
    expect(confidenceOf({ ...base, plannedFor: 0.6 })).toBeGreaterThan(plain);
    expect(confidenceOf({ ...base, askingShare: 1 })).toBeLessThan(plain);
    for (const c of [confidenceOf({ ...base, answerRelevance: 0, shareOfWindow: 0 }), confidenceOf({ ...base, answerRelevance: 1e6, tagged: true })]) {
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });

  it('discounts the opening exchange and one-line answers, and counts a denial on a deal-breaker', () => {
    const plain = confidenceOf(base);
    expect(confidenceOf({ ...base, opening: true })).toBeLessThan(plain);
    expect(confidenceOf({ ...base, answerWords: 5 })).toBeLessThan(plain);
    expect(confidenceOf({ ...base, dealBreakerDenial: true })).toBeGreaterThan(plain);
    // Words alone have their own fitted model, with the same signs.
    expect(confidenceOf({ ...base, opening: true }, false)).toBeLessThan(confidenceOf(base, false));
    expect(confidenceOf({ ...base, dealBreakerDenial: true }, false)).toBeGreaterThan(confidenceOf(base, false));
  });

  it('gives no confidence to an answer that matches nothing', () => {
    expect(confidenceOf({ ...base, answerRelevance: 0, shareOfWindow: 0 })).toBeLessThan(0.05);
  });

  it('takes an answer to a question planned for this criterion alone, asked nearly as written, as evidence', () => {
    const silent = { ...base, answerRelevance: 0, shareOfWindow: 0 };
    const planned = { ...silent, questionLink: STRONG_LINK_SIMILARITY, plannedFor: STRONG_LINK_SIMILARITY };
    expect(confidenceOf(planned)).toBe(PLANNED_FOR_CONFIDENCE);
    // A loose paraphrase, or a candidate asking their own questions, gets no floor.
    expect(confidenceOf({ ...planned, questionLink: 0.4, plannedFor: 0.4 })).toBeLessThan(PLANNED_FOR_CONFIDENCE);
    expect(confidenceOf({ ...planned, askingShare: 1 })).toBeLessThan(PLANNED_FOR_CONFIDENCE);
    // The floor never lowers a stronger score.
    expect(confidenceOf({ ...planned, answerRelevance: 8, shareOfWindow: 1, semantic: 0.6, semanticLift: 0.1 })).toBeGreaterThan(PLANNED_FOR_CONFIDENCE);
    // The answer must still be about the criterion: one more about something else gets no floor.
    expect(confidenceOf({ ...planned, semanticLift: -0.05 })).toBeLessThan(PLANNED_FOR_CONFIDENCE);
  });

  it('names the signals behind a score', () => {
    expect(reasonsOf({ ...base, questionLink: 0.5, questionRelevance: 2, tagged: true })).toEqual(['question-link', 'lexical', 'question-lexical', 'tag']);
    expect(reasonsOf({ ...base, answerRelevance: 0.2 })).toEqual([]);
    // The new signals name themselves where they decided: a paraphrased planned question, one part of
    // the criterion, the previous question's subject carried into an unplanned follow-up.
    expect(reasonsOf({ ...base, answerRelevance: 0, planMeaningLift: 0.2, partLift: 0.12, previousTopic: 1 })).toEqual(['plan-meaning', 'semantic', 'topic']);
  });
});

describe('scorePairs', () => {
  it('scores the answer about a criterion highest for that criterion', async () => {
    const profiles = await buildCriterionProfiles(criteria, [], noSynonyms);
    const { pairs } = scorePairs({ windows, profiles, questions: [], tags: [] });
    const get = (w: number, c: string) => pairs.find((p) => p.windowIndex === w && p.criterionId === c)!;
    expect(pairs).toHaveLength(6);
    expect(get(1, 'testing').answerRelevance).toBeGreaterThan(get(1, 'mentoring').answerRelevance);
    expect(get(1, 'testing').shareOfWindow).toBe(1);
    expect(get(2, 'mentoring').answerRelevance).toBeGreaterThan(get(2, 'testing').answerRelevance);
    expect(get(0, 'testing').answerRelevance).toBe(0);
    expect(confidenceOf(get(1, 'testing'))).toBeGreaterThan(0.5);
    expect(confidenceOf(get(0, 'mentoring'))).toBeLessThan(0.1);
  });

  it('links planned questions and tags to their windows', async () => {
    const questions = [{ id: 'q', text: 'Tell me about a weekend you spent hiking.', criterionIds: ['mentoring'] }];
    const profiles = await buildCriterionProfiles(criteria, questions, noSynonyms);
    const tags = [{ time: windows[1]!.answerEnd + 2, criterionId: 'mentoring', author: 'Ana' }];
    const { pairs } = scorePairs({ windows, profiles, questions, tags });
    const get = (w: number, c: string) => pairs.find((p) => p.windowIndex === w && p.criterionId === c)!;
    expect(get(0, 'mentoring').questionLink).toBeGreaterThan(0);
    expect(get(0, 'testing').questionLink).toBe(0);
    // A first question that is a planned one is not discounted as the greeting exchange.
    expect(get(0, 'mentoring').opening).toBe(false);
    const { pairs: unplanned } = scorePairs({ windows, profiles, questions: [], tags: [] });
    expect(unplanned.find((p) => p.windowIndex === 0)!.opening).toBe(true);
    expect(get(1, 'mentoring').tagged).toBe(true);
    expect(pairs.filter((p) => p.tagged)).toHaveLength(1);
  });

  it('counts a planned question as asked for one criterion only when the plan links it to that criterion alone', async () => {
    const questions = [
      { id: 'one', text: 'Tell me about a weekend you spent hiking.', criterionIds: ['mentoring'] },
      { id: 'both', text: 'How do you approach quality and helping others?', criterionIds: ['testing', 'mentoring'] },
    ];
    const profiles = await buildCriterionProfiles(criteria, questions, noSynonyms);
    const { pairs } = scorePairs({ windows, profiles, questions, tags: [] });
    const get = (w: number, c: string) => pairs.find((p) => p.windowIndex === w && p.criterionId === c)!;
    expect(get(0, 'mentoring').plannedFor).toBe(get(0, 'mentoring').questionLink);
    expect(get(0, 'mentoring').plannedFor).toBeGreaterThan(0);
    expect(get(1, 'testing').questionLink).toBeGreaterThan(0);
    expect(get(1, 'testing').plannedFor).toBe(0);
  });
});

describe('windowOfTag', () => {
  it('prefers the answer being given, then the one that just ended, then the question being asked', () => {
    expect(windowOfTag(windows, windows[1]!.answerStart + 1)).toBe(1);
    expect(windowOfTag(windows, windows[1]!.answerEnd + TAG_LATE_SECONDS - 1)).toBe(1);
    expect(windowOfTag(windows, windows[2]!.answerStart + 0.5)).toBe(2);
    expect(windowOfTag([windows[0]!], windows[0]!.questionStart + 1)).toBe(0);
    expect(windowOfTag(windows, 10_000)).toBeNull();
  });
});
