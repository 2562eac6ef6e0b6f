import { IMMUTABLE_ENTITIES, type SyncChange } from '../../core/sync/sync-change.js';
import type { ChangeOutcome } from '../../core/sync/sync-protocol.js';
import { scopeOfUpsert, SIGN_OFF_FIELDS, type SyncScope } from '../../core/sync/sync-scope.js';
import type { ServerTransaction } from '../db/server-database.js';
import type { Caller } from '../http/handler.js';
import { creatorRefusal, memberRole, signOffRefusal, writeRefusal } from './access.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';

/** The rubric version's content hash: everything but the sign-off fields themselves. */
export function rubricContentHash(payload: Record<string, unknown>): string {
  const content = Object.fromEntries(Object.entries(payload).filter(([k]) => !(SIGN_OFF_FIELDS as readonly string[]).includes(k)));
  return sha256Hex(canonicalJson(content));
}

/**
 * Applies a batch inside the caller's transaction. The team row is locked first: pushes to one team
 * take sequence numbers one at a time, so a sequence number is never committed after a larger one
 * (a pull that saw seq n has seen everything below it) — on every instance, with no shared memory.
 */
export async function applyChanges(trx: ServerTransaction, caller: Caller, changes: readonly SyncChange[]): Promise<ChangeOutcome[]> {
  const team = await trx.selectFrom('teams').select('last_seq').where('id', '=', caller.teamId).forUpdate().executeTakeFirstOrThrow();
  let seq = team.last_seq;
  const outcomes: ChangeOutcome[] = [];
  for (const change of changes) {
    const outcome = await applyOne(trx, caller, change, () => ++seq);
    outcomes.push(outcome);
  }
  if (seq !== team.last_seq) await trx.updateTable('teams').set({ last_seq: seq }).where('id', '=', caller.teamId).execute();
  return outcomes;
}

async function applyOne(trx: ServerTransaction, caller: Caller, change: SyncChange, nextSeq: () => number): Promise<ChangeOutcome> {
  const { teamId } = caller;
  const userId = caller.user.id;
  const refused = (reason: string): ChangeOutcome => ({ id: change.id, status: 'refused', reason });

  const seen = await trx.selectFrom('sync_changes').select('seq').where('team_id', '=', teamId).where('change_id', '=', change.id).executeTakeFirst();
  if (seen) return { id: change.id, status: 'duplicate', seq: seen.seq };

  const row = await trx
    .selectFrom('sync_rows')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('entity', '=', change.entity)
    .where('entity_id', '=', change.entityId)
    .forUpdate()
    .executeTakeFirst();

  let scope: SyncScope;
  if (change.op === 'upsert') {
    const found = scopeOfUpsert(change);
    if ('problem' in found) return refused(found.problem);
    scope = found.scope;
    if (row && row.requisition_id !== scope.requisitionId) return refused('A row cannot move to another requisition.');
  } else {
    if (!row || row.deleted) return refused(`There is no ${change.entity.replace(/_/g, ' ')} ${change.entityId} to delete.`);
    scope = { requisitionId: row.requisition_id, candidateId: row.candidate_id, signedOffBy: null };
  }

  let role = await memberRole(trx, teamId, scope.requisitionId, userId);
  let opensRequisition = false;
  if (role === null && change.entity === 'requisition' && !row) {
    const members = await trx.selectFrom('requisition_members').select('user_id').where('team_id', '=', teamId).where('requisition_id', '=', scope.requisitionId).executeTakeFirst();
    if (!members) {
      const refusal = creatorRefusal(caller.user.role);
      if (refusal) return refused(refusal);
      opensRequisition = true;
      role = caller.user.role as 'recruiter' | 'hiring_manager';
    }
  }
  const refusal = writeRefusal(change.entity, role, caller.user.role);
  if (refusal) return refused(refusal);

  // Signed and submitted things never change: the same content again is a retry, other content is refused.
  const locked = IMMUTABLE_ENTITIES.has(change.entity) || (row?.signed_off_by ?? null) !== null;
  if (row && !row.deleted && locked) {
    if (change.op === 'upsert' && sameContent(row.payload, change.payload, row.signed_off_by !== null)) {
      return { id: change.id, status: 'duplicate', seq: row.last_seq };
    }
    return refused(
      row.signed_off_by
        ? 'This rubric version was signed off and cannot change: an edit makes a new, unsigned version.'
        : `A submitted ${change.entity.replace(/_/g, ' ')} cannot change: amend it as a new version.`,
    );
  }

  const current = row?.version ?? 0;
  if (change.baseVersion !== current) {
    return { id: change.id, status: 'conflict', current: row && !row.deleted ? row.payload : null, version: current };
  }

  let payload = change.payload;
  let contentHash: string | null = null;
  if (payload && scope.signedOffBy !== null) {
    const signRefusal = signOffRefusal(role, scope.signedOffBy, userId);
    if (signRefusal) return refused(signRefusal);
    contentHash = rubricContentHash(payload);
    payload = { ...payload, signedOffBy: userId, signedOffAt: new Date().toISOString(), contentHash };
  }

  if (opensRequisition) {
    await trx
      .insertInto('requisition_members')
      .values({ team_id: teamId, requisition_id: scope.requisitionId, user_id: userId, role: role!, added_by: userId })
      .execute();
  }

  const seq = nextSeq();
  const version = current + 1;
  const json = payload === null ? null : JSON.stringify(payload);
  const values = {
    requisition_id: scope.requisitionId,
    candidate_id: scope.candidateId,
    author_id: userId,
    version,
    deleted: change.op === 'delete',
    payload: json,
    content_hash: contentHash,
    signed_off_by: contentHash ? userId : null,
    last_seq: seq,
  };
  if (row) {
    await trx.updateTable('sync_rows').set(values).where('team_id', '=', teamId).where('entity', '=', change.entity).where('entity_id', '=', change.entityId).execute();
  } else {
    // A row this caller can't see may already hold the id: insert nothing then, and say so.
    const inserted = await trx
      .insertInto('sync_rows')
      .values({ team_id: teamId, entity: change.entity, entity_id: change.entityId, ...values })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      return refused(`The id ${change.entityId} is already taken by another ${change.entity.replace(/_/g, ' ')}.`);
    }
  }
  await trx
    .insertInto('sync_changes')
    .values({
      team_id: teamId,
      seq,
      change_id: change.id,
      entity: change.entity,
      entity_id: change.entityId,
      op: change.op,
      hlc: change.hlc,
      base_version: change.baseVersion,
      version,
      payload: json,
      requisition_id: scope.requisitionId,
      candidate_id: scope.candidateId,
      author_id: userId,
      device_id: caller.deviceId,
    })
    .execute();
  if (contentHash) {
    await trx
      .insertInto('sign_offs')
      .values({ team_id: teamId, rubric_version_id: change.entityId, requisition_id: scope.requisitionId, user_id: userId, content_hash: contentHash })
      .execute();
  }
  return { id: change.id, status: 'applied', seq, version };
}

function sameContent(stored: Record<string, unknown> | null, sent: Record<string, unknown> | null, signed: boolean): boolean {
  if (!stored || !sent) return false;
  return signed ? rubricContentHash(stored) === rubricContentHash(sent) : canonicalJson(stored) === canonicalJson(sent);
}
