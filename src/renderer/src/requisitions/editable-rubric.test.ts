import { describe, expect, it } from 'vitest';
import {
  addCriterion,
  addQuestion,
  addStage,
  changeKind,
  contentKey,
  emptyRubric,
  fromVersion,
  moveCriterion,
  newId,
  parseSignals,
  removeCriterion,
  toggleLink,
  toSaveInput,
  updateCriterion,
  type RubricVersionView,
} from './editable-rubric.js';

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

  it('sends signals as a clean list; stage keys are not content', () => {
    expect(parseSignals(' on-call, paged,, on-call\npostmortem ')).toEqual(['on-call', 'paged', 'postmortem']);
    const { rubric, ids } = sample();
    const withSignals = updateCriterion(rubric, ids[0]!, { signals: 'ledger, reconciliation' });
    expect(toSaveInput(withSignals).criteria[0]!.signals).toEqual(['ledger', 'reconciliation']);
    expect(contentKey(withSignals)).not.toBe(contentKey(rubric));
    const staged = addStage(rubric, 'Screen');
    expect(contentKey({ ...staged, stages: staged.stages.map((s) => ({ ...s, key: 'other' })) })).toBe(contentKey(staged));
  });

  it('saves quotes as stored content and loads them back unchanged, dropping those of removed criteria', () => {
    const { rubric, ids } = sample();
    const evidence = (criterionId: string, quote: string) => ({ criterionId, quote, speaker: 'HM', start: 5, end: 8, segmentId: 'g1', cue: 'must', sessionId: 's1' });
    const withQuotes = { ...rubric, evidence: [evidence(ids[0]!, ' They must know Postgres. '), { ...evidence(ids[1]!, 'x'.repeat(5000)), sessionId: null, segmentId: null, cue: '' }] };
    // Quotes are stored, so adding one is an unsaved change.
    expect(contentKey(withQuotes)).not.toBe(contentKey(rubric));
    const sent = toSaveInput(withQuotes).evidence!;
    expect(sent[0]).toEqual({ criterionId: ids[0], sessionId: 's1', segmentId: 'g1', quote: 'They must know Postgres.', start: 5, end: 8, speaker: 'HM', cue: 'must' });
    expect(sent[1]).toMatchObject({ sessionId: null, segmentId: null, cue: null });
    expect(sent[1]!.quote).toHaveLength(4000);
    expect(toSaveInput(removeCriterion(withQuotes, ids[0]!)).evidence!.map((e) => e.criterionId)).toEqual([ids[1]]);

    // The saved version, as the server returns it, loads back as the same content: no phantom unsaved change.
    const criteria = withQuotes.criteria.map((c) => ({ ...c, signals: [], questionIds: [], warnings: [] }));
    const loaded = fromVersion({ criteria, interviewPlan: { stages: [] }, evidence: sent } as unknown as RubricVersionView);
    expect(loaded.evidence).toEqual(sent);
    expect(toSaveInput(loaded).evidence).toEqual(sent);
  });
});
