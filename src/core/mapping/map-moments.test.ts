import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors.js';
import type { Segment } from '../transcript/transcript.js';
import { mapMoments } from './map-moments.js';
import type { MappingCriterion } from './mapping-input.js';
import { noSynonyms } from './wordnet-synonyms.js';

const criteria: MappingCriterion[] = [
  {
    id: 'ops',
    kind: 'must-have',
    title: 'Production ownership and incident response',
    description: 'Owns services in production: on-call, monitoring, incidents, postmortems.',
    goodLooksLike: 'Led incidents and wrote postmortems.',
    badLooksLike: 'Never been on call.',
    signals: ['on-call', 'outage', 'postmortem', 'rollback'],
  },
  {
    id: 'mentoring',
    kind: 'trade-off',
    title: 'Mentoring junior engineers',
    description: 'Helps other engineers grow.',
    goodLooksLike: 'Pairing and regular one on ones.',
    badLooksLike: '',
    signals: ['mentor', 'pairing', 'new grads'],
  },
];

let clock = 0;
const say = (speaker: string, text: string): Segment => {
  const seconds = Math.max(2, text.split(' ').length / 2.5);
  const s = { start: clock, end: clock + seconds, speaker, text, words: [] };
  clock += seconds + 0.8;
  return s;
};

function interview() {
  clock = 0;
  const segments = [
    say('Interviewer', 'Hi! How is your day going?'),
    say('Candidate', 'Good, thanks, the weather is lovely here.'),
    say('Interviewer', 'Tell me about an outage you handled while on call.'),
    say('Candidate', 'Sure. Our database ran out of connections on a Friday night.'),
    say('Candidate', 'I was on call, so I rolled back the config and wrote the postmortem the next morning.'),
    say('Interviewer', 'Have you mentored anyone?'),
    say('Candidate', 'Yes, I mentored two new grads, mostly through pairing on their first features.'),
  ];
  return { durationSec: clock, segments };
}

describe('mapMoments', () => {
  it('proposes the answers that are evidence, each with its best quote, and nothing for small talk', async () => {
    const moments = await mapMoments({ transcript: interview(), criteria, interviewerSpeakers: ['Interviewer'] }, { synonyms: noSynonyms });
    expect(moments.map((m) => m.criterionId)).toEqual(['ops', 'mentoring']);
    const [ops, mentoring] = moments;
    expect(ops!.quote).toContain('rolled back the config and wrote the postmortem');
    expect(ops!.question).toBe('Tell me about an outage you handled while on call.');
    expect(ops!.start).toBeGreaterThanOrEqual(ops!.answerStart);
    expect(ops!.end).toBeLessThanOrEqual(ops!.answerEnd);
    expect(ops!.reasons).toContain('lexical');
    expect(mentoring!.quote).toBe('Yes, I mentored two new grads, mostly through pairing on their first features.');
    for (const m of moments) {
      expect(m.confidence).toBeGreaterThan(0.4);
      expect(m.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('uses planned questions and tags to raise confidence, and names them as reasons', async () => {
    const transcript = interview();
    const plain = await mapMoments({ transcript, criteria, interviewerSpeakers: ['Interviewer'] }, { synonyms: noSynonyms });
    const helped = await mapMoments(
      {
        transcript,
        criteria,
        questions: [{ id: 'q', text: 'Have you ever mentored anyone?', criterionIds: ['mentoring'] }],
        tags: [{ time: transcript.segments[6]!.start + 1, criterionId: 'mentoring', author: 'Ana' }],
        interviewerSpeakers: ['Interviewer'],
      },
      { synonyms: noSynonyms },
    );
    const before = plain.find((m) => m.criterionId === 'mentoring')!;
    const after = helped.find((m) => m.criterionId === 'mentoring')!;
    expect(after.confidence).toBeGreaterThan(before.confidence);
    expect(after.reasons).toEqual(expect.arrayContaining(['question-link', 'tag']));
  });

  it('a tag alone makes a moment, even where the words do not match', async () => {
    const transcript = interview();
    const moments = await mapMoments(
      { transcript, criteria, tags: [{ time: transcript.segments[1]!.end + 1, criterionId: 'ops', author: 'Ana' }], interviewerSpeakers: ['Interviewer'] },
      { synonyms: noSynonyms },
    );
    expect(moments.find((m) => m.start < transcript.segments[2]!.start)).toMatchObject({ criterionId: 'ops', reasons: ['tag'] });
  });

  it('respects the threshold and the per-criterion cap', async () => {
    const transcript = interview();
    expect(await mapMoments({ transcript, criteria, interviewerSpeakers: ['Interviewer'] }, { synonyms: noSynonyms, threshold: 0.999 })).toEqual([]);
    const capped = await mapMoments({ transcript, criteria, interviewerSpeakers: ['Interviewer'] }, { synonyms: noSynonyms, threshold: 0, maxPerCriterion: 1 });
    expect(capped.filter((m) => m.criterionId === 'ops')).toHaveLength(1);
  });

  it('returns nothing without criteria or answers', async () => {
    expect(await mapMoments({ transcript: interview(), criteria: [], interviewerSpeakers: ['Interviewer'] }, { synonyms: noSynonyms })).toEqual([]);
    expect(await mapMoments({ transcript: { durationSec: 0, segments: [] }, criteria, interviewerSpeakers: ['Interviewer'] }, { synonyms: noSynonyms })).toEqual([]);
  });

  it('rejects malformed input with a message that names the field', async () => {
    const bad = { transcript: interview(), criteria: [{ ...criteria[0]!, kind: 'nice-to-have' }], interviewerSpeakers: ['Interviewer'] };
    await expect(mapMoments(bad as never)).rejects.toThrow(UserFacingError);
    await expect(mapMoments(bad as never)).rejects.toThrow(/criteria\[0\]\.kind/);
  });

  it('expands criteria with WordNet synonyms by default', async () => {
    clock = 0;
    const transcript = {
      durationSec: 30,
      // After the greeting: the opening exchange is discounted as small talk.
      segments: [say('Interviewer', 'Hi, can you hear me?'), say('Candidate', 'Yes, all good.'), say('Interviewer', 'How do you share results?'), say('Candidate', 'I usually draw one simple graph and walk leadership through it.')],
    };
    const chartCriterion: MappingCriterion = { id: 'comm', kind: 'must-have', title: 'Charts for stakeholders', description: '', goodLooksLike: '', badLooksLike: '', signals: ['chart'] };
    const other: MappingCriterion = { id: 'sql', kind: 'must-have', title: 'SQL queries', description: '', goodLooksLike: '', badLooksLike: '', signals: ['joins'] };
    const literal = await mapMoments({ transcript, criteria: [chartCriterion, other], interviewerSpeakers: ['Interviewer'] }, { synonyms: noSynonyms, threshold: 0 });
    const expanded = await mapMoments({ transcript, criteria: [chartCriterion, other], interviewerSpeakers: ['Interviewer'] }, { threshold: 0 });
    const confidence = (ms: typeof literal) => ms.find((m) => m.criterionId === 'comm' && /graph/.test(m.quote))?.confidence ?? 0;
    expect(confidence(expanded)).toBeGreaterThan(confidence(literal));
  });
});
