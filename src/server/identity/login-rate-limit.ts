import { sql } from 'kysely';
import { inTransaction, type ServerDatabase } from '../db/server-database.js';
import { HttpError } from '../http/http-error.js';

/** Failed sign-ins allowed per window, per account and per address. Kept in PostgreSQL: every instance shares it. */
export const LOGIN_WINDOW_MINUTES = 15;
const LIMITS = { email: 5, ip: 20 } as const;

function keys(email: string, ip: string): { key: string; limit: number }[] {
  return [
    { key: `email:${email}`, limit: LIMITS.email },
    { key: `ip:${ip}`, limit: LIMITS.ip },
  ];
}

/**
 * Takes one sign-in from the account's and the address's allowance before the password is checked,
 * each in one statement under the row's lock, so sign-ins sent in parallel can't all pass a check
 * made before any of them was counted; refuses once either allowance is spent (the refused try is not
 * counted). A window older than the limit's starts again. A success gives its sign-in back
 * (signedIn), so only failures use up the allowance.
 */
export async function takeSignInAttempt(db: ServerDatabase, teamId: string, email: string, ip: string): Promise<void> {
  await inTransaction(db, { teamId, userId: null }, async (trx) => {
    for (const { key, limit } of keys(email, ip)) {
      const { rows } = await sql<{ failures: number }>`insert into login_attempts (team_id, key, window_start, failures) values (${teamId}, ${key}, now(), 1)
        on conflict (team_id, key) do update set
          failures = case when login_attempts.window_start > now() - make_interval(mins => ${LOGIN_WINDOW_MINUTES}) then login_attempts.failures + 1 else 1 end,
          window_start = case when login_attempts.window_start > now() - make_interval(mins => ${LOGIN_WINDOW_MINUTES}) then login_attempts.window_start else now() end
        returning failures`.execute(trx);
      if (rows[0]!.failures > limit) {
        throw new HttpError(429, 'too-many-sign-ins', `Too many failed sign-ins: wait ${LOGIN_WINDOW_MINUTES} minutes and try again.`);
      }
    }
  });
}

/** A sign-in that succeeded: the account's failures are forgiven and the address gets its try back. */
export async function signedIn(db: ServerDatabase, teamId: string, email: string, ip: string): Promise<void> {
  await inTransaction(db, { teamId, userId: null }, async (trx) => {
    await trx.deleteFrom('login_attempts').where('team_id', '=', teamId).where('key', '=', `email:${email}`).execute();
    await trx
      .updateTable('login_attempts')
      .set({ failures: sql<number>`greatest(failures - 1, 0)` })
      .where('team_id', '=', teamId)
      .where('key', '=', `ip:${ip}`)
      .execute();
  });
}
