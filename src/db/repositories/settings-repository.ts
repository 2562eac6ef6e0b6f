import type { z } from 'zod';
import { UserFacingError } from '../../core/errors.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import { describeIssues } from '../../core/zod-issues.js';

/**
 * App settings as JSON values keyed by name. Each caller brings the zod schema of its
 * setting, so a value is checked both before it is written and after it is read back
 * (the file may have been edited, or written by another version).
 */

/** The stored value of `key`, or undefined when it was never set. */
export async function getSetting<S extends z.ZodType>(
  db: Database,
  key: string,
  schema: S,
): Promise<z.output<S> | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(row.value);
  } catch (error) {
    throw new UserFacingError(`Setting "${key}" in the database is not valid JSON; set it again.`, 'bad-setting', {
      cause: error,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new UserFacingError(
      `Setting "${key}" in the database is invalid (${describeIssues(parsed.error)}); set it again.`,
      'bad-setting',
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/** Validates `value` with `schema` and stores it (as the schema's output) under `key`. */
export async function setSetting<S extends z.ZodType>(
  db: Database,
  key: string,
  schema: S,
  value: z.input<S>,
): Promise<void> {
  if (key.trim() === '') throw new UserFacingError('A setting needs a non-empty key.', 'bad-setting');
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new UserFacingError(`Invalid value for setting "${key}": ${describeIssues(parsed.error)}`, 'bad-setting', {
      cause: parsed.error,
    });
  }
  const json = JSON.stringify(parsed.data);
  if (json === undefined) {
    throw new UserFacingError(`Invalid value for setting "${key}": it cannot be stored as JSON.`, 'bad-setting');
  }
  const now = nowIso();
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now }))
    .execute();
}

/** Forgets `key`; returns whether it was set. */
export async function deleteSetting(db: Database, key: string): Promise<boolean> {
  const result = await db.deleteFrom('settings').where('key', '=', key).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

