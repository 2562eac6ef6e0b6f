import type { ControlledTransaction, Kysely, Selectable } from 'kysely';
import { UserFacingError } from '../../core/errors.js';
import { HybridLogicalClock } from '../../core/sync/hybrid-logical-clock.js';
import { IMMUTABLE_ENTITIES, syncChangeSchema, type SyncChange, type SyncedEntity } from '../../core/sync/sync-change.js';
import { isSignedPayload } from '../../core/sync/sync-scope.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import { eraseCandidate } from '../privacy/erase-candidate.js';
import type { DB, SyncChangesTable } from '../schema.js';
import { candidateOf, CONFLICTING_ENTITIES, deleteEntity, KNOWN_FIELDS, writeEntity, type Payload } from './entity-rows.js';
import { deviceId } from './record-change.js';

/**
 * Applies changes from other laptops (through the team server or a shared folder) to this store.
 * Merging is by change id: a change already known is ignored, so a batch can be received any number
 * of times, in any order. Received changes wait in the ledger as `pending` and are applied in hybrid
 * logical clock order, a slice of them per transaction with their ledger rows; one whose parent has not
 * arrived yet (a scorecard before its rubric) stays pending for the next merge.
 *
 * Two changes made on the same row version of a draft rubric, its plan or a candidate are siblings:
 * neither is dropped. Both stay in the ledger with a conflict row, the store shows one (a signed
 * version over an unsigned one, else the later clock, so every laptop shows the same one) until a
 * person chooses. Other entities are either immutable (scorecards, decisions) or follow clock order.
 */

type Db = Kysely<DB>;

/** Changes applied per transaction. */
const APPLY_SLICE = 500;
/** Received changes per insert statement (13 columns each, under SQLite's bound-parameter limit). */
const RECEIVE_ROWS = 200;

export interface IncomingChange {
  change: SyncChange;
  /** The team server's row version after this change (absent from a shared folder). */
  version?: number;
}

export interface MergeReport {
  received: number;
  /** Already known by id: a retry, a replayed segment, our own change coming back. */
  duplicates: number;
  applied: number;
  superseded: number;
  conflicts: number;
  refused: { id: string; reason: string }[];
  /** Still waiting for a parent that has not arrived. */
  pending: number;
  erased: number;
}

/** Puts received changes in the ledger as pending; known ids are ignored. Refuses the whole batch if one is malformed. */
export async function receiveChanges(db: Database, incoming: readonly IncomingChange[]): Promise<{ received: number; duplicates: number }> {
  const checked = incoming.map((c, i) => {
    const parsed = syncChangeSchema.safeParse(c.change);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UserFacingError(`Change ${i + 1} of the batch is malformed (${issue.path.join('.') || 'change'}: ${issue.message}); nothing from this batch was stored.`, 'sync-bad-change');
    }
    return { change: parsed.data, version: c.version ?? null };
  });
  let received = 0;
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const values = checked.map(({ change, version }) => ({
      id: change.id,
      hlc: change.hlc,
      entity: change.entity,
      entity_id: change.entityId,
      op: change.op,
      base_version: change.baseVersion,
      payload: change.payload === null ? null : JSON.stringify(change.payload),
      candidate_id: change.entity === 'erasure' ? null : candidateOf(change.entity, change.entityId, change.payload),
      server_version: version,
      origin: 'remote' as const,
      status: 'pending' as const,
      reason: null,
      received_at: now,
    }));
    // Many rows per statement; a known id (or one repeated in the batch) is skipped, not counted.
    for (let i = 0; i < values.length; i += RECEIVE_ROWS) {
      const result = await trx
        .insertInto('sync_changes')
        .values(values.slice(i, i + RECEIVE_ROWS))
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      received += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
  });
  return { received, duplicates: checked.length - received };
}

export interface MergeOptions {
  /** The data folder: an erasure from another laptop removes this laptop's audio of the candidate too. */
  home: string;
  now?: () => number;
}

