import { describe, expect, it } from 'vitest';
import { StoreCache } from './store-cache.js';

interface Box {
  name: string;
  closed: boolean;
}

function cacheOf(limits: { maxEntries: number; maxBytes: number }) {
  const closed: string[] = [];
  const cache = new StoreCache<Box>(limits, async (box) => {
    box.closed = true;
    closed.push(box.name);
  });
  const keep = (key: string, bytes = 1) => cache.use(key, async (cached) => ({ keep: cached ?? { name: key, closed: false }, bytes, result: cached?.name ?? null }));
  return { cache, closed, keep };
}

describe('the web view store cache', () => {
  it('hands a key its own value back and evicts the least recently used past the entry limit', async () => {
    const { cache, closed, keep } = cacheOf({ maxEntries: 2, maxBytes: 1000 });
    expect(await keep('a')).toBeNull();
    expect(await keep('b')).toBeNull();
    expect(await keep('a')).toBe('a');
    await keep('c');
    expect(closed).toEqual(['b']);
    expect(await keep('a')).toBe('a');
    expect(await keep('b')).toBeNull();
    expect(cache.size).toBe(2);
  });

  it('keeps the total size under the byte limit', async () => {
    const { cache, closed, keep } = cacheOf({ maxEntries: 10, maxBytes: 100 });
    await keep('a', 60);
    await keep('b', 30);
    await keep('c', 30);
    expect(closed).toEqual(['a']);
    expect(cache.bytes).toBe(60);
    // One value larger than the cap is answered, then not kept.
    await keep('huge', 500);
    expect(closed).toContain('huge');
    expect(cache.bytes).toBeLessThanOrEqual(100);
  });

  it('drops and closes a value whose update threw, and one that was replaced', async () => {
    const { cache, closed, keep } = cacheOf({ maxEntries: 10, maxBytes: 1000 });
    await keep('a');
    await expect(cache.use('a', async () => Promise.reject(new Error('merge failed')))).rejects.toThrow('merge failed');
    expect(closed).toEqual(['a']);
    expect(await keep('a')).toBeNull();
    await cache.use('a', async () => ({ keep: { name: 'a2', closed: false }, bytes: 1, result: null }));
    expect(closed).toEqual(['a', 'a']);
    await cache.closeAll();
    expect(closed).toEqual(['a', 'a', 'a2']);
  });

  it('runs one operation at a time per key', async () => {
    const { cache } = cacheOf({ maxEntries: 10, maxBytes: 1000 });
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = cache.use('a', async () => {
      log.push('first start');
      await gate;
      log.push('first end');
      return { keep: { name: 'a', closed: false }, bytes: 1, result: 1 };
    });
    const second = cache.use('a', async (cached) => {
      log.push(`second sees ${cached?.name ?? 'nothing'}`);
      return { keep: cached, bytes: 1, result: 2 };
    });
    const other = cache.use('b', async () => {
      log.push('other key');
      return { keep: null, bytes: 0, result: 3 };
    });
    expect(await other).toBe(3);
    release();
    expect([await first, await second]).toEqual([1, 2]);
    expect(log).toEqual(['first start', 'other key', 'first end', 'second sees a']);
  });
});
