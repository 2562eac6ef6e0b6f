import type { Criterion, CriterionKind } from './rubric.js';

/**
 * The intake convention: 3 must-haves, 2 trade-offs, 1 deal-breaker. It forces the hiring
 * manager to rank, which is the point of the call. Other shapes are allowed; we only advise.
 */
export const INTAKE_CONVENTION: Readonly<Record<CriterionKind, number>> = {
  'must-have': 3,
  'trade-off': 2,
  'deal-breaker': 1,
};

export interface ShapeGuidance {
  kind: CriterionKind;
  expected: number;
  actual: number;
  message: string;
}

const ADVICE: Record<CriterionKind, { tooMany: string; tooFew: string }> = {
  'must-have': {
    tooMany: 'When everything is a must-have, nothing is: ask which of them the hiring manager would trade away, and move those to trade-offs.',
    tooFew: 'Ask what a candidate must show to get an offer at all; those are the must-haves.',
  },
  'trade-off': {
    tooMany: 'Ask which of these the hiring manager would actually hire without; keep the two that matter most.',
    tooFew: 'Ask what the hiring manager would accept in exchange for a weaker must-have, e.g. "would you rather have X than Y?"',
  },
  'deal-breaker': {
    tooMany: 'Several deal-breakers usually hide must-haves phrased negatively; keep the one that ends the process on its own.',
    tooFew: 'Ask what would make the hiring manager say no even to a candidate who meets every must-have.',
  },
};

const LABEL: Record<CriterionKind, [string, string]> = {
  'must-have': ['must-have', 'must-haves'],
  'trade-off': ['trade-off', 'trade-offs'],
  'deal-breaker': ['deal-breaker', 'deal-breakers'],
};

function count(n: number, kind: CriterionKind): string {
  return `${n} ${LABEL[kind][n === 1 ? 0 : 1]}`;
}

/** Guidance messages, one per kind whose count differs from the convention; empty when it matches. */
export function checkRubricShape(criteria: readonly Pick<Criterion, 'kind'>[]): ShapeGuidance[] {
  const guidance: ShapeGuidance[] = [];
  for (const [kind, expected] of Object.entries(INTAKE_CONVENTION) as [CriterionKind, number][]) {
    const actual = criteria.filter((c) => c.kind === kind).length;
    if (actual === expected) continue;
    const advice = actual > expected ? ADVICE[kind].tooMany : ADVICE[kind].tooFew;
    guidance.push({
      kind,
      expected,
      actual,
      message: `This rubric has ${count(actual, kind)}; the intake convention is ${count(expected, kind)}. ${advice}`,
    });
  }
  return guidance;
}