/** Applies every pending change it can, in clock order, until no more can be applied. */
export async function applyPending(db: Database, options: MergeOptions): Promise<Omit<MergeReport, 'received' | 'duplicates'>> {
  const report = { applied: 0, superseded: 0, conflicts: 0, refused: [] as { id: string; reason: string }[], pending: 0, erased: 0 };
  const node = await deviceId(db);
  const device = await db.selectFrom('sync_device').select('hlc').where('id', '=', 1).executeTakeFirstOrThrow();
  const clock = new HybridLogicalClock(node, options.now ?? Date.now, device.hlc ?? undefined);
  for (;;) {
    const pending = await db.selectFrom('sync_changes').selectAll().where('status', '=', 'pending').orderBy('hlc').orderBy('id').execute();
    let progress = false;
    const erasures: string[] = [];
    // One transaction per slice. What the merge reads (row versions, siblings, erasures) is fetched
    // once per slice and kept current in memory; what it writes to the ledger is written once at
    // the end of the slice. A change whose parent is missing leaves no trace and stays pending.
    for (let start = 0; start < pending.length; start += APPLY_SLICE) {
      const slice = pending.slice(start, start + APPLY_SLICE);
      const trx = await db.startTransaction().execute();
      try {
        const state = await sliceState(trx, slice);
        for (const row of slice) {
          const outcome = await applyGuarded(trx, row, clock, state);
          if (!outcome) continue;
          progress = true;
          if (outcome.status === 'refused') report.refused.push({ id: row.id, reason: outcome.reason });
          else report[outcome.status] += 1;
          if (outcome.erase) erasures.push(outcome.erase);
        }
        await flushState(trx, state);
        await trx.commit().execute();
      } catch (error) {
        await trx.rollback().execute();
        throw error;
      }
    }
    // Erasure removes files too, so it runs after the slice that carried it is committed.
    for (const candidateId of erasures) {
      const exists = await db.selectFrom('candidates').select('id').where('id', '=', candidateId).executeTakeFirst();
      if (exists) {
        await eraseCandidate(db, candidateId, { home: options.home, actor: 'team sync', fromSync: true });
        report.erased += 1;
      }
    }
    if (!progress) {
      report.pending = pending.length;
      break;
    }
  }
  await db.updateTable('sync_device').set({ hlc: clock.tick() }).where('id', '=', 1).execute();
  return report;
}

type ChangeRow = Selectable<SyncChangesTable>;
type RowState = { version: number; hlc: string; change_id: string };
type Status = 'applied' | 'superseded' | 'conflict';

/** A slice's view of the ledger, read once and kept current as its changes are applied. */
interface SliceState {
  erased: Set<string>;
  rows: Map<string, RowState | undefined>;
  /** Applied, superseded or conflicting changes per entity row: the candidates for siblings. */
  settled: Map<string, ChangeRow[]>;
  /** Rows with an open conflict: a later change on top of it may settle it. */
  openConflicts: Set<string>;
  /** Written at the end of the slice. */
  statuses: Map<string, Status>;
  rowWrites: Map<string, { entity: string; entity_id: string } & RowState>;
}

const keyOf = (entity: string, entityId: string) => `${entity}\u0000${entityId}`;
/** Under SQLite's bound-parameter limit with room for several columns per row. */
const IN_CHUNK = 400;

function chunks<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function sliceState(trx: Db, slice: readonly ChangeRow[]): Promise<SliceState> {
  const byEntity = new Map<string, Set<string>>();
  for (const r of slice) {
    if (!byEntity.has(r.entity)) byEntity.set(r.entity, new Set());
    byEntity.get(r.entity)!.add(r.entity_id);
  }
  const state: SliceState = { erased: new Set(), rows: new Map(), settled: new Map(), openConflicts: new Set(), statuses: new Map(), rowWrites: new Map() };
  const erasedIds = (await trx.selectFrom('sync_changes').select('entity_id').where('entity', '=', 'erasure').where('status', '=', 'applied').execute()).map((r) => r.entity_id);
  state.erased = new Set(erasedIds);
  for (const [entity, idSet] of byEntity) {
    for (const ids of chunks([...idSet])) {
      for (const id of ids) state.rows.set(keyOf(entity, id), undefined);
      for (const r of await trx.selectFrom('sync_rows').select(['entity_id', 'version', 'hlc', 'change_id']).where('entity', '=', entity).where('entity_id', 'in', ids).execute()) {
        state.rows.set(keyOf(entity, r.entity_id), { version: r.version, hlc: r.hlc, change_id: r.change_id });
      }
      if (!CONFLICTING_ENTITIES.has(entity as SyncedEntity)) continue;
      const settled = await trx.selectFrom('sync_changes').selectAll().where('entity', '=', entity).where('entity_id', 'in', ids).where('status', 'in', ['applied', 'superseded', 'conflict']).execute();
      for (const c of settled) {
        const key = keyOf(c.entity, c.entity_id);
        if (!state.settled.has(key)) state.settled.set(key, []);
        state.settled.get(key)!.push(c);
      }
      const open = await trx.selectFrom('sync_conflicts').select('entity_id').distinct().where('entity', '=', entity).where('entity_id', 'in', ids).where('resolved_at', 'is', null).execute();
      for (const c of open) state.openConflicts.add(keyOf(entity, c.entity_id));
    }
  }
  return state;
}

