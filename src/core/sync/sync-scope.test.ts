import { describe, expect, it } from 'vitest';
import type { SyncChange } from './sync-change.js';
import { scopeOfUpsert } from './sync-scope.js';
import { uuidV7 } from './uuid-v7.js';

function change(entity: SyncChange['entity'], entityId: string, payload: Record<string, unknown>): SyncChange {
  return { id: uuidV7(), hlc: '000000000000001-0000-a', entity, entityId, op: 'upsert', baseVersion: 0, payload };
}

describe('sync scope', () => {
  it('takes a requisition as its own scope and others from requisitionId', () => {
    expect(scopeOfUpsert(change('requisition', 'req-1', { title: 'x' }))).toEqual({
      scope: { requisitionId: 'req-1', candidateId: null, signedOffBy: null },
    });
    expect(scopeOfUpsert(change('candidate', 'c-1', { requisitionId: 'req-1' }))).toEqual({
      scope: { requisitionId: 'req-1', candidateId: null, signedOffBy: null },
    });
  });

  it('needs candidateId on scorecards and reads a sign-off only on rubric versions', () => {
    expect(scopeOfUpsert(change('scorecard_version', 's-1', { requisitionId: 'req-1' }))).toEqual({
      problem: 'a scorecard version change needs "candidateId" in its payload (a non-empty id)',
    });
    expect(scopeOfUpsert(change('rubric_version', 'rv-1', { requisitionId: 'r', signedOffBy: 'u-1' }))).toMatchObject({
      scope: { signedOffBy: 'u-1' },
    });
    expect(scopeOfUpsert(change('criterion', 'k-1', { requisitionId: 'r', signedOffBy: 'u-1' }))).toMatchObject({
      scope: { signedOffBy: null },
    });
  });

  it('refuses a payload without a requisition', () => {
    expect(scopeOfUpsert(change('rubric', 'r-1', { requisitionId: '' }))).toHaveProperty('problem');
  });
});
