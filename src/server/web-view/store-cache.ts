/**
 * A bounded LRU of values per key, capped by count and by the bytes each value reports, with one
 * operation at a time per key (a store is brought up to date and read without another request
 * merging into it meanwhile). Evicted and replaced values are closed.
 */
export interface CacheLimits {
  maxEntries: number;
  maxBytes: number;
}

interface Slot<V> {
  value: V | null;
  bytes: number;
  /** The tail of this key's queue of operations, and how many are queued or running. */
  queue: Promise<unknown>;
  pending: number;
}

export class StoreCache<V> {
  private readonly slots = new Map<string, Slot<V>>();
  private closed = false;

  constructor(
    private readonly limits: CacheLimits,
    private readonly close: (value: V) => Promise<void>,
  ) {}

  /**
   * Runs `fn` with this key's cached value (null when none) alone for the key. `fn` answers what to
   * keep (null drops it) and its size; a throw drops the value, since it may be half-updated.
   */
  async use<T>(key: string, fn: (cached: V | null) => Promise<{ keep: V | null; bytes: number; result: T }>): Promise<T> {
    if (this.closed) throw new Error('The web view cache is closed');
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { value: null, bytes: 0, queue: Promise.resolve(), pending: 0 };
      this.slots.set(key, slot);
    }
    const s = slot;
    s.pending++;
    const run = s.queue.then(async () => {
      const cached = s.value;
      s.value = null;
      s.bytes = 0;
      try {
        const { keep, bytes, result } = await fn(cached);
        if (cached && keep !== cached) await this.close(cached);
        if (keep && this.closed) await this.close(keep);
        else if (keep) {
          s.value = keep;
          s.bytes = bytes;
          this.touch(key, s);
        }
        return result;
      } catch (error) {
        if (cached) await this.close(cached).catch(() => undefined);
        throw error;
      }
    });
    s.queue = run.catch(() => undefined);
    try {
      return await run;
    } finally {
      s.pending--;
      if (s.pending === 0 && s.value === null && this.slots.get(key) === s) this.slots.delete(key);
      await this.evict();
    }
  }

  get size(): number {
    return [...this.slots.values()].filter((s) => s.value !== null).length;
  }

  get bytes(): number {
    let total = 0;
    for (const s of this.slots.values()) total += s.bytes;
    return total;
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    const slots = [...this.slots.values()];
    await Promise.all(slots.map((s) => s.queue));
    for (const s of slots) if (s.value) await this.close(s.value);
    this.slots.clear();
  }

  /** Map order is recency order: the most recent use goes last. */
  private touch(key: string, slot: Slot<V>): void {
    this.slots.delete(key);
    this.slots.set(key, slot);
  }

  /** Drops least recently used values, idle ones only, until both limits hold. */
  private async evict(): Promise<void> {
    for (const [key, slot] of [...this.slots]) {
      if (this.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) return;
      if (slot.value === null || slot.pending > 0) continue;
      const value = slot.value;
      slot.value = null;
      slot.bytes = 0;
      this.slots.delete(key);
      await this.close(value);
    }
  }
}
