import { IMMUTABLE_ENTITIES, type SyncChange } from '../../core/sync/sync-change.js';
import type { ChangeOutcome } from '../../core/sync/sync-protocol.js';
import { LAPTOP_SIGN_OFF_FIELDS, scopeOfUpsert, SIGN_OFF_FIELDS, type SyncScope } from '../../core/sync/sync-scope.js';
import { sql, type Insertable, type Selectable } from 'kysely';
import { commitWith, literal, type ServerTransaction } from '../db/server-database.js';
import type { HiringRole, SyncChangesTable, SyncRowsTable } from '../db/server-schema.js';
import type { Caller } from '../http/handler.js';
import { creatorRefusal, memberRole, signOffRefusal, writeRefusal } from './access.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { candidateHash } from '../../core/privacy/candidate-hash.js';
import { eraseOnServer } from '../privacy/erase-on-server.js';
import { auditRows, recordServerAudit, type ServerAuditEvent } from '../privacy/server-audit.js';

const NOT_CONTENT: ReadonlySet<string> = new Set([...SIGN_OFF_FIELDS, ...LAPTOP_SIGN_OFF_FIELDS]);

/** The rubric version's content hash: everything but who signed it and when. */
export function rubricContentHash(payload: Record<string, unknown>): string {
  return sha256Hex(canonicalJson(withoutKeys(payload, NOT_CONTENT)));
}

function withoutKeys(payload: Record<string, unknown>, keys: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([k]) => !keys.has(k)));
}

const LAPTOP_CLAIMS: ReadonlySet<string> = new Set(LAPTOP_SIGN_OFF_FIELDS);

type RowState = Selectable<SyncRowsTable>;
type NewRow = Insertable<SyncRowsTable>;

/** What one batch has read and is about to write: lookups are made once per batch, inserts sent together. */
interface BatchState {
  seq: number;
  seen: Map<string, number>;
  rows: Map<string, RowState | undefined>;
  roles: Map<string, HiringRole | null>;
  /** New rows, inserted together once numbered (careful mode inserts each at once). */
  newRows: Map<string, NewRow>;
  changes: Insertable<SyncChangesTable>[];
  /** Careful mode: write each row as it goes, so a clash with a row this caller can't see is refused alone. */
  careful: boolean;
  /** Change ids applied in this batch (their seq counts from 0). */
  ours: Set<string>;
  /** Existing rows updated in this batch. */
  updated: Map<string, { entity: string; entityId: string }>;
  /** Rows written in this batch (a duplicate of one answers with a relative seq). */
  written: Set<string>;
  /** Set by applyOne when its outcome's seq counts from 0. */
  relative: boolean;
  /** Candidates erased from the server (before or in this batch): their changes are refused. */
  erased: Set<string>;
  audit: ServerAuditEvent[];
}

const rowKey = (entity: string, id: string) => `${entity}/${id}`;

/**
 * Applies a batch inside the caller's transaction, holding the team's sequence lock only at the end.
 *
 * 1. Advisory locks on every row key the batch touches (existing or new, in sorted order, so two
 *    batches never deadlock): pushes to different rows run side by side, pushes to the same row take
 *    turns, and each reads the other's committed result (read committed: every statement sees what
 *    committed before it started), so version checks and change-id dedup stay exact.
 * 2. Reads, checks and updates of existing rows, with sequence numbers counted from 0.
 * 3. Last, `update teams … returning last_seq` takes the team row lock and assigns the real numbers;
 *    new rows and the change log are written and the transaction commits while still holding it. A
 *    later push waits for that commit before it can take a number, so numbers become visible in
 *    order: a pull that saw seq n has seen everything below it, on every instance, with no shared memory.
 */
