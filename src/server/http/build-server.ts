import { performance } from 'node:perf_hooks';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { describeIssues } from '../../core/zod-issues.js';
import { serverApi, serverApiPath, type ServerApiName } from '../../shared/server-api/server-api.js';
import type { ServerDatabase } from '../db/server-database.js';
import { authenticate, deviceTokenOf, inDeviceTransaction } from '../identity/authenticate.js';
import { identityHandlers } from '../identity/identity-handlers.js';
import { privacyHandlers } from '../privacy/privacy-handlers.js';
import { syncHandlers } from '../sync/sync-handlers.js';
import { requestContext, type Caller, type Handlers, type RequestContext } from './handler.js';
import { forbidden, HttpError } from './http-error.js';
import { serveWeb } from './serve-web.js';
import { webViewRoute } from '../web-view/web-view-route.js';
import { DEFAULT_BODY_LIMIT } from './body-limit.js';

export interface ServerOptions {
  db: ServerDatabase;
  teamId: string;
  /** Largest request body accepted, in bytes; larger ones get a 413. */
  bodyLimit?: number;
  /** Mark the session cookie Secure (set when the server is reached over HTTPS). */
  secureCookies?: boolean;
  /** pino level: 'info' in production, 'silent' in tests. */
  logLevel?: string;
  /** Behind a load balancer: take the client address from X-Forwarded-For (login rate limit per address). */
  trustProxy?: boolean;
  /** A built web view (web.html and its assets) to serve at `/`. */
  webRoot?: string;
  /** Where the JSON log lines go (default stdout). */
  logStream?: NodeJS.WritableStream;
}


const handlers: Handlers = { ...identityHandlers, ...syncHandlers, ...privacyHandlers };

/**
 * The team server: every route comes from the `serverApi` table, its body checked by the entry's
 * zod schema and its answer by the output schema. No state lives in the process; any number of
 * instances can serve one database.
 */
export function buildServer(options: ServerOptions): FastifyInstance {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({
    bodyLimit,
    logger: {
      level: options.logLevel ?? 'info',
      // Credentials never reach the log.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    trustProxy: options.trustProxy ?? false,
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof HttpError) return reply.status(error.status).send({ error: { code: error.code, message: error.message } });
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ error: { code: 'too-large', message: `The request is larger than this server accepts (${Math.round(bodyLimit / 1024)} KiB); send a smaller batch.` } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'bad-request', message: `The request could not be read: ${error.message}` } });
    }
    if (databaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '2')
        .send({ error: { code: 'database-unavailable', message: 'The team database is not answering right now; nothing was saved. Try again in a moment.' } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: { code: 'internal-error', message: 'Something went wrong on the team server; it has been logged.' } });
  });

  // How long the server spent on each request (arrival to answer), as a standard Server-Timing header:
  // a client's own latency also holds its queueing, so the two side by side say where the time went.
  const arrived = new WeakMap<FastifyRequest, number>();
  app.addHook('onRequest', async (request) => void arrived.set(request, performance.now()));
  app.addHook('onSend', async (request, reply) => {
    const start = arrived.get(request);
    if (start !== undefined) reply.header('server-timing', `app;dur=${(performance.now() - start).toFixed(1)}`);
  });

  for (const name of Object.keys(serverApi) as ServerApiName[]) route(app, options, name);
  webViewRoute(app, options);
  if (options.webRoot) serveWeb(app, options.webRoot);
  return app;
}

/** A laptop's sync calls check the device token inside the call's own transaction (one less per call, under load). */
const IN_ONE_TRANSACTION: ReadonlySet<ServerApiName> = new Set(['sync.push', 'sync.pull']);

function route(app: FastifyInstance, options: ServerOptions, name: ServerApiName): void {
  const entry = serverApi[name];
  const handler = handlers[name] as (input: unknown, ctx: RequestContext) => Promise<unknown>;
  const context = (request: FastifyRequest, reply: FastifyReply, caller: Caller | null) => requestContext(options, request, reply, caller);
  const answer = (result: unknown) => {
    // A pull answers rows checked by the push schema on their way in: checking each again on every
    // pull was most of a loaded server's work (the laptop checks the answer it reads anyway).
    if (name === 'sync.pull') return result;
    const output = entry.output.safeParse(result);
    if (!output.success) throw new Error(`${name} produced an answer outside its schema: ${describeIssues(output.error)}`);
    return output.data;
  };
  const invalid = (error: z.ZodError) => new HttpError(400, 'invalid-input', `Invalid ${name} request: ${describeIssues(error)}`);
  app.post(serverApiPath(name), async (request, reply) => {
    const token = IN_ONE_TRANSACTION.has(name) ? deviceTokenOf(credentialsOf(request)) : undefined;
    if (token) {
      const parsed = entry.input.safeParse(request.body ?? {});
      if (!parsed.success) {
        // Who is asking is still answered first: a bad token gets its 401 before a bad body its 400.
        await authenticate(options.db, options.teamId, credentialsOf(request), true);
        throw invalid(parsed.error);
      }
      const result = await inDeviceTransaction(options.db, options.teamId, token, (trx, caller) => {
        if (entry.auth === 'admin' && caller.user.role !== 'admin') throw forbidden('Only an admin can do this.');
        return handler(parsed.data, { ...context(request, reply, caller), trx });
      });
      return answer(result);
    }
    let caller: Caller | null = null;
    if (entry.auth !== 'none') {
      // Reading the session (to learn the CSRF token) is the one cookie call that needn't carry it.
      caller = await authenticate(options.db, options.teamId, credentialsOf(request), name !== 'session.current');
      if (entry.auth === 'admin' && caller.user.role !== 'admin') throw forbidden('Only an admin can do this.');
    }
    const parsed = entry.input.safeParse(request.body ?? {});
    if (!parsed.success) throw invalid(parsed.error);
    return answer(await handler(parsed.data, context(request, reply, caller)));
  });
}

/** PostgreSQL restarting, shutting down or out of reach: the client should retry, nothing was committed. */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', 'ECONNREFUSED', 'ECONNRESET']);

function databaseUnavailable(error: Error & { code?: string }): boolean {
  return UNAVAILABLE_CODES.has(error.code ?? '') || /Connection terminated|terminating connection|connection error and is not queryable/.test(error.message);
}

function credentialsOf(request: FastifyRequest): { authorization?: string; cookie?: string; csrf?: string } {
  const h = request.headers;
  const csrf = h['x-csrf-token'];
  return { authorization: h.authorization, cookie: h.cookie, csrf: typeof csrf === 'string' ? csrf : undefined };
}
