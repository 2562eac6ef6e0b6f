// Offline moment → criterion mapping against hand labels (test/fixtures/interviews: 12 scripted
// interviews, 4 roles). A pair is (answer window, criterion); a proposed moment counts for the labelled
// window that holds its start. Labels were written before the mapper.
//   mapping-precision / mapping-recall: all criteria, full input (goal ≥ 0.8 each)
//   mapping-{precision,recall}-<kind>: the same, per criterion kind
//   ablations, so it is clear what drives the score:
//     -no-plan: without the interview plan (no planned-question links, no plan words in profiles)
//     -no-tags: without interviewer tags (6 of the 12 interviews have some)
//     -lexical-only: neither plan nor tags
//     -no-synonyms: WordNet expansion off
import { pathToFileURL } from 'node:url';
import { mapMoments, type MapMomentsOptions } from '../src/core/mapping/map-moments.js';
import type { MappingCriterionKind } from '../src/core/mapping/mapping-input.js';
import { noSynonyms } from '../src/core/mapping/wordnet-synonyms.js';
import {
  INTERVIEWER_SPEAKERS,
  NO_COUNTS,
  addCounts,
  countPairs,
  loadAllInterviewFixtures,
  precision,
  recall,
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

const round = (x: number): number => Math.round(x * 1000) / 1000;

async function evaluate(fixtures: readonly InterviewFixture[], variant: Variant): Promise<Map<string, PairCounts>> {
  const totals = new Map<string, PairCounts>([['all', NO_COUNTS], ...KINDS.map((k) => [k, NO_COUNTS] as const)]);
  for (const f of fixtures) {
    const moments = await mapMoments(
      {
        transcript: f.transcript,
        criteria: f.criteria,
        questions: variant.usePlan ? f.questions : [],
        tags: variant.useTags ? f.tags : [],
        interviewerSpeakers: INTERVIEWER_SPEAKERS,
      },
      variant.options,
    );
    totals.set('all', addCounts(totals.get('all')!, countPairs(f.windows, moments)));
    for (const kind of KINDS) {
      const ofKind = new Set(f.criteria.filter((c) => c.kind === kind).map((c) => c.id));
      totals.set(kind, addCounts(totals.get(kind)!, countPairs(f.windows, moments, (id) => ofKind.has(id))));
    }
  }
  return totals;
}

export async function run(): Promise<void> {
  const fixtures = await loadAllInterviewFixtures();
  printMetric('mapping-interviews', fixtures.length, 0);
  printMetric('mapping-answer-windows', fixtures.reduce((n, f) => n + f.windows.length, 0), 0);
  printMetric('mapping-labelled-pairs', fixtures.reduce((n, f) => n + f.windows.reduce((m, w) => m + w.criterionIds.length, 0), 0), 0);
  for (const variant of VARIANTS) {
    const totals = await evaluate(fixtures, variant);
    const all = totals.get('all')!;
    printMetric(`mapping-precision${variant.suffix}`, round(precision(all)));
    printMetric(`mapping-recall${variant.suffix}`, round(recall(all)));
    if (variant.suffix !== '') continue;
    for (const kind of KINDS) {
      const counts = totals.get(kind)!;
      printMetric(`mapping-precision-${kind}`, round(precision(counts)));
      printMetric(`mapping-recall-${kind}`, round(recall(counts)));
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