export async function applyChanges(
  trx: ServerTransaction,
  caller: Caller,
  changes: readonly SyncChange[],
  /** `commit`: the batch is the transaction's last work, so it commits with its last statement. */
  options: { commit?: boolean } = {},
): Promise<ChangeOutcome[]> {
  const { teamId } = caller;
  // An erasure deletes rows it cannot name in advance, so it runs alone: see lockAgainstErasure.
  if (changes.some((c) => c.entity === 'erasure')) {
    await lockAgainstErasure(trx, teamId, 'exclusive');
    return applyLocked(trx, caller, changes);
  }
  const read = await lockAndRead(trx, caller, changes);
  const result = await applyBatch(trx, caller, changes, 0, false, read);
  const count = result.changes.length;
  if (count === 0) {
    await recordServerAudit(trx, caller, result.audit);
    return result.outcomes;
  }
  // Under the team lock, one round trip: number the batch, insert its new rows and its log entries,
  // shift its updated rows, and (for a laptop's push) commit. Every round trip while the lock is held
  // is one every other push on the team waits for, so the lock is released by PostgreSQL itself.
  const newRows = [...result.newRows.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, v]) => v);
  const text = `with t as (
      update teams set last_seq = last_seq + ${count} where id = ${literal(teamId)} returning last_seq - ${count} as base
    ), r as (${newRows.length === 0 ? 'select 1 where false' : insertShifted('sync_rows', newRows)}
    ), u as (
      update sync_rows s set last_seq = s.last_seq + t.base from t
      where s.team_id = ${literal(teamId)} and (s.entity, s.entity_id) in (select * from unnest(${textArray(result.updated.map((k) => k.entity))}, ${textArray(result.updated.map((k) => k.entityId))}))
      returning 1
    ), l as (${insertShifted('sync_changes', result.changes)}
    ), a as (${insertAudit(caller, result.audit)}
    )
    select t.base from t`;
  let base: number;
  try {
    ({ base } = (options.commit ? await commitWith<{ base: number }>(trx, text) : (await sql.raw<{ base: number }>(text).execute(trx)).rows)[0]!);
  } catch (error) {
    // A new row's id is held by a row this caller can't see: redo the batch one change at a time,
    // under the team lock from the start (rare, so simplicity wins over overlap here).
    if ((error as { constraint?: string }).constraint !== 'sync_rows_pk') throw error;
    await sql`rollback to savepoint apply_batch`.execute(trx);
    return applyLocked(trx, caller, changes);
  }
  return result.outcomes.map((o, i) => (result.relative.has(i) && 'seq' in o ? { ...o, seq: o.seq + base } : o));
}

/** `insert … select` of rows from one JSON literal, their sequence numbers shifted by the CTE `t`'s base. */
function insertShifted(table: 'sync_rows' | 'sync_changes', rows: readonly { payload?: string | null }[]): string {
  const columns = Object.keys(rows[0]!);
  const read = columns.map((c) => (c === 'seq' || c === 'last_seq' ? `x."${c}" + t.base` : `x."${c}"`));
  return `insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')})
      select ${read.join(', ')} from jsonb_populate_recordset(null::${table}, ${literal(jsonRows(rows))}::jsonb) x, t returning 1`;
}

/** The batch's audit rows, written in the same statement (nothing there needs a sequence number). */
function insertAudit(caller: Caller, events: readonly ServerAuditEvent[]): string {
  if (events.length === 0) return 'select 1 where false';
  const rows = auditRows(caller, events);
  const columns = Object.keys(rows[0]!).map((c) => `"${c}"`).join(', ');
  return `insert into audit_events (${columns}) select ${columns} from jsonb_populate_recordset(null::audit_events, ${literal(JSON.stringify(rows))}::jsonb) returning 1`;
}

const textArray = (values: readonly string[]) => `array[${values.map(literal).join(',')}]::text[]`;

/** Rows as one JSON array for jsonb_populate_recordset; `payload` is already JSON text, spliced in as is. */
function jsonRows(rows: readonly { payload?: string | null }[]): string {
  return `[${rows.map(({ payload, ...rest }) => `${JSON.stringify(rest).slice(0, -1)},"payload":${payload ?? 'null'}}`).join(',')}]`;
}

/** The batch one change at a time under the team lock, with real sequence numbers from the start. */
async function applyLocked(trx: ServerTransaction, caller: Caller, changes: readonly SyncChange[]): Promise<ChangeOutcome[]> {
  const { teamId } = caller;
  const team = await trx.selectFrom('teams').select('last_seq').where('id', '=', teamId).forUpdate().executeTakeFirstOrThrow();
  const careful = await applyBatch(trx, caller, changes, team.last_seq, true);
  await writeLog(trx, careful.changes);
  if (careful.seq !== team.last_seq) await trx.updateTable('teams').set({ last_seq: careful.seq }).where('id', '=', teamId).execute();
  await recordServerAudit(trx, caller, careful.audit);
  return careful.outcomes;
}

