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

export async function refuseIfLimited(db: ServerDatabase, teamId: string, email: string, ip: string): Promise<void> {
  await inTransaction(db, { teamId, userId: null }, async (trx) => {
    for (const { key, limit } of keys(email, ip)) {
      const row = await trx
        .selectFrom('login_attempts')
        .select('failures')
        .where('team_id', '=', teamId)
        .where('key', '=', key)
        .where('window_start', '>', sql<Date>`now() - make_interval(mins => ${LOGIN_WINDOW_MINUTES})`)
        .executeTakeFirst();
      if (row && row.failures >= limit) {
        throw new HttpError(429, 'too-many-sign-ins', `Too many failed sign-ins: wait ${LOGIN_WINDOW_MINUTES} minutes and try again.`);
      }
    }
  });
}

export async function recordFailure(db: ServerDatabase, teamId: string, email: string, ip: string): Promise<void> {
  await inTransaction(db, { teamId, userId: null }, async (trx) => {
    for (const { key } of keys(email, ip)) {
      // A window older than the limit's starts again from one failure.
      await sql`insert into login_attempts (team_id, key, window_start, failures) values (${teamId}, ${key}, now(), 1)
        on conflict (team_id, key) do update set
          failures = case when login_attempts.window_start > now() - make_interval(mins => ${LOGIN_WINDOW_MINUTES}) then login_attempts.failures + 1 else 1 end,
          window_start = case when login_attempts.window_start > now() - make_interval(mins => ${LOGIN_WINDOW_MINUTES}) then login_attempts.window_start else now() end`.execute(trx);
    }
  });
}

export async function clearFailures(db: ServerDatabase, teamId: string, email: string): Promise<void> {
  await inTransaction(db, { teamId, userId: null }, (trx) =>
    trx.deleteFrom('login_attempts').where('team_id', '=', teamId).where('key', '=', `email:${email}`).execute(),
  );
}
