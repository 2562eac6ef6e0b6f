import { describe, expect, it } from 'vitest';
import { debriefFlags, type PanelCriterion, type PanelScorecard } from './debrief-flags.js';

const criteria: PanelCriterion[] = [
  { id: 'disc', kind: 'must-have', title: 'Discovery and qualification', description: 'Uncovers pain, budget and decision makers.', goodLooksLike: 'Asks open questions.', signals: ['budget', 'pain points'] },
  { id: 'close', kind: 'must-have', title: 'Closing and negotiation', description: 'Negotiates and closes deals while protecting price.', goodLooksLike: 'Trades concessions for value.', signals: ['discount', 'pricing'] },
  { id: 'crm', kind: 'trade-off', title: 'Forecasting and CRM discipline', description: 'Keeps the CRM current.', goodLooksLike: '', signals: ['Salesforce'] },
  { id: 'honest', kind: 'deal-breaker', title: 'Misrepresents the product', description: 'Overpromises roadmap features.', goodLooksLike: '', signals: ['roadmap'] },
];

const card = (id: string, interviewer: string, ratings: PanelScorecard['ratings'], summary: string | null = null): PanelScorecard => ({ scorecardId: id, interviewer, summary, ratings });
const rated = (criterionId: string, rating: PanelScorecard['ratings'][number]['rating'], evidenceCount = 1, note: string | null = null) => ({ criterionId, rating, note, evidenceCount });
const kinds = (cards: PanelScorecard[]) => debriefFlags(criteria, cards).map((f) => f.kind);

// Each flag from a fixture that makes it fire, and its near miss that must not.
describe('debrief flags', () => {
  const evidenced = [rated('disc', 'yes'), rated('close', 'yes'), rated('crm', 'yes'), rated('honest', 'yes')];

  it('raises nothing on a consistent, evidenced panel', () => {
    expect(kinds([card('a', 'Dana', evidenced, 'Asked about budget and the decision makers.'), card('b', 'Lee', evidenced.map((r) => ({ ...r, rating: 'strong_yes' as const })))])).toEqual([]);
  });

  it('conflict: two steps apart fires, one step does not', () => {
    const flags = debriefFlags(criteria, [card('a', 'Dana', evidenced), card('b', 'Lee', [rated('disc', 'strong_no'), ...evidenced.slice(1)])]);
    expect(flags).toEqual([expect.objectContaining({ kind: 'conflict', criterionId: 'disc', between: [expect.objectContaining({ interviewer: 'Dana', rating: 'yes' }), expect.objectContaining({ interviewer: 'Lee', rating: 'strong_no' })] })]);
    expect(kinds([card('a', 'Dana', evidenced), card('b', 'Lee', [rated('disc', 'no'), ...evidenced.slice(1)])])).toEqual([]);
  });

  it('missing signal: a must-have or deal-breaker with no evidence fires; a trade-off does not', () => {
    const flags = debriefFlags(criteria, [card('a', 'Dana', [rated('disc', 'yes'), rated('close', 'yes'), rated('crm', 'no_evidence', 0), rated('honest', 'no_evidence', 0)])]);
    expect(flags.map((f) => [f.kind, 'criterionId' in f ? f.criterionId : null])).toEqual([['missing-signal', 'honest']]);
  });

  it('unsupported rating: a rating with no evidence fires; "no evidence" does not', () => {
    const flags = debriefFlags(criteria, [card('a', 'Dana', [rated('disc', 'yes', 0), ...evidenced.slice(1)])]);
    expect(flags.map((f) => f.kind)).toEqual(['missing-signal', 'unsupported']);
  });

  it('over-indexing: one criterion holding the notes while others have none fires; spread notes do not', () => {
    const long = 'Talked at length about discounting and how every deal was closed at quarter end with approvals.';
    const heavy = [rated('disc', 'yes'), rated('close', 'yes', 1, long), rated('crm', 'yes'), rated('honest', 'yes')];
    expect(kinds([card('a', 'Dana', heavy)])).toEqual(['over-indexing']);
    const spread = heavy.map((r) => ({ ...r, note: 'Gave a concrete example with numbers.' }));
    expect(kinds([card('a', 'Dana', spread)])).toEqual([]);
  });

  it('off-rubric reason: a recommendation argued from outside the rubric fires; one argued from a criterion does not', () => {
    const flags = debriefFlags(criteria, [card('a', 'Dana', evidenced, 'Went to my university and plays in a band like me.')]);
    expect(flags).toEqual([expect.objectContaining({ kind: 'off-rubric', sentence: 'Went to my university and plays in a band like me.' })]);
    expect(kinds([card('a', 'Dana', evidenced, 'Protected price: traded term for the discount.')])).toEqual([]);
  });

  it('feel: a note living in feel without a moment fires; the same words with a moment behind them do not', () => {
    expect(kinds([card('a', 'Dana', [rated('disc', 'no', 0, 'We just didn’t click.'), ...evidenced.slice(1)])])).toEqual(['missing-signal', 'unsupported', 'feel']);
    expect(kinds([card('a', 'Dana', [rated('disc', 'no', 1, 'We just didn’t click.'), ...evidenced.slice(1)])])).toEqual([]);
    expect(kinds([card('a', 'Dana', evidenced, 'Culture fit concerns.')])).toEqual(['feel']);
  });
});
