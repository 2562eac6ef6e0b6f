import { z } from 'zod';

export { describeIssues } from '../../zod-issues.js';

/** What `debrief models import --name` accepts; loaded only by an import, so resolving a model never loads zod. */
export const modelNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'use letters, digits, ".", "_" and "-" (at most 100)');
