// The "feel" detector on labelled feedback sentences (test/fixtures/feedback): precision and recall of
// flagging, the held-out set as the headline (written and labelled before the detector existed), dev apart.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assessFeel } from '../src/core/feedback/feel-detector.js';
import { printMetric } from './support/metrics.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/feedback');

interface Labelled {
  text: string;
  feel: boolean;
}

function score(set: readonly Labelled[]): { precision: number; recall: number; misses: string[] } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: string[] = [];
  for (const s of set) {
    const flagged = assessFeel(s.text).feel;
    if (flagged && s.feel) tp++;
    else if (flagged) fp++;
    else if (s.feel) fn++;
    if (flagged !== s.feel) misses.push(`${s.feel ? 'missed' : 'wrongly flagged'}: ${s.text}`);
  }
  return { precision: tp + fp === 0 ? 0 : tp / (tp + fp), recall: tp + fn === 0 ? 0 : tp / (tp + fn), misses };
}

const load = (name: string) => JSON.parse(readFileSync(path.join(fixtures, `${name}.json`), 'utf8')) as Labelled[];

export async function run(): Promise<void> {
  const heldOut = load('held-out');
  const dev = load('dev');
  const held = score(heldOut);
  const tuned = score(dev);
  printMetric('feel-detector-sentences-held-out', heldOut.length, 0);
  printMetric('feel-detector-precision', held.precision);
  printMetric('feel-detector-recall', held.recall);
  printMetric('feel-detector-sentences-dev', dev.length, 0);
  printMetric('feel-detector-precision-dev', tuned.precision);
  printMetric('feel-detector-recall-dev', tuned.recall);
  for (const miss of held.misses) process.stdout.write(`# held-out ${miss}\n`);
}
