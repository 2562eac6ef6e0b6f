import type { z } from 'zod';

/**
 * The one way a zod failure becomes a sentence. Every parser in Debrief reports its first
 * issue (or first few) through here, so messages read alike in the CLI, the app and logs.
 */

export interface DescribeIssuesOptions {
  /** Prefixed to every path, e.g. `segments` for a nested parse. */
  root?: string;
  /** Named where the issue is at the top level (path empty); omitted when not given. */
  topLevel?: string;
  /** How many issues to list, the rest counted ("and 2 more"). Without it: the first, uncounted. */
  max?: number;
}

/** `tracks[0].speakerLabel`: dots between keys, brackets around indexes; '' for the top level. */
export function issuePath(path: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** "speakers[1].name: Too small…; title: the title is empty (and 2 more)". */
export function describeIssues(error: z.ZodError, options: DescribeIssuesOptions = {}): string {
  const max = Math.max(1, options.max ?? 1);
  const issues = error.issues;
  if (issues.length === 0) return 'invalid value';
  const listed = issues.slice(0, max).map((issue) => {
    const where = issuePath(issue.path, options.root) || options.topLevel || '';
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = options.max !== undefined && issues.length > max ? ` (and ${issues.length - max} more)` : '';
  return `${listed.join('; ')}${more}`;
}

/**
 * For people rather than developers: the field in words ("speaker label") and the message, with no
 * dotted path, index or channel name. Messages Debrief writes itself start lower-case and already
 * say what is wrong in the user's terms ("the title is empty"), so they stand alone; zod's own
 * (capitalised, "Too big: …") get the field's name in front.
 */
export function describeIssueForUser(error: z.ZodError): string {
  const phrase = userPhrase(error);
  return `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}${/[.!?]$/.test(phrase) ? '' : '.'}`;
}

/** The same as a phrase to follow a colon: "the title is empty", "check the speaker label: too big: …". */
export function userPhrase(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'something in the request is not valid';
  if (/^[a-z]/.test(issue.message)) return issue.message;
  const key = [...issue.path].reverse().find((p): p is string => typeof p === 'string');
  const message = issue.message.replace(/^Invalid input: /, '');
  const lowered = `${message.charAt(0).toLowerCase()}${message.slice(1)}`;
  return key ? `check the ${humanizeKey(key)}: ${lowered}` : lowered;
}

/** `speakerLabel` → `speaker label`, `requisition_id` → `requisition id`. */
function humanizeKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
}
