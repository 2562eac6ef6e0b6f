// Drift detection on labelled debrief reasons (test/fixtures/calibration): precision and recall of
// "not in the rubric", and how often an on-rubric reason is matched to the right criterion. The
// held-out set (written and labelled before the matcher ran on it) is the headline, dev apart.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReasonMatcher } from '../src/core/calibration/reason-matching.js';
import { sharedWordVectors } from '../src/core/mapping/word-vectors.js';
import { printMetric } from './support/metrics.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Labelled {
  rubric: string;
  text: string;
  criterion: string | null;
}

interface FixtureRubric {
  criteria: { id: string; kind: 'must-have' | 'trade-off' | 'deal-breaker'; title: string; description: string; goodLooksLike: string; signals: string[] }[];
}

const load = <T>(file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as T;

function score(set: readonly Labelled[]) {
  const words = sharedWordVectors();
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let onRubric = 0;
  let rightCriterion = 0;
  const misses: string[] = [];
  for (const item of set) {
    const rubric = load<FixtureRubric>(`test/fixtures/interviews/${item.rubric}.rubric.json`);
    const matcher = new ReasonMatcher(rubric.criteria, words);
    const found = matcher.match({ text: item.text, criterionId: null }).criterionId;
    const flagged = found === null;
    const off = item.criterion === null;
    if (flagged && off) tp++;
    else if (flagged) fp++;
    else if (off) fn++;
    if (!off) {
      onRubric++;
      if (found === item.criterion) rightCriterion++;
    }
    if (found !== item.criterion) misses.push(`${item.rubric}: “${item.text}” → ${found ?? 'off-rubric'} (labelled ${item.criterion ?? 'off-rubric'})`);
  }
  return { precision: tp + fp === 0 ? 0 : tp / (tp + fp), recall: tp + fn === 0 ? 0 : tp / (tp + fn), criterionAccuracy: onRubric ? rightCriterion / onRubric : 0, misses };
}

export async function run(): Promise<void> {
  const heldOut = load<Labelled[]>('test/fixtures/calibration/reasons-held-out.json');
  const dev = load<Labelled[]>('test/fixtures/calibration/reasons-dev.json');
  const held = score(heldOut);
  const tuned = score(dev);
  printMetric('reasons-held-out', heldOut.length, 0);
  printMetric('off-rubric-precision', held.precision);
  printMetric('off-rubric-recall', held.recall);
  printMetric('on-rubric-criterion-accuracy', held.criterionAccuracy);
  printMetric('reasons-dev', dev.length, 0);
  printMetric('off-rubric-precision-dev', tuned.precision);
  printMetric('off-rubric-recall-dev', tuned.recall);
  printMetric('on-rubric-criterion-accuracy-dev', tuned.criterionAccuracy);
  for (const miss of held.misses) process.stdout.write(`# held-out ${miss}\n`);
}
