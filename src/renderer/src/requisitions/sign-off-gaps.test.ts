import { describe, expect, it } from 'vitest';
import type { EditableCriterion } from './editable-rubric.js';
import { signOffGaps } from './sign-off-gaps.js';

const criterion = (id: string, title: string, goodLooksLike = ''): EditableCriterion => ({ id, kind: 'must-have', title, description: '', goodLooksLike, badLooksLike: '', signals: '' });

describe('signOffGaps', () => {
  it('names vague criteria, counts those without "good looks like", and repeats the shape advice', () => {
    const criteria = [criterion('a', 'Culture fit'), criterion('b', 'Knows Postgres', 'Ran it in production'), criterion('c', 'Ships')];
    const check = {
      warnings: new Map([['a', [{ field: 'title' as const, phrase: 'culture fit', message: 'vague', prompt: 'say what' }]]]),
      shape: [{ kind: 'trade-off' as const, expected: 2, actual: 0, message: 'Add 2 trade-offs.' }],
    };
    expect(signOffGaps(criteria, check)).toEqual(['“Culture fit” is vague', '2 criteria lack “good looks like”', 'Add 2 trade-offs.']);
  });

  it('is empty for a rubric with nothing missing', () => {
    expect(signOffGaps([criterion('b', 'Knows Postgres', 'Ran it in production')], { warnings: new Map(), shape: [] })).toEqual([]);
  });
});
