/** "Dana Reyes — Phone screen — 3 Mar 2026": who, which stage, when; parts nobody gave are left out. */
export function defaultSessionTitle(parts: { candidate?: string | null; stage?: string | null; date: Date; fallback: string }): string {
  const date = parts.date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const named = [parts.candidate, parts.stage].map((p) => p?.trim()).filter((p): p is string => Boolean(p));
  return [...(named.length > 0 ? named : [parts.fallback]), date].join(' — ');
}
