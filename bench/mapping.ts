// Offline moment → criterion mapping against hand labels (test/fixtures/interviews). A pair is (answer
// window, criterion); a proposed moment counts for the labelled window that holds its start. Labels
// were written before the mapper ran on them.
// Two sets of labelled interviews (each labels file names its set):
//   development: 12 scripted interviews, 4 roles; the mapper's features, weights and thresholds were
//     chosen while looking at its output on these, so their figures are in-sample.
//   held-out: written and labelled afterwards, before the mapper was run on them (one role, customer
//     success manager, is not in the development set); never used to tune anything.
// Lines:
//   mapping-precision / mapping-recall: all labelled interviews (development + held-out), all
//     criteria, full input (goal ≥ 0.8 each)
//   mapping-{precision,recall}-<kind>: the same, per criterion kind
//   mapping-dev-… and mapping-heldout-…: the same figures over one set only
//   ablations (all labelled interviews, and held-out only), so it is clear what drives the score:
//     -no-plan: without the interview plan (no planned-question links, no plan words in profiles)
//     -no-tags: without interviewer tags (some interviews of each set have some)
//     -lexical-only: neither plan nor tags
//     -no-synonyms: WordNet expansion off
import { pathToFileURL } from 'node:url';
import { mapMoments, type MapMomentsOptions } from '../src/core/mapping/map-moments.js';
import type { MappingCriterionKind } from '../src/core/mapping/mapping-input.js';
import { noSynonyms } from '../src/core/mapping/wordnet-synonyms.js';
import {
  NO_COUNTS,
  addCounts,
  countPairs,
  loadAllInterviewFixtures,
  precision,
  recall,
  type FixtureSet,
  type InterviewFixture,
  type PairCounts,
} from '../test/mapping/interview-fixtures.js';
import { printMetric } from './support/metrics.js';

const KINDS: MappingCriterionKind[] = ['must-have', 'trade-off', 'deal-breaker'];

interface Variant {
  suffix: string;
  usePlan: boolean;
  useTags: boolean;
  options: MapMomentsOptions;
}

const VARIANTS: Variant[] = [
  { suffix: '', usePlan: true, useTags: true, options: {} },
  { suffix: '-no-plan', usePlan: false, useTags: true, options: {} },
  { suffix: '-no-tags', usePlan: true, useTags: false, options: {} },
  { suffix: '-lexical-only', usePlan: false, useTags: false, options: {} },
  { suffix: '-no-synonyms', usePlan: true, useTags: true, options: { synonyms: noSynonyms } },
];

/** Which interviews a line is computed over, and the prefix its name gets. */
interface Scope {
  prefix: string;
  includes: (f: InterviewFixture) => boolean;
  /** Ablation lines too, not only the full-input figures. */
  ablations: boolean;
}

const inSet = (set: FixtureSet) => (f: InterviewFixture) => f.set === set;
const SCOPES: Scope[] = [
  { prefix: 'mapping', includes: () => true, ablations: true },
  { prefix: 'mapping-dev', includes: inSet('development'), ablations: false },
  { prefix: 'mapping-heldout', includes: inSet('held-out'), ablations: true },
];

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Pair counts per interview, under 'all' and under each criterion kind. */
type Totals = Map<string, PairCounts>;

async function evaluate(f: InterviewFixture, variant: Variant): Promise<Totals> {
  const moments = await mapMoments(
    {
      transcript: f.transcript,
      criteria: f.criteria,
      questions: variant.usePlan ? f.questions : [],
      tags: variant.useTags ? f.tags : [],
      interviewerSpeakers: f.interviewerSpeakers,
    },
    variant.options,
  );
  const totals: Totals = new Map([['all', countPairs(f.windows, moments)]]);
  for (const kind of KINDS) {
    const ofKind = new Set(f.criteria.filter((c) => c.kind === kind).map((c) => c.id));
    totals.set(kind, countPairs(f.windows, moments, (id) => ofKind.has(id)));
  }
  return totals;
}

function sum(perInterview: readonly Totals[], key: string): PairCounts {
  return perInterview.reduce((acc, t) => addCounts(acc, t.get(key) ?? NO_COUNTS), NO_COUNTS);
}

export async function run(): Promise<void> {
  const fixtures = await loadAllInterviewFixtures();
  const heldOut = fixtures.filter(inSet('held-out'));
  printMetric('mapping-interviews', fixtures.length, 0);
  printMetric('mapping-heldout-interviews', heldOut.length, 0);
  printMetric('mapping-answer-windows', fixtures.reduce((n, f) => n + f.windows.length, 0), 0);
  printMetric('mapping-labelled-pairs', fixtures.reduce((n, f) => n + f.windows.reduce((m, w) => m + w.criterionIds.length, 0), 0), 0);
  for (const variant of VARIANTS) {
    const perInterview = new Map<InterviewFixture, Totals>();
    for (const f of fixtures) perInterview.set(f, await evaluate(f, variant));
    for (const scope of SCOPES) {
      if (variant.suffix !== '' && !scope.ablations) continue;
      const inScope = fixtures.filter(scope.includes).map((f) => perInterview.get(f)!);
      const all = sum(inScope, 'all');
      printMetric(`${scope.prefix}-precision${variant.suffix}`, round(precision(all)));
      printMetric(`${scope.prefix}-recall${variant.suffix}`, round(recall(all)));
      if (variant.suffix !== '') continue;
      for (const kind of KINDS) {
        const counts = sum(inScope, kind);
        printMetric(`${scope.prefix}-precision-${kind}`, round(precision(counts)));
        printMetric(`${scope.prefix}-recall-${kind}`, round(recall(counts)));
      }
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
