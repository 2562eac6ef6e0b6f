let lastMs = 0;

/**
 * Now as an ISO-8601 UTC timestamp with milliseconds, strictly increasing within
 * this process, so rows created in the same millisecond still sort in creation order.
 */
export function nowIso(): string {
  lastMs = Math.max(Date.now(), lastMs + 1);
  return new Date(lastMs).toISOString();
}
