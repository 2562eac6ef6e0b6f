import { HybridLogicalClock } from '../../src/core/sync/hybrid-logical-clock.js';
import type { SyncChange, SyncedEntity } from '../../src/core/sync/sync-change.js';
import { uuidV7 } from '../../src/core/sync/uuid-v7.js';

/** Makes changes the way a laptop's outbox would: fresh UUIDv7 ids, one device clock. */
export class ChangeMaker {
  private readonly clock: HybridLogicalClock;
  constructor(node: string, now: () => number = Date.now) {
    this.clock = new HybridLogicalClock(node, now);
  }

  upsert(entity: SyncedEntity, entityId: string, payload: Record<string, unknown>, baseVersion = 0): SyncChange {
    return { id: uuidV7(), hlc: this.clock.tick(), entity, entityId, op: 'upsert', baseVersion, payload };
  }

  remove(entity: SyncedEntity, entityId: string, baseVersion: number): SyncChange {
    return { id: uuidV7(), hlc: this.clock.tick(), entity, entityId, op: 'delete', baseVersion, payload: null };
  }
}

export const push = (changes: SyncChange[]) => ({ schemaVersion: 1, changes });
