import type { ServerApiInput, ServerApiName, ServerApiOutput, ServerUser } from '../../shared/server-api/server-api.js';
import type { ServerApi } from '../../shared/server-api/server-api.js';
import type { z } from 'zod';
import type { ServerDatabase } from '../db/server-database.js';

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

export type { ServerApiInput };
