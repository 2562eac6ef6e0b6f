/**
 * A hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, so changes made
 * on laptops whose clocks disagree still order causally. Encoded so that string order is clock order.
 */
export interface HlcTimestamp {
  millis: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 0xffff;
/** A peer's clock more than this far ahead is refused rather than dragging ours into the future. */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

export function formatHlc(t: HlcTimestamp): string {
  return `${t.millis.toString().padStart(15, '0')}-${t.counter.toString(16).padStart(4, '0')}-${t.node}`;
}

export function parseHlc(text: string): HlcTimestamp {
  const match = /^(\d{15})-([0-9a-f]{4})-([A-Za-z0-9_-]{1,64})$/.exec(text);
  if (!match) throw new Error(`not a hybrid logical clock timestamp: "${text}"`);
  return { millis: Number(match[1]), counter: parseInt(match[2]!, 16), node: match[3]! };
}

export class HybridLogicalClock {
  private last: HlcTimestamp;

  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
    last?: string,
  ) {
    this.last = last ? parseHlc(last) : { millis: 0, counter: 0, node };
  }

  /** A timestamp for a local change, later than every one seen so far. */
  tick(): string {
    const wall = this.now();
    this.last = wall > this.last.millis ? { millis: wall, counter: 0, node: this.node } : this.bump(this.last.millis, this.last.counter);
    return formatHlc(this.last);
  }

  /** Takes a peer's timestamp into account, so the next local one orders after it. */
  receive(remote: string): void {
    const peer = parseHlc(remote);
    const wall = this.now();
    if (peer.millis - wall > MAX_DRIFT_MS) throw new Error(`a peer's clock is more than a day ahead of ours (${new Date(peer.millis).toISOString()})`);
    const millis = Math.max(wall, this.last.millis, peer.millis);
    if (millis === this.last.millis && millis === peer.millis) this.last = this.bump(millis, Math.max(this.last.counter, peer.counter));
    else if (millis === this.last.millis) this.last = this.bump(millis, this.last.counter);
    else if (millis === peer.millis) this.last = this.bump(millis, peer.counter);
    else this.last = { millis, counter: 0, node: this.node };
  }

  private bump(millis: number, counter: number): HlcTimestamp {
    // A full counter moves the logical millisecond on: still later than everything seen, never an error.
    if (counter >= MAX_COUNTER) return { millis: millis + 1, counter: 0, node: this.node };
    return { millis, counter: counter + 1, node: this.node };
  }
}
