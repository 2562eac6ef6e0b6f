// Calibration of a large search, computed in memory (the detectors, the weekly read and the three
// ECharts SVGs): 200 candidates, a panel of three, 18 ratings each, 300 decisions with reasons.
import type { CalibrationInput } from '../src/core/calibration/calibration-input.js';
import { buildCalibration } from '../src/core/calibration/calibration-report.js';
import { CRITERIA } from '../src/core/calibration/calibration-test-fixture.js';
import { sharedWordVectors } from '../src/core/mapping/word-vectors.js';
import type { RatingChoice } from '../src/core/scorecard/scorecard.js';
import { medianSeconds, printMetric } from './support/metrics.js';

const STEPS: RatingChoice[] = ['strong_no', 'no', 'yes', 'strong_yes'];
const REASONS = ['People management', 'Missed quota two years running', 'Great discovery call', 'Gave away a big discount', 'Would not relocate', 'Salary expectations too high', 'Held price with procurement', 'Not a culture fit'];

function syntheticSearch(candidates: number, now: Date): CalibrationInput {
  const day = 86_400_000;
  const input: CalibrationInput = { requisition: { id: 'r', title: 'Account executive' }, rubric: { versionId: 'v', version: 1 }, criteria: CRITERIA, candidates: [], ratings: [], decisions: [], stageChanges: [], losses: [] };
  for (let i = 0; i < candidates; i++) {
    const id = `c${i}`;
    const created = new Date(now.getTime() - (60 - (i % 50)) * day).toISOString();
    input.candidates.push({ id, name: `Candidate ${i}`, source: ['Referral', 'LinkedIn', 'Agency'][i % 3]!, stage: 'Onsite', createdAt: created, sessionCount: 3 });
    input.stageChanges.push({ candidateId: id, fromStage: null, toStage: 'Phone screen', at: created }, { candidateId: id, fromStage: 'Phone screen', toStage: 'Onsite', at: new Date(now.getTime() - (30 - (i % 25)) * day).toISOString() });
    for (const [k, interviewer] of ['Dana', 'Lee', 'Sam'].entries()) {
      for (const [j, c] of CRITERIA.entries()) {
        const step = Math.min(3, ((i + j) % 3) + (k === 0 ? 1 : 0));
        input.ratings.push({ candidateId: id, scorecardId: `${id}:${interviewer}`, interviewer, criterionId: c.id, rating: STEPS[step]!, evidenceCount: j === 4 ? 0 : 1 });
      }
    }
  }
  for (let d = 0; d < candidates * 1.5; d++) {
    const i = d % candidates;
    input.decisions.push({
      id: `d${d}`,
      candidateId: `c${i}`,
      decision: (['advance', 'reject', 'hold', 'offer'] as const)[d % 4]!,
      decidedBy: 'Priya',
      decidedAt: new Date(now.getTime() - (d % 40) * day).toISOString(),
      reasons: [{ text: REASONS[d % REASONS.length]!, criterionId: null, momentId: null }, { text: REASONS[(d + 3) % REASONS.length]!, criterionId: null, momentId: null }],
    });
  }
  return input;
}

export async function run(): Promise<void> {
  const words = sharedWordVectors();
  const now = new Date();
  const input = syntheticSearch(200, now);
  buildCalibration(input, { now, words }); // warm-up: vectors decoded, ECharts loaded
  printMetric('calibration-candidates', input.candidates.length, 0);
  printMetric('calibration-ratings', input.ratings.length, 0);
  printMetric('calibration-decisions', input.decisions.length, 0);
  printMetric('calibration-report-ms', (await medianSeconds(async () => buildCalibration(input, { now, words }), 5)) * 1000, 0);
}
