// The candidate brief's statement extractor on labelled candidate statements (test/fixtures/brief):
// precision and recall per category and overall (micro-averaged over every statement × category).
// Two sets, reported apart:
//   brief-…: the HELD-OUT set (other roles), written and labelled (and committed) before the extractor
//     existed; never used to tune anything. The headline.
//   brief-dev-…: the development set the cue phrases were chosen on, so its figures are in-sample.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyStatement, STATEMENT_KINDS, type StatementKind } from '../src/core/brief/statement-kinds.js';
import { printMetric } from './support/metrics.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/brief');

interface Labelled {
  text: string;
  labels: StatementKind[];
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const load = (name: string) => JSON.parse(readFileSync(path.join(fixtures, `${name}.json`), 'utf8')) as Labelled[];
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

function score(set: readonly Labelled[]): Map<StatementKind | 'all', Counts> {
  const counts = new Map<StatementKind | 'all', Counts>([['all', { tp: 0, fp: 0, fn: 0 }]]);
  for (const kind of STATEMENT_KINDS) counts.set(kind, { tp: 0, fp: 0, fn: 0 });
  for (const s of set) {
    const found = classifyStatement(s.text);
    for (const kind of STATEMENT_KINDS) {
      const got = found.includes(kind);
      const want = s.labels.includes(kind);
      for (const c of [counts.get(kind)!, counts.get('all')!]) {
        if (got && want) c.tp++;
        else if (got) c.fp++;
        else if (want) c.fn++;
      }
    }
  }
  return counts;
}

function print(prefix: string, set: readonly Labelled[]): void {
  printMetric(`${prefix}-statements`, set.length, 0);
  const counts = score(set);
  const all = counts.get('all')!;
  printMetric(`${prefix}-precision`, ratio(all.tp, all.tp + all.fp), 3);
  printMetric(`${prefix}-recall`, ratio(all.tp, all.tp + all.fn), 3);
  for (const kind of STATEMENT_KINDS) {
    const c = counts.get(kind)!;
    printMetric(`${prefix}-precision-${kind}`, ratio(c.tp, c.tp + c.fp), 3);
    printMetric(`${prefix}-recall-${kind}`, ratio(c.tp, c.tp + c.fn), 3);
  }
}

export async function run(): Promise<void> {
  print('brief', load('held-out'));
  print('brief-dev', load('development'));
}
