import type { ServerApiInput, ServerApiName, ServerApiOutput, ServerUser } from '../../shared/server-api/server-api.js';
import type { ServerApi } from '../../shared/server-api/server-api.js';
import type { z } from 'zod';
import { inTransaction, type ServerDatabase, type ServerTransaction } from '../db/server-database.js';

/** Who is calling: a laptop by its device token, or a browser by its session cookie. */
export interface Caller {
  teamId: string;
  user: ServerUser;
  deviceId: string | null;
  /** The raw session token when signed in through the web (for CSRF and sign-out). */
  sessionToken: string | null;
}

export interface RequestContext {
  db: ServerDatabase;
  teamId: string;
  /** null only on routes whose auth is 'none'. */
  caller: Caller | null;
  ip: string;
  secureCookies: boolean;
  setCookie(value: string): void;
  /** The request's own transaction, when the route opened one to check the device token in it. */
  trx?: ServerTransaction;
}

/** What a handler gets for one request: the API routes and the web view's channel route build it alike. */
export function requestContext(
  server: { db: ServerDatabase; teamId: string; secureCookies?: boolean },
  request: { ip: string },
  reply: { header(name: string, value: string): unknown },
  caller: Caller | null,
): RequestContext {
  return {
    db: server.db,
    teamId: server.teamId,
    caller,
    ip: request.ip,
    secureCookies: server.secureCookies ?? false,
    setCookie: (value) => void reply.header('set-cookie', value),
  };
}

export type Handler<N extends ServerApiName> = (
  input: z.infer<ServerApi[N]['input']>,
  ctx: RequestContext,
) => Promise<ServerApiOutput<N>>;

export type Handlers = { [N in ServerApiName]: Handler<N> };

/** A caller is required (the router guarantees it for 'user' and 'admin' routes). */
export function callerOf(ctx: RequestContext): Caller {
  if (!ctx.caller) throw new Error('route needs a signed-in caller');
  return ctx.caller;
}

/** Runs `fn` in the request's transaction (one the route opened) or in a new one acting as the caller. */
export function inRequestTransaction<T>(ctx: RequestContext, caller: Caller, fn: (trx: ServerTransaction) => Promise<T>): Promise<T> {
  return ctx.trx ? fn(ctx.trx) : inTransaction(ctx.db, { teamId: ctx.teamId, userId: caller.user.id }, fn);
}

export type { ServerApiInput };
