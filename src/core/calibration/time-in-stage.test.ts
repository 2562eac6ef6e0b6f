import { describe, expect, it } from 'vitest';
import { addCandidate, daysAgo, emptyInput, NOW } from './calibration-test-fixture.js';
import { median, timeInStage } from './time-in-stage.js';

describe('time in stage', () => {
  it('measures each stay from the recorded changes, the current stage up to now, and the median per stage', () => {
    const input = emptyInput();
    addCandidate(input, 'a', 'Ana', { stage: 'Onsite', createdAt: daysAgo(20) });
    addCandidate(input, 'b', 'Ben', { stage: 'Phone screen', createdAt: daysAgo(10) });
    addCandidate(input, 'c', 'Cy', { stage: 'Onsite', createdAt: daysAgo(30) });
    input.stageChanges.push(
      { candidateId: 'a', fromStage: null, toStage: 'Phone screen', at: daysAgo(20) },
      { candidateId: 'a', fromStage: 'Phone screen', toStage: 'Onsite', at: daysAgo(16) },
      { candidateId: 'b', fromStage: null, toStage: 'Phone screen', at: daysAgo(10) },
      // Cy was added already in a stage, before history was recorded: that stay starts when they were added.
      { candidateId: 'c', fromStage: 'Phone screen', toStage: 'Onsite', at: daysAgo(22) },
    );
    const t = timeInStage(input.candidates, input.stageChanges, NOW);
    const ana = t.candidates.find((c) => c.candidateId === 'a')!;
    expect(ana.spans.map((s) => [s.stage, Math.round(s.days), s.to === null])).toEqual([['Phone screen', 4, false], ['Onsite', 16, true]]);
    expect(t.medians).toEqual([
      { stage: 'Phone screen', medianDays: 8, candidates: 3, ongoing: 1 },
      { stage: 'Onsite', medianDays: 19, candidates: 2, ongoing: 2 },
    ]);
  });

  it('has no spans for a candidate with no stage and no history, and no medians with no candidates', () => {
    const input = emptyInput();
    addCandidate(input, 'a', 'Ana');
    expect(timeInStage(input.candidates, [], NOW)).toEqual({ candidates: [{ candidateId: 'a', candidateName: 'Ana', currentStage: null, spans: [] }], medians: [] });
    expect(timeInStage([], [], NOW)).toEqual({ candidates: [], medians: [] });
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});