/**
 * Every push holds this team-wide advisory lock shared, an erasure holds it exclusively (before the
 * team lock): an erasure waits for pushes in flight, so none of them writes about the candidate after
 * its deletes, and pushes after it see it (and are refused). Taken first, so no lock cycle forms.
 */
export async function lockAgainstErasure(trx: ServerTransaction, teamId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const key = `${teamId}/erasure`;
  if (mode === 'shared') await sql`select pg_advisory_xact_lock_shared(hashtextextended(${key}, 0))`.execute(trx);
  else await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

async function writeLog(trx: ServerTransaction, log: Insertable<SyncChangesTable>[]): Promise<void> {
  for (let i = 0; i < log.length; i += 1000) await trx.insertInto('sync_changes').values(log.slice(i, i + 1000)).execute();
}

/**
 * The shared erasure lock, then one transaction-scoped advisory lock per row key in key order, then
 * the batch's savepoint, then its reads: four statements in one round trip (simple protocol, so
 * values are inlined as literals), in this order. Each statement sees what committed before it
 * started, so the reads see the last holder of each row lock's work.
 */
async function lockAndRead(trx: ServerTransaction, caller: Caller, changes: readonly SyncChange[]): Promise<BatchRead> {
  const { teamId } = caller;
  const keys = [...new Set(changes.map((c) => `${teamId}/${c.entity}/${c.entityId}`))];
  const { rows } = await sql
    .raw<BatchRead>(
      `select pg_advisory_xact_lock_shared(hashtextextended(${literal(`${teamId}/erasure`)}, 0));
      select count(pg_advisory_xact_lock(k)) from (
        select distinct hashtextextended(key, 0) as k from unnest(${textArray(keys)}) as u(key) order by 1 offset 0
      ) s;
      savepoint apply_batch;
      ${batchReads(caller, changes).text}`,
    )
    .execute(trx);
  return rows[0]!;
}

interface BatchResult {
  outcomes: ChangeOutcome[];
  /** Outcomes whose seq counts from the batch's base (shifted once numbers are assigned). */
  relative: Set<number>;
  /** The log rows to write. */
  changes: Insertable<SyncChangesTable>[];
  /** New rows to insert (none in careful mode, which inserts as it goes). */
  newRows: Map<string, NewRow>;
  /** Existing rows updated, whose last_seq counts from the base until shifted. */
  updated: { entity: string; entityId: string }[];
  audit: ServerAuditEvent[];
  seq: number;
}

/**
 * Reads what the batch needs once, then decides each change in order. `base` is 0 while numbers
 * are not yet assigned; careful mode runs under the team lock with the real last seq.
 */
interface BatchRead {
  erased: string[];
  seen: [string, number][];
  found: RowState[];
  roles: Record<string, HiringRole>;
}

/**
 * Everything a batch reads before deciding, as one query (values inlined, so it can follow the
 * locks in their round trip): erased candidates, change ids already applied, the rows it touches,
 * and the caller's role on the requisitions it names.
 */
function batchReads(caller: Caller, changes: readonly SyncChange[]): { text: string; byHash: Map<string, string>; requisitions: string[] } {
  const team = literal(caller.teamId);
  const concerned = changes.map((c) => (c.entity === 'candidate' ? c.entityId : c.entity === 'erasure' ? null : candidateIdIn(c.payload))).filter((c): c is string => c !== null);
  const byHash = new Map([...new Set(concerned)].map((id) => [candidateHash(id), id]));
  const requisitions = [...new Set(changes.map((c) => (c.entity === 'requisition' ? c.entityId : c.payload?.['requisitionId'])).filter((r): r is string => typeof r === 'string'))];
  const text = `select
      (select coalesce(json_agg(candidate_hash), '[]') from erasure_receipts
        where team_id = ${team} and candidate_hash = any(${textArray([...byHash.keys()])})) as erased,
      (select coalesce(json_agg(json_build_array(change_id, seq)), '[]') from sync_changes
        where team_id = ${team} and change_id = any(${textArray(changes.map((c) => c.id))})) as seen,
      (select coalesce(json_agg(r), '[]') from sync_rows r
        where team_id = ${team} and entity = any(${textArray([...new Set(changes.map((c) => c.entity))])}) and entity_id = any(${textArray([...new Set(changes.map((c) => c.entityId))])})) as found,
      (select coalesce(json_object_agg(requisition_id, role), '{}') from requisition_members
        where team_id = ${team} and user_id = ${literal(caller.user.id)} and requisition_id = any(${textArray(requisitions)})) as roles`;
  return { text, byHash, requisitions };
}

async function applyBatch(trx: ServerTransaction, caller: Caller, changes: readonly SyncChange[], base: number, careful: boolean, preRead?: BatchRead): Promise<BatchResult> {
  const state: BatchState = { seq: base, seen: new Map(), rows: new Map(), roles: new Map(), newRows: new Map(), changes: [], careful, ours: new Set(), updated: new Map(), written: new Set(), relative: false, erased: new Set(), audit: [] };
  const reads = batchReads(caller, changes);
  const { byHash, requisitions } = reads;
  const read = preRead ?? (await sql.raw<BatchRead>(reads.text).execute(trx)).rows[0]!;
  state.erased = new Set(read.erased.map((h) => byHash.get(h)!));
  for (const [id, seq] of read.seen) state.seen.set(id, seq);
  for (const r of read.found) state.rows.set(rowKey(r.entity, r.entity_id), r);
  for (const r of requisitions) state.roles.set(r, read.roles[r] ?? null);

  const outcomes: ChangeOutcome[] = [];
  const relative = new Set<number>();
  for (const change of changes) {
    outcomes.push(await applyOne(trx, caller, change, state));
    if (state.relative) relative.add(outcomes.length - 1);
    state.relative = false;
  }
  return { outcomes, relative, changes: state.changes, newRows: state.newRows, updated: [...state.updated.values()], audit: state.audit, seq: state.seq };
}

async function roleIn(trx: ServerTransaction, state: BatchState, teamId: string, requisitionId: string, userId: string): Promise<HiringRole | null> {
  if (!state.roles.has(requisitionId)) state.roles.set(requisitionId, await memberRole(trx, teamId, requisitionId, userId));
  return state.roles.get(requisitionId)!;
}

/** One change's outcome. */
async function applyOne(trx: ServerTransaction, caller: Caller, change: SyncChange, state: BatchState): Promise<ChangeOutcome> {
  const { teamId } = caller;
  const userId = caller.user.id;
  const refused = (reason: string): ChangeOutcome => ({ id: change.id, status: 'refused', reason });

  const seenSeq = state.seen.get(change.id);
  if (seenSeq !== undefined) {
    state.relative = state.ours.has(change.id);
    return { id: change.id, status: 'duplicate', seq: seenSeq };
  }

  if (change.entity === 'erasure') return applyErasure(trx, caller, change, state);

  const key = rowKey(change.entity, change.entityId);
  const row = state.rows.get(key);

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

  const about = change.entity === 'candidate' ? change.entityId : scope.candidateId;
  if (about !== null && state.erased.has(about)) return refused('The candidate it concerns was erased from the team server.');

  let role = await roleIn(trx, state, teamId, scope.requisitionId, userId);
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
      state.relative = state.written.has(key);
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

  // A laptop's own word on who signed is never stored: the server signs from the caller's identity.
  let payload = change.entity === 'rubric_version' && change.payload ? withoutKeys(change.payload, LAPTOP_CLAIMS) : change.payload;
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
    state.roles.set(scope.requisitionId, role);
  }

  const seq = ++state.seq;
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
  const pending = state.newRows.get(key);
  if (pending) {
    // Made earlier in this batch and not yet inserted: the insert carries the latest values.
    Object.assign(pending, values);
  } else if (row) {
    if (!state.careful) state.updated.set(key, { entity: change.entity, entityId: change.entityId });
    await trx.updateTable('sync_rows').set(values).where('team_id', '=', teamId).where('entity', '=', change.entity).where('entity_id', '=', change.entityId).execute();
  } else if (state.careful) {
    // A row this caller can't see may already hold the id: insert nothing then, and say so.
    const inserted = await trx
      .insertInto('sync_rows')
      .values({ team_id: teamId, entity: change.entity, entity_id: change.entityId, ...values })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      --state.seq;
      return refused(`The id ${change.entityId} is already taken by another ${change.entity.replace(/_/g, ' ')}.`);
    }
  } else {
    state.newRows.set(key, { team_id: teamId, entity: change.entity, entity_id: change.entityId, ...values });
  }
  state.rows.set(key, {
    team_id: teamId,
    entity: change.entity,
    entity_id: change.entityId,
    ...values,
    payload: payload,
  });
  state.seen.set(change.id, seq);
  state.ours.add(change.id);
  state.written.add(key);
  state.changes.push({
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
  });
  if (contentHash) {
    await trx
      .insertInto('sign_offs')
      .values({ team_id: teamId, rubric_version_id: change.entityId, requisition_id: scope.requisitionId, user_id: userId, content_hash: contentHash })
      .execute();
  }
  const audited = auditOf(change, scope, contentHash !== null);
  if (audited) state.audit.push(audited);
  state.relative = true;
  return { id: change.id, status: 'applied', seq, version };
}

