import { describe, expect, it } from 'vitest';
import type { CriterionKind } from './rubric.js';
import { checkRubricShape } from './rubric-shape.js';

const kinds = (...list: CriterionKind[]) => list.map((kind) => ({ kind }));

describe('checkRubricShape', () => {
  it('has nothing to say about 3 must-haves, 2 trade-offs and 1 deal-breaker, in any order', () => {
    expect(checkRubricShape(kinds('trade-off', 'must-have', 'deal-breaker', 'must-have', 'trade-off', 'must-have'))).toEqual([]);
  });

  it('gives one message per kind that differs, with counts and advice', () => {
    const guidance = checkRubricShape(kinds('must-have', 'must-have', 'must-have', 'must-have', 'must-have', 'trade-off'));
    expect(guidance.map((g) => [g.kind, g.expected, g.actual])).toEqual([
      ['must-have', 3, 5],
      ['trade-off', 2, 1],
      ['deal-breaker', 1, 0],
    ]);
    expect(guidance[0]!.message).toMatch(/^This rubric has 5 must-haves; the intake convention is 3 must-haves\. When everything is a must-have/);
    expect(guidance[1]!.message).toContain('has 1 trade-off;');
    expect(guidance[2]!.message).toContain('has 0 deal-breakers; the intake convention is 1 deal-breaker.');
  });

  it('advises on an empty rubric without throwing', () => {
    expect(checkRubricShape([])).toHaveLength(3);
  });
});