/** Writes the slice's ledger changes: statuses, then row versions. */
async function flushState(trx: Db, state: SliceState): Promise<void> {
  const byStatus = new Map<Status, string[]>();
  for (const [id, status] of state.statuses) {
    if (!byStatus.has(status)) byStatus.set(status, []);
    byStatus.get(status)!.push(id);
  }
  for (const [status, ids] of byStatus) for (const part of chunks(ids)) await trx.updateTable('sync_changes').set({ status }).where('id', 'in', part).execute();
  for (const part of chunks([...state.rowWrites.values()], 200)) {
    await trx
      .insertInto('sync_rows')
      .values(part)
      .onConflict((oc) => oc.columns(['entity', 'entity_id']).doUpdateSet((eb) => ({ version: eb.ref('excluded.version'), hlc: eb.ref('excluded.hlc'), change_id: eb.ref('excluded.change_id') })))
      .execute();
  }
}

/** Entities written by one statement: a failed write leaves nothing behind, so no savepoint is needed. */
const SINGLE_STATEMENT: ReadonlySet<SyncedEntity> = new Set(['requisition', 'rubric', 'candidate']);

/**
 * Applies one change; null when its parent is missing (it stays pending, nothing of it is kept).
 * Its effects on the slice's state are staged and kept only once it has gone through.
 */
async function applyGuarded(trx: ControlledTransaction<DB>, row: ChangeRow, clock: HybridLogicalClock, state: SliceState): Promise<Outcome | null> {
  const staged = new Staged(state);
  const entity = row.entity as SyncedEntity;
  const guarded = !SINGLE_STATEMENT.has(entity) || staged.siblingsOf(row).length > 0;
  let outcome: Outcome;
  if (guarded) {
    const point = await trx.savepoint('change').execute();
    try {
      outcome = await applyOne(point, row, clock, staged);
      await point.releaseSavepoint('change').execute();
    } catch (error) {
      await point.rollbackToSavepoint('change').execute();
      if (isMissingParent(error)) return null;
      outcome = await refuseUnstorable(trx, row, error);
      return outcome;
    }
  } else {
    try {
      outcome = await applyOne(trx, row, clock, staged);
    } catch (error) {
      // The write was the only statement, and a failed statement undoes itself.
      if (isMissingParent(error)) return null;
      return refuseUnstorable(trx, row, error);
    }
  }
  staged.keep();
  return outcome;
}

async function refuseUnstorable(trx: Db, row: ChangeRow, error: unknown): Promise<Outcome> {
  const reason = `it could not be stored here (${error instanceof Error ? error.message : String(error)})`;
  await trx.updateTable('sync_changes').set({ status: 'refused', reason, payload: null }).where('id', '=', row.id).execute();
  return { status: 'refused', reason };
}

/** One change's effects on the slice state, kept only if the change goes through. */
class Staged {
  private readonly statuses = new Map<string, Status>();
  private readonly rowWrites = new Map<string, { entity: string; entity_id: string } & RowState>();
  private readonly erased: string[] = [];
  private readonly conflicts: string[] = [];
  private readonly settledAdds: ChangeRow[] = [];

  constructor(readonly state: SliceState) {}

