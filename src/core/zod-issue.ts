import type { z } from 'zod';

/** The first zod issue in plain words, with where it is: "changes[3].id: change id must be a UUIDv7". */
export function describeZodIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid value';
  const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return where ? `${where}: ${issue.message}` : issue.message;
}
