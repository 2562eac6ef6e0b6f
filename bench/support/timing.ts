import { performance } from 'node:perf_hooks';

export interface Timed<T> {
  value: T;
  seconds: number;
}

/** Wall-clock seconds of one run, with its result. */
export async function timeOnce<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const start = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - start) / 1000 };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median wall-clock seconds over `runs` runs; the median shrugs off one run disturbed by a neighbour process. */
export async function medianSeconds(fn: () => Promise<unknown>, runs: number): Promise<number> {
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs must be a positive integer, got ${runs}`);
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) seconds.push((await timeOnce(fn)).seconds);
  return median(seconds);
}