function candidateIdIn(payload: Record<string, unknown> | null): string | null {
  const value = payload?.['candidateId'] ?? payload?.['candidate_id'];
  return typeof value === 'string' ? value : null;
}

/** A pushed erasure erases on the server too (the laptop queued it while the server was out of reach). */
async function applyErasure(trx: ServerTransaction, caller: Caller, change: SyncChange, state: BatchState): Promise<ChangeOutcome> {
  if (change.op === 'delete') return { id: change.id, status: 'refused', reason: 'An erasure cannot be undone.' };
  const hint = change.payload?.['requisitionId'];
  const request = { candidateId: change.entityId, requisitionHint: typeof hint === 'string' ? hint : null, changeId: change.id, hlc: change.hlc };
  const result = await eraseOnServer(trx, caller, request, () => ++state.seq);
  if ('refusal' in result) return { id: change.id, status: 'refused', reason: result.refusal.message };
  const id = change.entityId;
  state.erased.add(id);
  if (result.already) return { id: change.id, status: 'duplicate', seq: result.seq };
  // What this batch made for the candidate before the erasure is not written either.
  const isAbout = (r: { entity: string; entity_id: string; candidate_id?: string | null; payload?: unknown }) =>
    r.candidate_id === id || (r.entity === 'candidate' && r.entity_id === id);
  for (const [key, r] of state.newRows) if (isAbout(r)) state.newRows.delete(key);
  state.changes = state.changes.filter((c) => !isAbout(c));
  for (const [key, r] of state.rows) if (r && isAbout(r)) state.rows.delete(key);
  state.seen.set(change.id, result.seq);
  return { id: change.id, status: 'applied', seq: result.seq, version: 1 };
}

