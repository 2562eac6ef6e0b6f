import { describe, expect, it } from 'vitest';
import { addCriterion, addQuestion, addStage, changeKind, contentKey, emptyRubric, moveCriterion, newId, parseSignals, removeCriterion, toggleLink, toSaveInput, updateCriterion } from './editable-rubric.js';

function sample() {
  let rubric = emptyRubric();
  const ids: string[] = [];
  for (const [kind, title] of [['must-have', 'A'], ['trade-off', 'T'], ['must-have', 'B'], ['must-have', 'C']] as const) {
    const [next, id] = addCriterion(rubric, kind);
    rubric = updateCriterion(next, id, { title });
    ids.push(id);
  }
  return { rubric, ids };
}

describe('editable rubric', () => {
  it('makes v4 UUIDs for new criteria, so questions can link to them before saving', () => {
    expect(newId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('moves a criterion among those of its kind, skipping other kinds', () => {
    const { rubric, ids } = sample();
    const moved = moveCriterion(rubric, ids[2]!, -1);
    expect(moved.criteria.map((c) => c.title)).toEqual(['B', 'T', 'A', 'C']);
    expect(moveCriterion(moved, ids[2]!, -1)).toBe(moved);
    expect(changeKind(rubric, ids[0]!, 'deal-breaker').criteria.map((c) => `${c.title}:${c.kind}`)).toEqual(['T:trade-off', 'B:must-have', 'C:must-have', 'A:deal-breaker']);
  });

  it('keeps question links in criteria order and drops them with the criterion', () => {
    const { rubric, ids } = sample();
    let next = addStage(rubric, 'Screen');
    const stage = next.stages[0]!.key;
    next = addQuestion(next, stage);
    const question = next.stages[0]!.questions[0]!.id;
    next = toggleLink(next, stage, question, ids[3]!, true);
    next = toggleLink(next, stage, question, ids[0]!, true);
    expect(next.stages[0]!.questions[0]!.criterionIds).toEqual([ids[0], ids[3]]);
    next = removeCriterion(next, ids[0]!);
    expect(next.stages[0]!.questions[0]!.criterionIds).toEqual([ids[3]]);
  });

  it('sends signals as a clean list and tells unsaved content from evidence', () => {
    expect(parseSignals(' on-call, paged,, on-call\npostmortem ')).toEqual(['on-call', 'paged', 'postmortem']);
    const { rubric, ids } = sample();
    const withSignals = updateCriterion(rubric, ids[0]!, { signals: 'ledger, reconciliation' });
    expect(toSaveInput(withSignals).criteria[0]!.signals).toEqual(['ledger', 'reconciliation']);
    const withEvidence = { ...rubric, evidence: [{ criterionId: ids[0]!, quote: 'q', speaker: null, start: 1, end: 2, segmentId: null, cue: 'must', sessionId: 's' }] };
    expect(contentKey(withEvidence)).toBe(contentKey(rubric));
    expect(contentKey(withSignals)).not.toBe(contentKey(rubric));
  });
});
