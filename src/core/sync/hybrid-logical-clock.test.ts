import { describe, expect, it } from 'vitest';
import { HybridLogicalClock, parseHlc } from './hybrid-logical-clock.js';
import { UUID_V7, uuidV7 } from './uuid-v7.js';

describe('hybrid logical clock', () => {
  it('orders local changes even when the wall clock stands still or goes back', () => {
    let wall = 1_000;
    const clock = new HybridLogicalClock('laptop-a', () => wall);
    const first = clock.tick();
    const second = clock.tick();
    wall = 500;
    const third = clock.tick();
    expect([first, second, third]).toEqual([...[first, second, third]].sort());
    expect(new Set([first, second, third]).size).toBe(3);
  });

  it('orders after a peer whose clock is an hour ahead, and refuses one a day ahead', () => {
    const wall = 10_000_000;
    const ours = new HybridLogicalClock('laptop-a', () => wall);
    const theirs = new HybridLogicalClock('laptop-b', () => wall + 3_600_000);
    const remote = theirs.tick();
    ours.receive(remote);
    expect(ours.tick() > remote).toBe(true);
    const farAhead = new HybridLogicalClock('laptop-c', () => wall + 2 * 86_400_000).tick();
    expect(() => ours.receive(farAhead)).toThrow(/more than a day ahead/);
  });

  it('keeps ordering past 65,535 changes in one millisecond, after a peer an hour ahead', () => {
    const ours = new HybridLogicalClock('laptop-a', () => 1_000);
    ours.receive(new HybridLogicalClock('laptop-b', () => 3_601_000).tick());
    let previous = ours.tick();
    for (let i = 0; i < 70_000; i++) {
      const next = ours.tick();
      expect(next > previous).toBe(true);
      previous = next;
    }
  });

  it('round-trips its text form and refuses junk', () => {
    const t = new HybridLogicalClock('n1', () => 42).tick();
    expect(parseHlc(t)).toEqual({ millis: 42, counter: 0, node: 'n1' });
    expect(() => parseHlc("1'; drop table x")).toThrow(/not a hybrid logical clock/);
  });

  it('makes time-ordered UUIDv7 change ids', () => {
    const a = uuidV7(1_000);
    const b = uuidV7(2_000);
    expect(a).toMatch(UUID_V7);
    expect(a < b).toBe(true);
  });
});
