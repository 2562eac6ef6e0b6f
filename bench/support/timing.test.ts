import { describe, expect, it } from 'vitest';
import { median, medianSeconds, timeOnce } from './timing.js';

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow('median of no values');
  });
});

describe('timeOnce / medianSeconds', () => {
  it('measures real elapsed time and passes the result through', async () => {
    const { value, seconds } = await timeOnce(() => new Promise<string>((r) => setTimeout(() => r('done'), 60)));
    expect(value).toBe('done');
    expect(seconds).toBeGreaterThanOrEqual(0.05);
    expect(seconds).toBeLessThan(2);
  });

  it('runs the function the asked number of times', async () => {
    let calls = 0;
    const seconds = await medianSeconds(async () => void calls++, 3);
    expect(calls).toBe(3);
    expect(seconds).toBeGreaterThanOrEqual(0);
    await expect(medianSeconds(async () => undefined, 0)).rejects.toThrow('runs must be a positive integer');
  });
});
