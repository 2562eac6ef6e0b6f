import { createHash } from 'node:crypto';
import { inTransaction, inTransactionOpening, literal, type ServerDatabase, type ServerTransaction } from '../db/server-database.js';
import { readCookie, SESSION_COOKIE } from '../http/cookies.js';
import type { Caller } from '../http/handler.js';
import { forbidden, unauthorized } from '../http/http-error.js';
import { hashToken, sameHash } from './tokens.js';

/**
 * The CSRF token is derived from the session token, so any instance can check it without shared
 * memory; a page on another site can neither read the HttpOnly cookie nor compute it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`debrief-csrf:${sessionToken}`).digest('base64url');
}

export interface Credentials {
  authorization?: string;
  cookie?: string;
  csrf?: string;
}

/** Finds the caller from a device token or a session cookie; `requireCsrf` for cookie calls that change or read data. */
export async function authenticate(db: ServerDatabase, teamId: string, creds: Credentials, requireCsrf: boolean): Promise<Caller> {
  const bearer = deviceTokenOf(creds);
  if (bearer) return inDeviceTransaction(db, teamId, bearer, async (_trx, caller) => caller);
  const session = readCookie(creds.cookie, SESSION_COOKIE);
  if (session) {
    const caller = await bySession(db, teamId, session);
    if (requireCsrf && !(creds.csrf && sameHash(hashToken(creds.csrf), hashToken(csrfTokenFor(session))))) {
      throw forbidden('This request is missing its CSRF token (reload the page and try again).');
    }
    return caller;
  }
  throw unauthorized('Sign in first: this request carries no device token or session.');
}

/** The device token an `Authorization: Bearer` header carries, if any. */
export function deviceTokenOf(creds: Credentials): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(creds.authorization ?? '')?.[1];
}

/**
 * Runs `fn` in one transaction whose first query checks the device token and makes the
 * transaction act as its user (row-level security): a laptop's push or pull spends no separate
 * transaction on who it is, and a token revoked before that query committed is refused at once.
 */
export async function inDeviceTransaction<T>(db: ServerDatabase, teamId: string, token: string, fn: (trx: ServerTransaction, caller: Caller) => Promise<T>): Promise<T> {
  // In BEGIN's round trip; acting as the user from here on (a refusal below rolls it back with the transaction).
  const lookup = `select d.id as "deviceId", d.revoked_at, d.last_seen_at, u.id, u.email, u.display_name, u.role, u.disabled_at,
      set_config('debrief.user_id', u.id::text, true) as acting
    from devices d join users u on u.id = d.user_id where d.token_hash = ${literal(hashToken(token))}`;
  return inTransactionOpening<T, DeviceRow>(db, { teamId, userId: null }, lookup, async (trx, rows) => fn(trx, await deviceCaller(trx, teamId, rows[0])));
}

interface DeviceRow {
  deviceId: string;
  revoked_at: Date | null;
  last_seen_at: Date | null;
  id: string;
  email: string;
  display_name: string;
  role: Caller['user']['role'];
  disabled_at: Date | null;
}

async function deviceCaller(trx: ServerTransaction, teamId: string, row: DeviceRow | undefined): Promise<Caller> {
  if (!row) throw unauthorized("The team server doesn't know this device: join again with an invite.");
  if (row.revoked_at) throw unauthorized('This device was revoked by an admin or its owner: join again with a new invite.');
  if (row.disabled_at) throw unauthorized('This account is disabled on the team server.');
  // "Last seen" to the minute is enough for an admin, and spares a write on every request.
  if (!row.last_seen_at || Date.now() - row.last_seen_at.getTime() > 60_000) {
    await trx.updateTable('devices').set({ last_seen_at: new Date() }).where('id', '=', row.deviceId).execute();
  }
  return {
    teamId,
    user: { id: row.id, email: row.email, displayName: row.display_name, role: row.role },
    deviceId: row.deviceId,
    sessionToken: null,
  };
}

async function bySession(db: ServerDatabase, teamId: string, token: string): Promise<Caller> {
  return inTransaction(db, { teamId, userId: null }, async (trx) => {
    const row = await trx
      .selectFrom('web_sessions')
      .innerJoin('users', 'users.id', 'web_sessions.user_id')
      .select(['web_sessions.expires_at', 'users.id', 'users.email', 'users.display_name', 'users.role', 'users.disabled_at'])
      .where('web_sessions.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row || row.expires_at.getTime() < Date.now()) throw unauthorized('Your session has ended: sign in again.');
    if (row.disabled_at) throw unauthorized('This account is disabled on the team server.');
    return {
      teamId,
      user: { id: row.id, email: row.email, displayName: row.display_name, role: row.role },
      deviceId: null,
      sessionToken: token,
    };
  });
}