  isErased(candidateId: string): boolean {
    return this.state.erased.has(candidateId);
  }
  current(entity: string, entityId: string): RowState | undefined {
    const key = keyOf(entity, entityId);
    return this.rowWrites.get(key) ?? this.state.rows.get(key);
  }
  /** Settled changes made on the same row version as this one, with what they say being different. */
  siblingsOf(row: ChangeRow): ChangeRow[] {
    if (!CONFLICTING_ENTITIES.has(row.entity as SyncedEntity)) return [];
    return (this.state.settled.get(keyOf(row.entity, row.entity_id)) ?? []).filter((s) => s.base_version === row.base_version && s.id !== row.id && differs(s.payload, row.payload));
  }
  hasOpenConflict(entity: string, entityId: string): boolean {
    return this.state.openConflicts.has(keyOf(entity, entityId));
  }
  setRow(entity: string, entityId: string, values: RowState): void {
    this.rowWrites.set(keyOf(entity, entityId), { entity, entity_id: entityId, ...values });
  }
  mark(row: ChangeRow, status: Status): void {
    this.statuses.set(row.id, status);
    if (!this.settledAdds.includes(row)) this.settledAdds.push(row);
  }
  markIds(ids: readonly string[], status: Status): void {
    for (const id of ids) this.statuses.set(id, status);
  }
  erase(candidateId: string): void {
    this.erased.push(candidateId);
  }
  conflictOpened(entity: string, entityId: string): void {
    this.conflicts.push(keyOf(entity, entityId));
  }
  keep(): void {
    const { state } = this;
    for (const [id, status] of this.statuses) state.statuses.set(id, status);
    for (const [key, values] of this.rowWrites) {
      state.rows.set(key, { version: values.version, hlc: values.hlc, change_id: values.change_id });
      state.rowWrites.set(key, values);
    }
    for (const id of this.erased) state.erased.add(id);
    for (const key of this.conflicts) state.openConflicts.add(key);
    for (const row of this.settledAdds) {
      if (!CONFLICTING_ENTITIES.has(row.entity as SyncedEntity)) continue;
      const key = keyOf(row.entity, row.entity_id);
      if (!state.settled.has(key)) state.settled.set(key, []);
      state.settled.get(key)!.push(row);
    }
  }
}

/** Receives and applies a batch. */
export async function mergeChanges(db: Database, incoming: readonly IncomingChange[], options: MergeOptions): Promise<MergeReport> {
  const { received, duplicates } = await receiveChanges(db, incoming);
  return { received, duplicates, ...(await applyPending(db, options)) };
}

type Outcome = { status: 'applied' | 'superseded' | 'conflicts'; erase?: string } | { status: 'refused'; reason: string; erase?: undefined };

function isMissingParent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

const parsePayload = (json: string | null): Payload | null => (json === null ? null : (JSON.parse(json) as Payload));

/** Whether two sibling payloads say different things (the edit time alone is not a difference). */
function differs(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a !== b;
  const strip = (p: Payload) => JSON.stringify({ ...p, updated_at: null });
  return strip(parsePayload(a)!) !== strip(parsePayload(b)!);
}

/** The sibling every laptop shows until a person chooses: a signed version first, then the later clock. */
function shownOf(changes: readonly Selectable<SyncChangesTable>[]): Selectable<SyncChangesTable> {
  const signed = (c: Selectable<SyncChangesTable>) => isSignedPayload(parsePayload(c.payload));
  return [...changes].sort((x, y) => Number(signed(y)) - Number(signed(x)) || (x.hlc < y.hlc ? 1 : x.hlc > y.hlc ? -1 : 0))[0]!;
}

