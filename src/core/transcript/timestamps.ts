/**
 * Clock-style timestamps as meeting tools write them: `hh:mm:ss.mmm` (WebVTT, Zoom), `hh:mm:ss,mmm`
 * (SRT), `mm:ss.mmm` (WebVTT without hours), `00:00:01.2300000` (Teams, 100 ns ticks), `1:02:03`.
 */
const CLOCK = /^(?:(\d+):)?([0-5]?\d):([0-5]?\d)(?:[.,](\d+))?$/;

/** Seconds for a clock timestamp, or null when `text` is not one. */
export function parseClock(text: string): number | null {
  const m = CLOCK.exec(text.trim());
  if (!m) return null;
  const [, h, mm, ss, frac] = m;
  const fraction = frac ? Number(`0.${frac}`) : 0;
  return roundMs(Number(h ?? 0) * 3600 + Number(mm) * 60 + Number(ss) + fraction);
}

/** `hh:mm:ss.mmm` (or `hh:mm:ss,mmm` for SRT), hours always present and at least two digits. */
export function formatClock(seconds: number, decimalSeparator: '.' | ',' = '.'): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000));
  const ms = totalMs % 1000;
  const s = Math.floor(totalMs / 1000) % 60;
  const m = Math.floor(totalMs / 60_000) % 60;
  const h = Math.floor(totalMs / 3_600_000);
  return `${pad(h)}:${pad(m)}:${pad(s)}${decimalSeparator}${String(ms).padStart(3, '0')}`;
}

/** `hh:mm:ss`, truncated to whole seconds, for reading transcripts. */
export function formatClockSeconds(seconds: number): string {
  return formatClock(seconds).slice(0, -4);
}

/** Rounds to whole milliseconds, the precision every transcript format here carries. */
export const roundMs = (seconds: number): number => Math.round(seconds * 1000) / 1000;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `83.4` → `01:23`; an hour or more → `1:02:03`: how people say a moment's time in feedback. */
export function formatSpokenClock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const mmss = `${pad(m)}:${pad(s)}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}
