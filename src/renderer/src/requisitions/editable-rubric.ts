import type { InputOf, OutputOf } from '../../../shared/ipc/contract.js';

/** The rubric editor's working copy of one version, and the edits it supports. Pure: no React, no IPC. */

export type RubricVersionView = OutputOf<'rubrics:getVersion'>;
export type CriterionKind = RubricVersionView['criteria'][number]['kind'];
/** A quote from the intake call behind a criterion; stored with the version it was saved in. */
export type IntakeEvidence = RubricVersionView['evidence'][number];

/** The longest quote 'rubrics:save' takes: a run-on transcript "sentence" is cut, not refused. */
const MAX_QUOTE = 4000;

export const KINDS: readonly { kind: CriterionKind; label: string; plural: string; expected: number; hint: string }[] = [
  { kind: 'must-have', label: 'Must-have', plural: 'Must-haves', expected: 3, hint: 'Required to get an offer at all.' },
  { kind: 'trade-off', label: 'Trade-off', plural: 'Trade-offs', expected: 2, hint: 'Wanted, but the hiring manager would trade it for a stronger must-have.' },
  { kind: 'deal-breaker', label: 'Deal-breaker', plural: 'Deal-breakers', expected: 1, hint: 'Ends the process on its own, whatever else the candidate shows.' },
];

export interface EditableCriterion {
  id: string;
  kind: CriterionKind;
  title: string;
  description: string;
  goodLooksLike: string;
  badLooksLike: string;
  /** As typed: comma-separated phrases. */
  signals: string;
}

export interface EditableQuestion {
  id: string;
  text: string;
  criterionIds: string[];
}

export interface EditableStage {
  /** For React only: stage names may repeat while being typed. */
  key: string;
  name: string;
  questions: EditableQuestion[];
}

export interface EditableRubric {
  criteria: EditableCriterion[];
  stages: EditableStage[];
  /** Quotes from the intake call behind drafted criteria, saved with the version. */
  evidence: IntakeEvidence[];
}

/** A v4 UUID: the editor names new criteria itself so questions can link to them before the first save. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function emptyRubric(): EditableRubric {
  return { criteria: [], stages: [], evidence: [] };
}

export function fromVersion(version: RubricVersionView | null): EditableRubric {
  if (!version) return emptyRubric();
  return {
    // The view's question links and warnings are derived on the server, not edited.
    criteria: version.criteria.map(({ questionIds: _links, warnings: _warnings, ...c }) => ({ ...c, signals: c.signals.join(', ') })),
    stages: version.interviewPlan.stages.map((s) => ({ key: newId(), name: s.name, questions: s.questions.map((q) => ({ ...q, criterionIds: [...q.criterionIds] })) })),
    evidence: version.evidence.map((e) => ({ ...e })),
  };
}

export function parseSignals(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean))];
}

export function toSaveInput(rubric: EditableRubric): Pick<InputOf<'rubrics:save'>, 'criteria' | 'interviewPlan' | 'evidence'> {
  const ids = new Set(rubric.criteria.map((c) => c.id));
  return {
    criteria: rubric.criteria.map((c) => ({ ...c, signals: parseSignals(c.signals) })),
    interviewPlan: {
      stages: rubric.stages.map((s) => ({ name: s.name, questions: s.questions.map((q) => ({ id: q.id, text: q.text, criterionIds: q.criterionIds })) })),
    },
    // Always sent, so the saved version holds exactly the quotes on screen.
    evidence: rubric.evidence
      .filter((e) => ids.has(e.criterionId))
      .map((e) => ({
        criterionId: e.criterionId,
        sessionId: e.sessionId,
        segmentId: e.segmentId,
        quote: e.quote.trim().slice(0, MAX_QUOTE),
        start: e.start,
        end: Math.max(e.start, e.end),
        speaker: e.speaker?.slice(0, 200) ?? null,
        cue: e.cue || null,
      })),
  };
}

/** What the server compares (quotes included: they are stored); React keys are not content. */
export function contentKey(rubric: EditableRubric): string {
  return JSON.stringify(toSaveInput(rubric));
}

export function addCriterion(rubric: EditableRubric, kind: CriterionKind): [EditableRubric, string] {
  const id = newId();
  return [{ ...rubric, criteria: [...rubric.criteria, { id, kind, title: '', description: '', goodLooksLike: '', badLooksLike: '', signals: '' }] }, id];
}

export function updateCriterion(rubric: EditableRubric, id: string, patch: Partial<Omit<EditableCriterion, 'id'>>): EditableRubric {
  return { ...rubric, criteria: rubric.criteria.map((c) => (c.id === id ? { ...c, ...patch } : c)) };
}