async function applyOne(trx: Db, row: ChangeRow, clock: HybridLogicalClock, staged: Staged): Promise<Outcome> {
  const entity = row.entity as SyncedEntity;
  const refuse = async (reason: string): Promise<Outcome> => {
    // A refused change keeps no payload: it may be about someone who was erased.
    await trx.updateTable('sync_changes').set({ status: 'refused', reason, payload: null }).where('id', '=', row.id).execute();
    return { status: 'refused', reason };
  };
  try {
    clock.receive(row.hlc);
  } catch (error) {
    return refuse(`it was made on a laptop whose clock is wrong: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (row.candidate_id && entity !== 'erasure' && staged.isErased(row.candidate_id)) return refuse('the candidate it concerns was erased');
  const payload = parsePayload(row.payload);

  const current = staged.current(entity, row.entity_id);
  const nextVersion = Math.max(current?.version ?? 0, row.server_version ?? row.base_version + 1);
  const setRow = (content: { hlc: string; change_id: string } | null) =>
    staged.setRow(entity, row.entity_id, { version: nextVersion, hlc: content?.hlc ?? current?.hlc ?? row.hlc, change_id: content?.change_id ?? current?.change_id ?? row.id });
  // The write comes first: when it fails for a missing parent, nothing else was written.
  const write = async () => {
    if (row.op === 'delete') await deleteEntity(trx, entity, row.entity_id);
    else await writeEntity(trx, entity, row.entity_id, payload!);
  };
  const park = async () => {
    if (payload) await parkUnknownFields(trx, entity, row.entity_id, payload);
  };

  if (entity === 'erasure') {
    await park();
    staged.mark(row, 'applied');
    staged.erase(row.entity_id);
    return { status: 'applied', erase: row.entity_id };
  }
  if (IMMUTABLE_ENTITIES.has(entity)) {
    // Written once; the same id with other content is ignored by writeEntity, never rewritten.
    await write();
    await park();
    setRow({ hlc: row.hlc, change_id: row.id });
    staged.mark(row, 'applied');
    return { status: 'applied' };
  }

  const siblings = staged.siblingsOf(row);
  if (siblings.length > 0) {
    const all = [row, ...siblings];
    const shown = shownOf(all);
    // The row shows a sibling unless a change made after the conflict already replaced it.
    const rowIsSibling = !current || all.some((c) => c.id === current.change_id);
    if (shown.id === row.id && rowIsSibling) {
      await write();
      setRow({ hlc: row.hlc, change_id: row.id });
    } else setRow(null);
    await park();
    for (const s of siblings) {
      const [a, b] = [row.id, s.id].sort() as [string, string];
      await trx
        .insertInto('sync_conflicts')
        .values({ id: `${a}+${b}`, entity, entity_id: row.entity_id, base_version: row.base_version, change_a_id: a, change_b_id: b, shown_change_id: shown.id, candidate_id: row.candidate_id ?? s.candidate_id, created_at: nowIso(), resolved_at: null, resolved_by_change_id: null })
        .onConflict((oc) => oc.columns(['change_a_id', 'change_b_id']).doNothing())
        .execute();
    }
    await trx.updateTable('sync_conflicts').set({ shown_change_id: shown.id }).where('entity', '=', entity).where('entity_id', '=', row.entity_id).where('base_version', '=', row.base_version).execute();
    staged.mark(row, 'conflict');
    staged.markIds(all.map((c) => c.id), 'conflict');
    staged.conflictOpened(entity, row.entity_id);
    return { status: 'conflicts' };
  }

  if (!current || row.hlc > current.hlc) {
    await write();
    await park();
    setRow({ hlc: row.hlc, change_id: row.id });
    // Made on top of an open conflict's row version: whoever made it had settled it.
    if (staged.hasOpenConflict(entity, row.entity_id)) {
      await trx
        .updateTable('sync_conflicts')
        .set({ resolved_at: nowIso(), resolved_by_change_id: row.id })
        .where('entity', '=', entity)
        .where('entity_id', '=', row.entity_id)
        .where('base_version', '<', row.base_version)
        .where('resolved_at', 'is', null)
        .execute();
    }
    staged.mark(row, 'applied');
    return { status: 'applied' };
  }
  // Older than what the row already shows (it arrived late): kept in the ledger, content not rewritten.
  await park();
  setRow(null);
  staged.mark(row, 'superseded');
  return { status: 'superseded' };
}

/** Fields this schema does not know are kept, so this laptop's next change to the row sends them on. */
async function parkUnknownFields(trx: Db, entity: SyncedEntity, entityId: string, payload: Payload): Promise<void> {
  const known = new Set(KNOWN_FIELDS[entity]);
  const unknown = Object.fromEntries(Object.entries(payload).filter(([k]) => !known.has(k)));
  if (Object.keys(unknown).length === 0) return;
  const fields = JSON.stringify(unknown);
  const now = nowIso();
  await trx
    .insertInto('sync_parked')
    .values({ entity, entity_id: entityId, fields, updated_at: now })
    .onConflict((oc) => oc.columns(['entity', 'entity_id']).doUpdateSet({ fields, updated_at: now }))
    .execute();
}
