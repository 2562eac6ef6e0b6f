import type { EditableCriterion } from './editable-rubric.js';

/** The parts of useRubricCheck's answer this reads (kept structural so it is testable without a window). */
interface CheckFindings {
  warnings: ReadonlyMap<string, readonly unknown[]>;
  shape: readonly { message: string }[];
}

/**
 * What a hiring manager should know before signing: criteria worded vaguely ("Culture fit" is
 * vague), criteria that do not say what good looks like, and where the 3/2/1 shape differs.
 * Shown, not enforced: the manager may sign anyway.
 */
export function signOffGaps(criteria: readonly EditableCriterion[], check: CheckFindings | undefined): string[] {
  const gaps: string[] = [];
  for (const c of criteria) {
    if ((check?.warnings.get(c.id) ?? []).length > 0) gaps.push(`“${c.title.trim() || 'Untitled criterion'}” is vague`);
  }
  const withoutGood = criteria.filter((c) => c.goodLooksLike.trim() === '').length;
  if (withoutGood > 0) gaps.push(`${withoutGood} ${withoutGood === 1 ? 'criterion lacks' : 'criteria lack'} “good looks like”`);
  const untitled = criteria.filter((c) => c.title.trim() === '').length;
  if (untitled > 0) gaps.push(`${untitled} ${untitled === 1 ? 'criterion has' : 'criteria have'} no title`);
  for (const g of check?.shape ?? []) gaps.push(g.message);
  return gaps;
}
