import { useEffect, useState } from 'react';
import type { OutputOf } from '../../../shared/ipc/contract.js';
import type { EditableCriterion } from './editable-rubric.js';

export type VagueWarning = OutputOf<'rubrics:check'>['warnings'][number][number];

export interface RubricCheck {
  /** By criterion id. */
  warnings: ReadonlyMap<string, VagueWarning[]>;
  shape: OutputOf<'rubrics:check'>['shape'];
}

/** How long typing must pause before the criteria are checked again. */
const settleMs = 250;

/**
 * Vague-language warnings and 3/2/1 guidance for the editor's unsaved criteria. The rules live in
 * the core (main process); the answer for an older edit is dropped when a newer one is on its way.
 */
export function useRubricCheck(criteria: readonly EditableCriterion[]): RubricCheck | undefined {
  const [check, setCheck] = useState<RubricCheck>();
  const key = JSON.stringify(criteria.map((c) => [c.id, c.kind, c.title, c.description, c.goodLooksLike, c.badLooksLike]));
  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(() => {
      const input = criteria.map(({ kind, title, description, goodLooksLike, badLooksLike }) => ({ kind, title, description, goodLooksLike, badLooksLike }));
      const ids = criteria.map((c) => c.id);
      window.debrief.rubricsCheck({ criteria: input }).then(
        (r) => current && r.ok && setCheck({ warnings: new Map(ids.map((id, i) => [id, r.value.warnings[i] ?? []])), shape: r.value.shape }),
        () => undefined,
      );
    }, settleMs);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
    // `key` is the criteria's checked content; the array itself is new every render.
  }, [key]);
  return check;
}
