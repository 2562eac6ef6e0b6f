import { describe, expect, it } from 'vitest';
import { formatClock, formatClockSeconds, parseClock } from './timestamps.js';

describe('timestamps', () => {
  it('parses every clock style meeting tools write', () => {
    expect(parseClock('01:02:03.456')).toBe(3723.456);
    expect(parseClock('01:02:03,456')).toBe(3723.456);
    expect(parseClock('02:03.5')).toBe(123.5);
    expect(parseClock('00:00:01.2300000')).toBe(1.23);
    expect(parseClock('1:02:03')).toBe(3723);
    for (const bad of ['', '1.5', '00:60:00.000', '00:00:0x.000', 'soon', '-00:00:01.000']) expect(parseClock(bad)).toBeNull();
  });

  it('formats with carried rounding and at least two hour digits', () => {
    expect(formatClock(59.9996)).toBe('00:01:00.000');
    expect(formatClock(3723.456, ',')).toBe('01:02:03,456');
    expect(formatClock(360000)).toBe('100:00:00.000');
    expect(formatClockSeconds(62.9)).toBe('00:01:02');
  });
});
