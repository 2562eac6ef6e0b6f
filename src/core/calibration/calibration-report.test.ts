import { describe, expect, it } from 'vitest';
import { sharedWordVectors } from '../mapping/word-vectors.js';
import { weekOf } from './calibration-charts.js';
import { buildCalibration } from './calibration-report.js';
import { addCandidate, addDecision, addScorecard, all, daysAgo, emptyInput, NOW } from './calibration-test-fixture.js';

const words = sharedWordVectors();

describe('the calibration report', () => {
  it('with no candidates, decisions or scorecards: every part empty with its reason, and no chart of nothing', () => {
    const report = buildCalibration({ ...emptyInput(), rubric: null }, { now: NOW, words });
    expect(report.charts).toEqual([]);
    expect(Object.keys(report.emptyStates).sort()).toEqual(['candidates', 'decisions', 'losses', 'rubric', 'scorecards']);
    expect(report.weeklyRead.sentences[0].text).toBe('No debrief decisions were recorded this week.');
    expect(report.timeInStage).toEqual({ candidates: [], medians: [] });
  });

  it('with one interviewer: ratings chart, but no calibration chart, and says why', () => {
    const input = emptyInput();
    addCandidate(input, 'a', 'Ana');
    addScorecard(input, 'a', 'Dana', all('yes'));
    const report = buildCalibration(input, { now: NOW, words });
    expect(report.charts.map((c) => c.id)).toEqual(['rating-distribution']);
    expect(report.emptyStates.panel).toBe('Only Dana has scored candidates here: calibration needs a second interviewer on the same candidates.');
  });

  it('draws the three charts as SVG with the data in them, text escaped, and keeps the last 30 days of losses', () => {
    const input = emptyInput();
    input.criteria = input.criteria.map((c, i) => (i === 0 ? { ...c, title: 'Discovery <script>alert(1)</script>' } : c));
    for (const id of ['a', 'b']) {
      addCandidate(input, id, id);
      addScorecard(input, id, 'Dana', all('strong_yes'));
      addScorecard(input, id, 'Lee', all('no'));
    }
    addDecision(input, 'a', 'reject', ['People management'], daysAgo(10));
    addDecision(input, 'b', 'advance', ['Missed quota but great discovery'], daysAgo(2));
    input.losses.push(
      { id: 'l1', candidateId: 'a', outcome: 'declined', reason: 'Compensation', recordedBy: 'Ana', recordedAt: daysAgo(3), moments: [] },
      { id: 'l2', candidateId: 'b', outcome: 'withdrawn', reason: 'Old news', recordedBy: 'Ana', recordedAt: daysAgo(45), moments: [] },
    );
    const report = buildCalibration(input, { now: NOW, words });
    expect(report.charts.map((c) => c.id)).toEqual(['rating-distribution', 'decisions-by-week', 'interviewer-calibration']);
    for (const chart of report.charts) expect(chart.svg).toMatch(/^<svg role="img" aria-label="[^"]+" /);
    const ratings = report.charts[0]!.svg;
    expect(ratings).toContain('Strong yes');
    expect(ratings).not.toContain('<script>');
    expect(ratings).toContain('Discovery &lt;script&gt;');
    expect(report.charts[1]!.svg).toContain(`w/c ${weekOf(daysAgo(10))}`);
    expect(report.charts[2]!.svg).toContain('Dana');
    expect(report.lostLast30Days.map((l) => [l.candidateName, l.reason])).toEqual([['a', 'Compensation']]);
    expect(report.weeks.reduce((s, w) => s + w.offRubric, 0)).toBe(1);
  });

  it('puts a decision in the week of its Monday', () => {
    expect(weekOf('2026-03-19T23:00:00.000Z')).toBe('2026-03-16');
    expect(weekOf('2026-03-16T00:00:00.000Z')).toBe('2026-03-16');
    expect(weekOf('2026-03-15T23:59:59.000Z')).toBe('2026-03-09');
  });
});