/** Submissions, amendments and sign-offs go to the server's audit trail (ids and versions only). */
function auditOf(change: SyncChange, scope: SyncScope, signedOff: boolean): ServerAuditEvent | null {
  const candidate = scope.candidateId ? candidateHash(scope.candidateId) : null;
  if (signedOff) return { action: 'signed_off', subjectKind: 'rubric_version', subjectId: change.entityId, requisitionId: scope.requisitionId };
  if (change.op !== 'upsert') return null;
  if (change.entity === 'scorecard_version') {
    // The payload carries the scorecard_versions row; its `version` counts amendments.
    const row = change.payload?.['version'] as { version?: unknown } | undefined;
    const version = typeof row?.version === 'number' ? row.version : 1;
    return { action: version > 1 ? 'amended' : 'submitted', subjectKind: 'scorecard_version', subjectId: change.entityId, requisitionId: scope.requisitionId, candidateHash: candidate, details: { version } };
  }
  if (change.entity === 'debrief_decision') {
    return { action: 'submitted', subjectKind: 'debrief_decision', subjectId: change.entityId, requisitionId: scope.requisitionId, candidateHash: candidate };
  }
  return null;
}

function sameContent(stored: Record<string, unknown> | null, sent: Record<string, unknown> | null, signed: boolean): boolean {
  if (!stored || !sent) return false;
  return signed ? rubricContentHash(stored) === rubricContentHash(sent) : canonicalJson(stored) === canonicalJson(sent);
}
