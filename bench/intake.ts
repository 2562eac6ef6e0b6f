// Offline intake drafting vs the rubric a recruiter wrote from the same call (test/fixtures/intake).
//
// Matching rule, fixed before the extractor was written: a drafted criterion D matches an expected
// criterion E when they have the same kind, D's words (title + every quote behind it) share at least
// two content stems with E's title + signals, and at least one of them is in E's title.
// Content stems: lower-cased words minus stopwords and filler, Porter-stemmed (src/core/rubric/text-stems.ts).
//   intake-expected-found: expected criteria matched by at least one drafted criterion / all expected (goal ≥ 0.8)
//   intake-drafted-real:   drafted criteria that match at least one expected criterion / all drafted (goal ≥ 0.7)
import { draftRubricFromIntake, type IntakeDraft } from '../src/core/rubric/draft-from-intake.js';
import type { Criterion } from '../src/core/rubric/rubric.js';
import { contentStemSet, intersectionSize } from '../src/core/rubric/text-stems.js';
import { INTAKE_FIXTURES, loadIntakeFixture } from '../test/rubric/intake-fixtures.js';
import { printMetric } from './support/metrics.js';

export const MIN_SHARED_STEMS = 2;
export const MIN_SHARED_TITLE_STEMS = 1;

export interface DraftedForMatching {
  kind: Criterion['kind'];
  title: string;
  quotes: string[];
}

export function matchesExpected(drafted: DraftedForMatching, expected: Pick<Criterion, 'kind' | 'title' | 'signals'>): boolean {
  if (drafted.kind !== expected.kind) return false;
  const draftedStems = contentStemSet([drafted.title, ...drafted.quotes].join(' '));
  const expectedTitle = contentStemSet(expected.title);
  const expectedAll = contentStemSet([expected.title, ...expected.signals].join(' '));
  return intersectionSize(draftedStems, expectedAll) >= MIN_SHARED_STEMS && intersectionSize(draftedStems, expectedTitle) >= MIN_SHARED_TITLE_STEMS;
}

export interface DraftScore {
  expectedFound: number;
  expectedTotal: number;
  draftedReal: number;
  draftedTotal: number;
  missed: string[];
  unmatched: string[];
}

export function scoreDraft(draft: IntakeDraft, expected: readonly Criterion[]): DraftScore {
  const drafted = draft.rubric.criteria.map((c) => ({
    kind: c.kind,
    title: c.title,
    quotes: draft.evidence.filter((e) => e.criterionId === c.id).map((e) => e.quote),
  }));
  const found = expected.filter((e) => drafted.some((d) => matchesExpected(d, e)));
  const real = drafted.filter((d) => expected.some((e) => matchesExpected(d, e)));
  return {
    expectedFound: found.length,
    expectedTotal: expected.length,
    draftedReal: real.length,
    draftedTotal: drafted.length,
    missed: expected.filter((e) => !found.includes(e)).map((e) => `${e.kind}: ${e.title}`),
    unmatched: drafted.filter((d) => !real.includes(d)).map((d) => `${d.kind}: ${d.title}`),
  };
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export async function run(): Promise<void> {
  let found = 0;
  let expected = 0;
  let real = 0;
  let drafted = 0;
  for (const name of INTAKE_FIXTURES) {
    const fixture = await loadIntakeFixture(name);
    const draft = draftRubricFromIntake(fixture.transcript, { now: new Date('2025-01-01T00:00:00Z') });
    const score = scoreDraft(draft, fixture.expected.criteria);
    printMetric(`intake-${name}-expected-found`, ratio(score.expectedFound, score.expectedTotal));
    printMetric(`intake-${name}-drafted-real`, ratio(score.draftedReal, score.draftedTotal));
    printMetric(`intake-${name}-drafted-count`, score.draftedTotal, 0);
    if (score.missed.length > 0) printMetric(`intake-${name}-missed`, score.missed.join('; '));
    if (score.unmatched.length > 0) printMetric(`intake-${name}-not-real`, score.unmatched.join('; '));
    found += score.expectedFound;
    expected += score.expectedTotal;
    real += score.draftedReal;
    drafted += score.draftedTotal;
  }
  printMetric('intake-expected-found', ratio(found, expected));
  printMetric('intake-drafted-real', ratio(real, drafted));
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
