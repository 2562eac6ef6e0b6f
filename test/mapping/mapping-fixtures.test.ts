// Regression guard on the labelled scripted interviews (test/fixtures/interviews): the mapper must keep
// precision and recall of (answer window, criterion) pairs at or above 0.8. Not a timing test.
import { beforeAll, describe, expect, it } from 'vitest';
import { segmentAnswerWindows } from '../../src/core/mapping/answer-windows.js';
import { mapMoments } from '../../src/core/mapping/map-moments.js';
import {
  INTERVIEWER_SPEAKERS,
  NO_COUNTS,
  addCounts,
  countPairs,
  loadAllInterviewFixtures,
  precision,
  recall,
  type InterviewFixture,
} from './interview-fixtures.js';

let fixtures: InterviewFixture[];
beforeAll(async () => {
  fixtures = await loadAllInterviewFixtures();
});

describe('labelled interview fixtures', () => {
  it('cover at least 12 interviews over 4 roles, half of them with interviewer tags', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
    const roles = new Map<string, number>();
    for (const f of fixtures) roles.set(f.role, (roles.get(f.role) ?? 0) + 1);
    expect(roles.size).toBeGreaterThanOrEqual(4);
    for (const count of roles.values()) expect(count).toBeGreaterThanOrEqual(3);
    expect(fixtures.filter((f) => f.tags.length > 0).length).toBe(fixtures.length / 2);
    for (const f of fixtures) {
      expect(f.windows.length, f.name).toBeGreaterThanOrEqual(8);
      expect(f.windows.length, f.name).toBeLessThanOrEqual(15);
      expect(f.criteria.map((c) => c.kind).sort(), f.name).toEqual(['deal-breaker', 'must-have', 'must-have', 'must-have', 'trade-off', 'trade-off']);
      expect(f.windows.some((w) => w.criterionIds.length === 0), `${f.name} has small talk`).toBe(true);
    }
    expect(fixtures.some((f) => f.windows.some((w) => w.criterionIds.length >= 2))).toBe(true);
  });

  it('segment into the same answer windows a human labelled', () => {
    for (const f of fixtures) {
      const windows = segmentAnswerWindows(f.transcript, INTERVIEWER_SPEAKERS);
      expect(
        windows.map((w) => w.answerStart),
        f.name,
      ).toEqual(f.windows.map((w) => w.start));
    }
  });

  it('map moments with precision and recall of at least 0.8', async () => {
    let counts = NO_COUNTS;
    for (const f of fixtures) {
      const moments = await mapMoments({
        transcript: f.transcript,
        criteria: f.criteria,
        questions: f.questions,
        tags: f.tags,
        interviewerSpeakers: INTERVIEWER_SPEAKERS,
      });
      for (const m of moments) {
        expect(m.quote.length).toBeGreaterThan(0);
        expect(m.start).toBeGreaterThanOrEqual(m.answerStart);
        expect(m.end).toBeLessThanOrEqual(m.answerEnd + 0.01);
      }
      counts = addCounts(counts, countPairs(f.windows, moments));
    }
    expect(precision(counts)).toBeGreaterThanOrEqual(0.8);
    expect(recall(counts)).toBeGreaterThanOrEqual(0.8);
  });
});
