// Regression guard on the labelled scripted interviews (test/fixtures/interviews): the mapper must keep
// precision (≥ 0.84) and recall (≥ 0.72) of (answer window, criterion) pairs on the development set
// (126 interviews, eight authors; the shipped weights are at 0.88 / 0.73 on it, and 0.86 / 0.74 refitted
// leaving one author out: the threshold is chosen for precision across authors, not best F1 in-sample).
// The held-out set is checked for shape here (when one is present) and scored by bench/mapping.ts; it
// is not a pass/fail gate, so that nobody tunes the mapper until it passes. Not a timing test.
import { describe, expect, it } from 'vitest';
import { segmentAnswerWindows } from '../../src/core/mapping/answer-windows.js';
import { mapMoments } from '../../src/core/mapping/map-moments.js';
import {
  NO_COUNTS,
  addCounts,
  countPairs,
  loadAllInterviewFixtures,
  precision,
  recall,
  type InterviewFixture,
} from './interview-fixtures.js';

const fixtures: InterviewFixture[] = await loadAllInterviewFixtures();
const development = fixtures.filter((f) => f.set === 'development');
const heldOut = fixtures.filter((f) => f.set === 'held-out');

describe('labelled interview fixtures', () => {
  it('develop on at least 30 interviews over 10 roles, some with interviewer tags and panels', () => {
    expect(development.length).toBeGreaterThanOrEqual(30);
    expect(new Set(development.map((f) => f.role)).size).toBeGreaterThanOrEqual(10);
    expect(development.some((f) => f.interviewerSpeakers.length === 2)).toBe(true);
    expect(development.some((f) => f.tags.length > 0)).toBe(true);
  });

  // The held-out set is written separately and may not be present in every checkout.
  it.skipIf(heldOut.length === 0)('hold out at least 10 interviews over 5 roles the development set lacks, panels and tags among them', () => {
    expect(heldOut.length).toBeGreaterThanOrEqual(10);
    const roles = new Set(heldOut.map((f) => f.role));
    expect(roles.size).toBeGreaterThanOrEqual(5);
    const developedRoles = new Set(development.map((f) => f.role));
    expect([...roles].filter((r) => developedRoles.has(r))).toEqual([]);
    expect(heldOut.some((f) => f.tags.length > 0)).toBe(true);
    expect(heldOut.some((f) => f.interviewerSpeakers.length === 2)).toBe(true);
  });

  it('each have small talk, 8–20 answer windows and the rubric shape', () => {
    for (const f of fixtures) {
      expect(f.windows.length, f.name).toBeGreaterThanOrEqual(8);
      expect(f.windows.length, f.name).toBeLessThanOrEqual(20);
      expect(f.criteria.map((c) => c.kind).sort(), f.name).toEqual(['deal-breaker', 'must-have', 'must-have', 'must-have', 'trade-off', 'trade-off']);
      expect(f.windows.some((w) => w.criterionIds.length === 0), `${f.name} has small talk`).toBe(true);
    }
    expect(fixtures.some((f) => f.windows.some((w) => w.criterionIds.length >= 2))).toBe(true);
  });

  it('segment into the same answer windows a human labelled', () => {
    for (const f of fixtures) {
      const windows = segmentAnswerWindows(f.transcript, f.interviewerSpeakers);
      expect(
        windows.map((w) => w.answerStart),
        f.name,
      ).toEqual(f.windows.map((w) => w.start));
    }
  });

  it('map moments with precision of at least 0.84 and recall of at least 0.72 on the development set, quotes inside their answers', async () => {
    let counts = NO_COUNTS;
    for (const f of fixtures) {
      const moments = await mapMoments({
        transcript: f.transcript,
        criteria: f.criteria,
        questions: f.questions,
        tags: f.tags,
        interviewerSpeakers: f.interviewerSpeakers,
      });
      for (const m of moments) {
        expect(m.quote.length).toBeGreaterThan(0);
        expect(m.start).toBeGreaterThanOrEqual(m.answerStart);
        expect(m.end).toBeLessThanOrEqual(m.answerEnd + 0.01);
      }
      if (f.set === 'development') counts = addCounts(counts, countPairs(f.windows, moments));
    }
    expect(precision(counts)).toBeGreaterThanOrEqual(0.84);
    // 0.72, not 0.73: the seventh and eighth authors' interviews joined unseen by the shipped weights.
    expect(recall(counts)).toBeGreaterThanOrEqual(0.72);
  }, 600_000); // 138 interviews: past the default limit beside two busy loops
});