/** Removes the criterion and its links from interview questions. */
export function removeCriterion(rubric: EditableRubric, id: string): EditableRubric {
  return {
    criteria: rubric.criteria.filter((c) => c.id !== id),
    stages: rubric.stages.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q, criterionIds: q.criterionIds.filter((c) => c !== id) })) })),
    evidence: rubric.evidence.filter((e) => e.criterionId !== id),
  };
}

/** Moves a criterion one place up or down among the criteria of its kind (the order interviewers see). */
export function moveCriterion(rubric: EditableRubric, id: string, direction: -1 | 1): EditableRubric {
  const criteria = [...rubric.criteria];
  const index = criteria.findIndex((c) => c.id === id);
  const kind = criteria[index]?.kind;
  let target = index + direction;
  while (target >= 0 && target < criteria.length && criteria[target]!.kind !== kind) target += direction;
  if (index < 0 || target < 0 || target >= criteria.length) return rubric;
  [criteria[index], criteria[target]] = [criteria[target]!, criteria[index]!];
  return { ...rubric, criteria };
}

/** Changing the kind moves the criterion to the end of its new group. */
export function changeKind(rubric: EditableRubric, id: string, kind: CriterionKind): EditableRubric {
  const moved = rubric.criteria.find((c) => c.id === id);
  if (!moved || moved.kind === kind) return rubric;
  return { ...rubric, criteria: [...rubric.criteria.filter((c) => c.id !== id), { ...moved, kind }] };
}

/** Criteria drafted from an intake call, appended with the quotes behind them. */
export function addDrafted(rubric: EditableRubric, drafted: (Omit<EditableCriterion, 'signals'> & { signals: string[] })[], evidence: IntakeEvidence[]): EditableRubric {
  const taken = new Set(rubric.criteria.map((c) => c.id));
  const fresh = drafted.filter((c) => !taken.has(c.id));
  const ids = new Set(fresh.map((c) => c.id));
  return {
    ...rubric,
    criteria: [...rubric.criteria, ...fresh.map((c) => ({ ...c, signals: c.signals.join(', ') }))],
    evidence: [...rubric.evidence, ...evidence.filter((e) => ids.has(e.criterionId))],
  };
}

export function addStage(rubric: EditableRubric, name = ''): EditableRubric {
  return { ...rubric, stages: [...rubric.stages, { key: newId(), name, questions: [] }] };
}

export function updateStage(rubric: EditableRubric, key: string, patch: Partial<Omit<EditableStage, 'key'>>): EditableRubric {
  return { ...rubric, stages: rubric.stages.map((s) => (s.key === key ? { ...s, ...patch } : s)) };
}

export function removeStage(rubric: EditableRubric, key: string): EditableRubric {
  return { ...rubric, stages: rubric.stages.filter((s) => s.key !== key) };
}

export function addQuestion(rubric: EditableRubric, stageKey: string): EditableRubric {
  const question: EditableQuestion = { id: `q-${newId().slice(0, 8)}`, text: '', criterionIds: [] };
  return { ...rubric, stages: rubric.stages.map((s) => (s.key === stageKey ? { ...s, questions: [...s.questions, question] } : s)) };
}

export function updateQuestion(rubric: EditableRubric, stageKey: string, questionId: string, patch: Partial<Omit<EditableQuestion, 'id'>>): EditableRubric {
  return {
    ...rubric,
    stages: rubric.stages.map((s) => (s.key === stageKey ? { ...s, questions: s.questions.map((q) => (q.id === questionId ? { ...q, ...patch } : q)) } : s)),
  };
}

export function removeQuestion(rubric: EditableRubric, stageKey: string, questionId: string): EditableRubric {
  return { ...rubric, stages: rubric.stages.map((s) => (s.key === stageKey ? { ...s, questions: s.questions.filter((q) => q.id !== questionId) } : s)) };
}

/** Question links in the rubric's criteria order, whatever order the boxes were ticked in. */
export function toggleLink(rubric: EditableRubric, stageKey: string, questionId: string, criterionId: string, linked: boolean): EditableRubric {
  const order = rubric.criteria.map((c) => c.id);
  return {
    ...rubric,
    stages: rubric.stages.map((s) =>
      s.key !== stageKey
        ? s
        : {
            ...s,
            questions: s.questions.map((q) => {
              if (q.id !== questionId) return q;
              const ids = new Set(q.criterionIds);
              if (linked) ids.add(criterionId);
              else ids.delete(criterionId);
              return { ...q, criterionIds: order.filter((id) => ids.has(id)) };
            }),
          },
    ),
  };
}

export function countByKind(criteria: readonly { kind: CriterionKind }[]): Record<CriterionKind, number> {
  const counts: Record<CriterionKind, number> = { 'must-have': 0, 'trade-off': 0, 'deal-breaker': 0 };
  for (const c of criteria) counts[c.kind]++;
  return counts;
}
