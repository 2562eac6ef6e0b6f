import type { Kysely, Selectable } from 'kysely';
import { UserFacingError } from '../../core/errors.js';
import { HybridLogicalClock } from '../../core/sync/hybrid-logical-clock.js';
import { IMMUTABLE_ENTITIES, syncChangeSchema, type SyncChange, type SyncedEntity } from '../../core/sync/sync-change.js';
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
 * logical clock order, each in its own transaction with its ledger row; one whose parent has not
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
    for (const { change, version } of checked) {
      const result = await trx
        .insertInto('sync_changes')
        .values({
          id: change.id,
          hlc: change.hlc,
          entity: change.entity,
          entity_id: change.entityId,
          op: change.op,
          base_version: change.baseVersion,
          payload: change.payload === null ? null : JSON.stringify(change.payload),
          candidate_id: change.entity === 'erasure' ? null : candidateOf(change.entity, change.entityId, change.payload),
          server_version: version,
          origin: 'remote',
          status: 'pending',
          reason: null,
          received_at: now,
        })
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
    // One transaction per slice, one savepoint per change: a change whose parent is missing rolls
    // back alone and stays pending, without paying a commit for every change applied.
    for (let start = 0; start < pending.length; start += APPLY_SLICE) {
      const trx = await db.startTransaction().execute();
      try {
        for (const row of pending.slice(start, start + APPLY_SLICE)) {
          const point = await trx.savepoint('change').execute();
          let outcome: Outcome;
          try {
            outcome = await applyOne(point, row, clock);
            await point.releaseSavepoint('change').execute();
          } catch (error) {
            await point.rollbackToSavepoint('change').execute();
            if (isMissingParent(error)) continue;
            outcome = { status: 'refused', reason: `it could not be stored here (${error instanceof Error ? error.message : String(error)})` };
            await trx.updateTable('sync_changes').set({ status: 'refused', reason: outcome.reason, payload: null }).where('id', '=', row.id).execute();
          }
          progress = true;
          if (outcome.status === 'refused') report.refused.push({ id: row.id, reason: outcome.reason });
          else report[outcome.status] += 1;
          if (outcome.erase) erasures.push(outcome.erase);
        }
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
  const signed = (c: Selectable<SyncChangesTable>) => Boolean(parsePayload(c.payload)?.['signed_off_at']);
  return [...changes].sort((x, y) => Number(signed(y)) - Number(signed(x)) || (x.hlc < y.hlc ? 1 : x.hlc > y.hlc ? -1 : 0))[0]!;
}

async function applyOne(trx: Db, row: Selectable<SyncChangesTable>, clock: HybridLogicalClock): Promise<Outcome> {
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
  if (row.candidate_id && entity !== 'erasure') {
    const erased = await trx.selectFrom('sync_changes').select('id').where('entity', '=', 'erasure').where('entity_id', '=', row.candidate_id).where('status', '=', 'applied').executeTakeFirst();
    if (erased) return refuse('the candidate it concerns was erased');
  }
  const payload = parsePayload(row.payload);
  if (payload) await parkUnknownFields(trx, entity, row.entity_id, payload);

  const current = await trx.selectFrom('sync_rows').selectAll().where('entity', '=', entity).where('entity_id', '=', row.entity_id).executeTakeFirst();
  const nextVersion = Math.max(current?.version ?? 0, row.server_version ?? row.base_version + 1);
  const setRow = async (content: { hlc: string; change_id: string } | null) => {
    const values = { version: nextVersion, hlc: content?.hlc ?? current?.hlc ?? row.hlc, change_id: content?.change_id ?? current?.change_id ?? row.id };
    await trx
      .insertInto('sync_rows')
      .values({ entity, entity_id: row.entity_id, ...values })
      .onConflict((oc) => oc.columns(['entity', 'entity_id']).doUpdateSet(values))
      .execute();
  };
  const write = async () => {
    if (row.op === 'delete') await deleteEntity(trx, entity, row.entity_id);
    else await writeEntity(trx, entity, row.entity_id, payload!);
  };
  const mark = (status: 'applied' | 'superseded' | 'conflict') => trx.updateTable('sync_changes').set({ status }).where('id', '=', row.id).execute();

  if (entity === 'erasure') {
    await mark('applied');
    return { status: 'applied', erase: row.entity_id };
  }
  if (IMMUTABLE_ENTITIES.has(entity)) {
    // Written once; the same id with other content is ignored by writeEntity, never rewritten.
    await write();
    await setRow({ hlc: row.hlc, change_id: row.id });
    await mark('applied');
    return { status: 'applied' };
  }

  if (CONFLICTING_ENTITIES.has(entity)) {
    const siblings = (
      await trx
        .selectFrom('sync_changes')
        .selectAll()
        .where('entity', '=', entity)
        .where('entity_id', '=', row.entity_id)
        .where('base_version', '=', row.base_version)
        .where('id', '!=', row.id)
        .where('status', 'in', ['applied', 'superseded', 'conflict'])
        .execute()
    ).filter((s) => differs(s.payload, row.payload));
    if (siblings.length > 0) {
      const all = [row, ...siblings];
      const shown = shownOf(all);
      for (const s of siblings) {
        const [a, b] = [row.id, s.id].sort() as [string, string];
        await trx
          .insertInto('sync_conflicts')
          .values({ id: `${a}+${b}`, entity, entity_id: row.entity_id, base_version: row.base_version, change_a_id: a, change_b_id: b, shown_change_id: shown.id, candidate_id: row.candidate_id ?? s.candidate_id, created_at: nowIso(), resolved_at: null, resolved_by_change_id: null })
          .onConflict((oc) => oc.columns(['change_a_id', 'change_b_id']).doNothing())
          .execute();
      }
      await trx.updateTable('sync_conflicts').set({ shown_change_id: shown.id }).where('entity', '=', entity).where('entity_id', '=', row.entity_id).where('base_version', '=', row.base_version).execute();
      await trx.updateTable('sync_changes').set({ status: 'conflict' }).where('id', 'in', all.map((c) => c.id)).execute();
      // The row shows a sibling unless a change made after the conflict already replaced it.
      const rowIsSibling = !current || all.some((c) => c.id === current.change_id);
      if (shown.id === row.id && rowIsSibling) {
        await write();
        await setRow({ hlc: row.hlc, change_id: row.id });
      } else await setRow(null);
      return { status: 'conflicts' };
    }
  }

  if (!current || row.hlc > current.hlc) {
    await write();
    await setRow({ hlc: row.hlc, change_id: row.id });
    // Made on top of an open conflict's row version: whoever made it had settled it.
    await trx
      .updateTable('sync_conflicts')
      .set({ resolved_at: nowIso(), resolved_by_change_id: row.id })
      .where('entity', '=', entity)
      .where('entity_id', '=', row.entity_id)
      .where('base_version', '<', row.base_version)
      .where('resolved_at', 'is', null)
      .execute();
    await mark('applied');
    return { status: 'applied' };
  }
  // Older than what the row already shows (it arrived late): kept in the ledger, content not rewritten.
  await setRow(null);
  await mark('superseded');
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
