import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors.js';
import { rubricVersionSchema } from '../rubric/rubric.js';
import { mapMoments } from './map-moments.js';
import { mappingInputFromSession, speakersOf, suggestInterviewerSpeakers, type StoredInterview } from './session-mapping-input.js';

const ids = { discovery: '00000000-0000-4000-8000-000000000001', closing: '00000000-0000-4000-8000-000000000002' };
const rubric = rubricVersionSchema.parse({
  rubricId: '00000000-0000-4000-8000-0000000000aa',
  version: 2,
  requisitionTitle: 'Account executive',
  createdAt: '2026-01-05T10:00:00.000Z',
  criteria: [
    { id: ids.discovery, kind: 'must-have', title: 'Discovery', description: 'Uncovers pain, budget and who signs.', signals: ['budget', 'decision maker'] },
    { id: ids.closing, kind: 'trade-off', title: 'Closing', description: 'Negotiates contracts without leading with discounts.', signals: ['discount', 'procurement'] },
  ],
  interviewPlan: { stages: [{ name: 'Screen', questions: [{ id: 'q1', text: 'How do you run a first call with a prospect?', criterionIds: [ids.discovery] }] }] },
});

const interview = (over: Partial<StoredInterview> = {}): StoredInterview => ({
  durationSec: null,
  segments: [
    { start: 0, end: 4, speaker: 'Dana', text: 'How do you run a first call with a new prospect?', words: [] },
    { start: 5, end: 14, speaker: 'Marcus', text: 'I ask about their budget, what the problem costs them, and who the decision maker is.', words: [] },
    { start: 15, end: 18, speaker: 'Dana', text: 'How do you handle procurement pushing for a discount?', words: [] },
    { start: 19, end: 28, speaker: 'Marcus', text: 'I trade any discount for a longer contract term, and keep my champion close through procurement.', words: [] },
  ],
  tags: [
    { start: 10, criterionId: ids.discovery, note: 'asks who signs', author: 'Dana' },
    { start: 12, criterionId: null, note: null, author: 'Dana' },
    { start: 20, criterionId: 'criterion-of-another-version', note: null, author: null },
  ],
  ...over,
});

describe('mappingInputFromSession', () => {
  it('turns a stored interview and its rubric version into mapper input', async () => {
    const input = mappingInputFromSession(interview(), rubric, ['Dana']);
    expect(input.transcript.durationSec).toBe(28);
    expect(input.criteria.map((c) => c.id)).toEqual([ids.discovery, ids.closing]);
    expect(input.questions).toEqual([{ id: 'q1', text: 'How do you run a first call with a prospect?', criterionIds: [ids.discovery] }]);
    // Flags and tags for criteria outside this version are not evidence for the mapper.
    expect(input.tags).toEqual([{ time: 10, criterionId: ids.discovery, author: 'Dana', note: 'asks who signs' }]);
    expect(input.interviewerSpeakers).toEqual(['Dana']);

    const moments = await mapMoments(input);
    expect(moments.map((m) => m.criterionId)).toEqual([ids.discovery, ids.closing]);
    expect(moments[0]!.reasons).toContain('tag');
    expect(moments[1]!.quote).toContain('discount');
  });

  it('keeps the stored duration when the recording ran past the last words', () => {
    expect(mappingInputFromSession(interview({ durationSec: 60 }), rubric, ['Dana']).transcript.durationSec).toBe(60);
  });

  it('refuses interviewers who are not speakers of the transcript, naming the speakers there are', () => {
    const call = () => mappingInputFromSession(interview(), rubric, ['Interviewer']);
    expect(call).toThrow(UserFacingError);
    expect(call).toThrow(/"Interviewer" did not speak.*"Dana", "Marcus"/);
  });

  it('refuses to map when everyone is an interviewer', () => {
    expect(() => mappingInputFromSession(interview(), rubric, ['Dana', 'Marcus'])).toThrow(/no candidate/);
  });
});

describe('suggestInterviewerSpeakers', () => {
  it('prefers the recorded interviewer, then interviewer labels, then the first speaker', () => {
    expect(suggestInterviewerSpeakers(['Marcus', 'Dana'], 'Dana')).toEqual(['Dana']);
    expect(suggestInterviewerSpeakers(['Candidate', 'Interviewer'], null)).toEqual(['Interviewer']);
    expect(suggestInterviewerSpeakers(['Candidate', 'Interviewer', 'Hiring manager'], 'Someone else')).toEqual(['Interviewer', 'Hiring manager']);
    expect(suggestInterviewerSpeakers(['Dana Whitfield', 'Sam Okafor'], null)).toEqual(['Dana Whitfield']);
  });

  it('suggests nobody when there is no one left to be the candidate', () => {
    expect(suggestInterviewerSpeakers(['Dana'], 'Dana')).toEqual([]);
    expect(suggestInterviewerSpeakers([], null)).toEqual([]);
  });

  it('lists speakers in order of first appearance, skipping unlabelled lines', () => {
    expect(speakersOf([{ speaker: 'B' }, { speaker: null }, { speaker: 'A' }, { speaker: 'B' }, { speaker: ' ' }])).toEqual(['B', 'A']);
  });
});
