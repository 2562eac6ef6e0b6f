import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors.js';
import type { CriterionInput } from './rubric.js';
import {
  addCriterion,
  createRubric,
  diffRubricVersions,
  editRubricVersion,
  isEmptyDiff,
  removeCriterion,
  signOff,
  updateCriterion,
} from './rubric-versioning.js';

const t0 = new Date('2025-03-01T10:00:00Z');
const t1 = new Date('2025-03-02T10:00:00Z');
const t2 = new Date('2025-03-03T10:00:00Z');
const ids = {
  postgres: '11111111-1111-4111-8111-111111111111',
  mentor: '22222222-2222-4222-8222-222222222222',
  kafka: '33333333-3333-4333-8333-333333333333',
};
const criteria: CriterionInput[] = [
  { id: ids.postgres, kind: 'must-have', title: 'Deep Postgres knowledge', questionIds: ['q1'] },
  { id: ids.mentor, kind: 'must-have', title: 'Mentors mid-levels' },
  { id: ids.kafka, kind: 'trade-off', title: 'Kafka' },
];
const plan = { stages: [{ name: 'Deep dive', questions: [{ id: 'q1', text: 'Index a huge table?', criterionIds: [ids.postgres, ids.kafka] }] }] };

function draft() {
  return createRubric({ requisitionTitle: 'Senior Backend Engineer', criteria, interviewPlan: plan, now: t0 });
}

describe('rubric versions', () => {
  it('creates version 1, unsigned, with default scale 1-4', () => {
    const v1 = draft();
    expect(v1).toMatchObject({ version: 1, parentVersion: null, signedOff: null, createdAt: t0.toISOString() });
    expect(v1.criteria[0]!.scale).toEqual({ min: 1, max: 4 });
  });

  it('edits an unsigned version in place', () => {
    const v1 = draft();
    const { version, createdNewVersion } = updateCriterion(v1, ids.kafka, { title: 'Kafka or event streaming' }, t1);
    expect(createdNewVersion).toBe(false);
    expect(version).toMatchObject({ rubricId: v1.rubricId, version: 1, parentVersion: null, createdAt: t0.toISOString() });
    expect(version.criteria.find((c) => c.id === ids.kafka)!.title).toBe('Kafka or event streaming');
  });

  it('editing a signed version creates version n+1 with the same ids for unchanged criteria', () => {
    const signed = signOff(draft(), 'Dana (hiring manager)', t1);
    expect(signed.signedOff).toEqual({ by: 'Dana (hiring manager)', at: t1.toISOString() });

    const { version: v2, createdNewVersion } = updateCriterion(signed, ids.kafka, { kind: 'must-have' }, t2);
    expect(createdNewVersion).toBe(true);
    expect(v2).toMatchObject({ rubricId: signed.rubricId, version: 2, parentVersion: 1, signedOff: null, createdAt: t2.toISOString() });
    expect(v2.criteria.map((c) => c.id)).toEqual([ids.postgres, ids.mentor, ids.kafka]);
    // The signed version itself is untouched.
    expect(signed.criteria[2]!.kind).toBe('trade-off');

    const v3 = editRubricVersion(signOff(v2, 'Dana', t2), { requisitionTitle: 'Staff Backend Engineer' }, t2).version;
    expect([v3.version, v3.parentVersion]).toEqual([3, 2]);
  });

  it('refuses to sign twice, unnamed, or an empty rubric', () => {
    const signed = signOff(draft(), 'Dana', t1);
    expect(() => signOff(signed, 'Someone else', t2)).toThrow(expect.objectContaining({ code: 'rubric-already-signed' }));
    expect(() => signOff(draft(), '  ', t1)).toThrow(UserFacingError);
    expect(() => signOff(createRubric({ requisitionTitle: 'Empty', now: t0 }), 'Dana', t1)).toThrow(/no criteria/);
  });

  it('removing a criterion also unlinks it from interview questions', () => {
    const { version } = removeCriterion(draft(), ids.kafka, t1);
    expect(version.criteria.map((c) => c.id)).toEqual([ids.postgres, ids.mentor]);
    expect(version.interviewPlan.stages[0]!.questions[0]!.criterionIds).toEqual([ids.postgres]);
  });

  it('rejects an edit that would leave a dangling question link, naming the field', () => {
    expect(() => updateCriterion(draft(), ids.mentor, { questionIds: ['q-missing'] }, t1)).toThrow(/criteria\[1\]\.questionIds\[0\]: no interview question has id q-missing/);
    expect(() => updateCriterion(draft(), '99999999-9999-4999-8999-999999999999', { title: 'x' }, t1)).toThrow(
      expect.objectContaining({ code: 'rubric-criterion-missing' }),
    );
  });

  it('diffs versions into added, removed and changed criteria with the changed fields', () => {
    const v1 = signOff(draft(), 'Dana', t1);
    let v2 = updateCriterion(v1, ids.postgres, { title: 'Postgres at scale', signals: ['migrations'] }, t2).version;
    v2 = removeCriterion(v2, ids.mentor, t2).version;
    v2 = addCriterion(v2, { id: '44444444-4444-4444-8444-444444444444', kind: 'deal-breaker', title: 'Blames others' }, t2).version;

    const diff = diffRubricVersions(v1, v2);
    expect(diff).toMatchObject({ fromVersion: 1, toVersion: 2, requisitionTitleChanged: false, interviewPlanChanged: false });
    expect(diff.added.map((c) => c.title)).toEqual(['Blames others']);
    expect(diff.removed.map((c) => c.title)).toEqual(['Mentors mid-levels']);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]).toMatchObject({ id: ids.postgres, fields: ['title', 'signals'] });
    expect(diff.changed[0]!.before.title).toBe('Deep Postgres knowledge');
    expect(isEmptyDiff(diff)).toBe(false);
    expect(isEmptyDiff(diffRubricVersions(v2, v2))).toBe(true);
  });
});
