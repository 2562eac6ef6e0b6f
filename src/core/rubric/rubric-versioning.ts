import { randomUUID } from 'node:crypto';
import { UserFacingError } from '../errors.js';
import {
  criterionSchema,
  rubricVersionSchema,
  type Criterion,
  type CriterionInput,
  type InterviewPlan,
  type RubricVersion,
} from './rubric.js';
import { describeIssues } from '../zod-issues.js';

/**
 * A signed-off version is what interviews were scored against, so it is never changed:
 * editing it starts version n+1 (unsigned, parentVersion n). An unsigned version is still a
 * draft and is edited in place. Criterion ids survive edits so scores can follow a criterion
 * across versions and the diff can tell "changed" from "removed + added".
 */

export interface NewRubricInput {
  requisitionTitle: string;
  criteria?: CriterionInput[];
  interviewPlan?: InterviewPlan;
  rubricId?: string;
  now: Date;
}

export function createRubric(input: NewRubricInput): RubricVersion {
  return parseVersion({
    rubricId: input.rubricId ?? randomUUID(),
    version: 1,
    requisitionTitle: input.requisitionTitle,
    criteria: input.criteria ?? [],
    interviewPlan: input.interviewPlan ?? { stages: [] },
    createdAt: input.now.toISOString(),
    signedOff: null,
    parentVersion: null,
  });
}

export interface RubricEdit {
  requisitionTitle?: string;
  criteria?: CriterionInput[];
  interviewPlan?: InterviewPlan;
}

export interface EditResult {
  version: RubricVersion;
  /** True when the edited version was signed and the edit therefore started a new version. */
  createdNewVersion: boolean;
}

export function editRubricVersion(current: RubricVersion, edit: RubricEdit, now: Date): EditResult {
  const merged = {
    ...current,
    requisitionTitle: edit.requisitionTitle ?? current.requisitionTitle,
    criteria: edit.criteria ?? current.criteria,
    interviewPlan: edit.interviewPlan ?? current.interviewPlan,
  };
  if (current.signedOff === null) return { version: parseVersion(merged), createdNewVersion: false };
  return {
    version: parseVersion({
      ...merged,
      version: current.version + 1,
      parentVersion: current.version,
      signedOff: null,
      createdAt: now.toISOString(),
    }),
    createdNewVersion: true,
  };
}

export type CriterionPatch = Partial<Omit<Criterion, 'id'>>;

export function updateCriterion(current: RubricVersion, criterionId: string, patch: CriterionPatch, now: Date): EditResult {
  requireCriterion(current, criterionId);
  const criteria = current.criteria.map((c) => (c.id === criterionId ? { ...c, ...patch, id: c.id } : c));
  return editRubricVersion(current, { criteria }, now);
}

export function addCriterion(current: RubricVersion, criterion: Omit<CriterionInput, 'id'> & { id?: string }, now: Date): EditResult {
  const added = criterionSchema.parse({ ...criterion, id: criterion.id ?? randomUUID() });
  return editRubricVersion(current, { criteria: [...current.criteria, added] }, now);
}

/** Removes the criterion and its links from interview questions. */
export function removeCriterion(current: RubricVersion, criterionId: string, now: Date): EditResult {
  requireCriterion(current, criterionId);
  const interviewPlan: InterviewPlan = {
    stages: current.interviewPlan.stages.map((s) => ({
      ...s,
      questions: s.questions.map((q) => ({ ...q, criterionIds: q.criterionIds.filter((id) => id !== criterionId) })),
    })),
  };
  return editRubricVersion(current, { criteria: current.criteria.filter((c) => c.id !== criterionId), interviewPlan }, now);
}

export function signOff(version: RubricVersion, by: string, at: Date): RubricVersion {
  if (version.signedOff !== null) {
    throw new UserFacingError(
      `Version ${version.version} of "${version.requisitionTitle}" was already signed off by ${version.signedOff.by} at ${version.signedOff.at}.`,
      'rubric-already-signed',
    );
  }
  if (by.trim() === '') throw new UserFacingError('Sign-off needs the name of the person signing.', 'rubric-sign-off-unnamed');
  if (version.criteria.length === 0) {
    throw new UserFacingError(`"${version.requisitionTitle}" has no criteria to sign off.`, 'rubric-empty');
  }
  return parseVersion({ ...version, signedOff: { by: by.trim(), at: at.toISOString() } });
}

export type CriterionField = Exclude<keyof Criterion, 'id'>;

export interface CriterionChange {
  id: string;
  before: Criterion;
  after: Criterion;
  fields: CriterionField[];
}

export interface RubricDiff {
  fromVersion: number;
  toVersion: number;
  added: Criterion[];
  removed: Criterion[];
  changed: CriterionChange[];
  requisitionTitleChanged: boolean;
  interviewPlanChanged: boolean;
}

const CRITERION_FIELDS: CriterionField[] = ['kind', 'title', 'description', 'goodLooksLike', 'badLooksLike', 'signals', 'questionIds', 'scale'];

/** What changed from `from` to `to`, criteria matched by id; lists keep `to`'s order. */
export function diffRubricVersions(from: RubricVersion, to: RubricVersion): RubricDiff {
  const before = new Map(from.criteria.map((c) => [c.id, c]));
  const afterIds = new Set(to.criteria.map((c) => c.id));
  const changed: CriterionChange[] = [];
  const added: Criterion[] = [];
  for (const c of to.criteria) {
    const old = before.get(c.id);
    if (!old) {
      added.push(c);
      continue;
    }
    const fields = CRITERION_FIELDS.filter((f) => !sameValue(old[f], c[f]));
    if (fields.length > 0) changed.push({ id: c.id, before: old, after: c, fields });
  }
  return {
    fromVersion: from.version,
    toVersion: to.version,
    added,
    removed: from.criteria.filter((c) => !afterIds.has(c.id)),
    changed,
    requisitionTitleChanged: from.requisitionTitle !== to.requisitionTitle,
    interviewPlanChanged: !sameValue(from.interviewPlan, to.interviewPlan),
  };
}

export function isEmptyDiff(diff: RubricDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length === 0 && !diff.requisitionTitleChanged && !diff.interviewPlanChanged;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function requireCriterion(version: RubricVersion, id: string): void {
  if (!version.criteria.some((c) => c.id === id)) {
    throw new UserFacingError(`Version ${version.version} of "${version.requisitionTitle}" has no criterion ${id}.`, 'rubric-criterion-missing');
  }
}

/** Every produced version goes through the schema, so an edit cannot leave dangling question links. */
function parseVersion(input: unknown): RubricVersion {
  const result = rubricVersionSchema.safeParse(input);
  if (result.success) return result.data;
  throw new UserFacingError(`Invalid rubric edit at ${describeIssues(result.error, { topLevel: '(root)' })}`, 'rubric-invalid-edit');
}
