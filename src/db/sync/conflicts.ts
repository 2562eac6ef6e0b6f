import { UserFacingError } from '../../core/errors.js';
import type { SyncedEntity } from '../../core/sync/sync-change.js';
import { isSignedPayload } from '../../core/sync/sync-scope.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import { deleteEntity, writeEntity, type Payload } from './entity-rows.js';
import { deviceId, recordChange } from './record-change.js';

/**
 * Sync conflicts as the app shows them: the two versions side by side, which one the store shows
 * for now, and the person's choice, which becomes a change of its own made on top of both (so every
 * other laptop that applies it settles the same conflict).
 */

export interface ConflictSide {
  changeId: string;
  /** The laptop (device id) that made it, from its clock. */
  device: string;
  /** Made on this laptop. */
  mine: boolean;
  madeAt: string;
  /** The row as that laptop had it; null for a delete. */
  payload: Payload | null;
  shown: boolean;
}

export interface SyncConflict {
  id: string;
  entity: SyncedEntity;
  entityId: string;
  /** In words: "Candidate Marcus Reed", "Rubric version 2". */
  label: string;
  sides: [ConflictSide, ConflictSide];
  createdAt: string;
}

const hlcMillis = (hlc: string) => new Date(Number(hlc.slice(0, 15))).toISOString();
const hlcNode = (hlc: string) => hlc.slice(21);

function labelOf(entity: string, payload: Payload | null): string {
  if (entity === 'candidate') return `Candidate ${String(payload?.['name'] ?? '(deleted)')}`;
  if (entity === 'rubric_version') return `Rubric version ${String(payload?.['version'] ?? '')}`.trim();
  if (entity === 'interview_plan') return 'Interview plan';
  return entity.replace('_', ' ');
}

/** Open conflicts, oldest first. */
export async function listConflicts(db: Database): Promise<SyncConflict[]> {
  const rows = await db.selectFrom('sync_conflicts').selectAll().where('resolved_at', 'is', null).orderBy('created_at').execute();
  const out: SyncConflict[] = [];
  const own = rows.length ? await deviceId(db) : '';
  for (const r of rows) {
    const changes = await db.selectFrom('sync_changes').selectAll().where('id', 'in', [r.change_a_id, r.change_b_id]).execute();
    if (changes.length !== 2) continue;
    const sides = changes
      .sort((x, y) => (x.hlc < y.hlc ? -1 : 1))
      .map((c) => ({ changeId: c.id, device: hlcNode(c.hlc), mine: hlcNode(c.hlc) === own, madeAt: hlcMillis(c.hlc), payload: c.payload === null ? null : (JSON.parse(c.payload) as Payload), shown: c.id === r.shown_change_id }));
    const shown = sides.find((s) => s.shown) ?? sides[1]!;
    out.push({ id: r.id, entity: r.entity as SyncedEntity, entityId: r.entity_id, label: labelOf(r.entity, shown.payload), sides: sides as [ConflictSide, ConflictSide], createdAt: r.created_at });
  }
  return out;
}

/** Keeps the chosen side: the store takes its content, and the choice is recorded as a new change. */
export async function resolveConflict(db: Database, conflictId: string, keepChangeId: string): Promise<void> {
  const conflict = (await listConflicts(db)).find((c) => c.id === conflictId);
  if (!conflict) throw new UserFacingError('That conflict is already settled (here or on another laptop).', 'sync-conflict-not-found');
  const keep = conflict.sides.find((s) => s.changeId === keepChangeId);
  if (!keep) throw new UserFacingError('Choose one of the two versions shown.', 'sync-conflict-bad-choice');
  await db.transaction().execute(async (trx) => {
    if (conflict.entity === 'rubric_version' && !isSignedPayload(keep.payload)) {
      const current = await trx.selectFrom('rubric_versions').select(['version', 'signed_off_by', 'signed_off_at']).where('id', '=', conflict.entityId).executeTakeFirst();
      if (current?.signed_off_at) {
        // A signature is never replaced by an unsigned edit, not even by choice: the edit becomes a new version.
        throw new UserFacingError(
          `Version ${current.version} was signed off by ${current.signed_off_by ?? 'someone'}, so it can't take the unsigned edit. Keep the signed version, then edit it to start a new version with the other laptop's changes.`,
          'rubric-signed',
        );
      }
    }
    if (keep.payload === null) await deleteEntity(trx, conflict.entity, conflict.entityId);
    else await writeEntity(trx, conflict.entity, conflict.entityId, keep.payload);
    const changeId = await recordChange(trx, keep.payload === null ? { entity: conflict.entity, entityId: conflict.entityId, op: 'delete' } : { entity: conflict.entity, entityId: conflict.entityId });
    await trx.updateTable('sync_conflicts').set({ resolved_at: nowIso(), resolved_by_change_id: changeId }).where('entity', '=', conflict.entity).where('entity_id', '=', conflict.entityId).where('resolved_at', 'is', null).execute();
  });
}
