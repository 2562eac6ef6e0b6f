// Regression guard on the labelled scripted interviews (test/fixtures/interviews): the mapper must keep
// precision and recall of (answer window, criterion) pairs at or above 0.8 on the development set.
// The held-out set is checked for shape here and scored by bench/mapping.ts; it is not a pass/fail
// gate, so that nobody tunes the mapper until it passes. Not a timing test.
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
let development: InterviewFixture[];
let heldOut: InterviewFixture[];
beforeAll(async () => {
  fixtures = await loadAllInterviewFixtures();
  development = fixtures.filter((f) => f.set === 'development');
  heldOut = fixtures.filter((f) => f.set === 'held-out');
});

describe('labelled interview fixtures', () => {
  it('develop on at least 12 interviews over 4 roles, half of them with interviewer tags', () => {
    expect(development.length).toBeGreaterThanOrEqual(12);
    const roles = new Map<string, number>();
    for (const f of development) roles.set(f.role, (roles.get(f.role) ?? 0) + 1);
    expect(roles.size).toBeGreaterThanOrEqual(4);
    for (const count of roles.values()) expect(count).toBeGreaterThanOrEqual(3);
    expect(development.filter((f) => f.tags.length > 0).length).toBe(development.length / 2);
  });

  it('hold out at least 4 interviews over 2 roles, one of them a role the development set lacks, some with tags', () => {
    expect(heldOut.length).toBeGreaterThanOrEqual(4);
    const roles = new Set(heldOut.map((f) => f.role));
    expect(roles.size).toBeGreaterThanOrEqual(2);
    const developedRoles = new Set(development.map((f) => f.role));
    expect([...roles].some((r) => !developedRoles.has(r))).toBe(true);
    expect(heldOut.some((f) => f.tags.length > 0)).toBe(true);
    expect(heldOut.some((f) => f.tags.length === 0)).toBe(true);
  });

  it('each have small talk, 8–15 answer windows and the rubric shape', () => {
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

  it('map moments with precision and recall of at least 0.8 on the development set, quotes inside their answers', async () => {
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
      if (f.set === 'development') counts = addCounts(counts, countPairs(f.windows, moments));
    }
    expect(precision(counts)).toBeGreaterThanOrEqual(0.8);
    expect(recall(counts)).toBeGreaterThanOrEqual(0.8);
  });
});
