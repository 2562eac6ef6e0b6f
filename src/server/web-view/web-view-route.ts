import type { FastifyInstance, FastifyRequest } from 'fastify';
import { dispatchIpc } from '../../backend/ipc-dispatch.js';
import type { IpcHandlers } from '../../backend/ipc-handlers.js';
import { isChannelName, type IpcResult } from '../../shared/ipc/contract.js';
import { isWebViewChannel, NOT_IN_WEB_VIEW } from '../../shared/ipc/web-view-channels.js';
import { requestContext } from '../http/handler.js';
import { HttpError } from '../http/http-error.js';
import { authenticate } from '../identity/authenticate.js';
import type { ServerDatabase } from '../db/server-database.js';
import { DEFAULT_STORE_LIMITS, WebViewStores } from './project-store.js';
import type { CacheLimits } from './store-cache.js';
import { webViewHandlers } from './web-view-handlers.js';

/**
 * `POST /api/ipc/<channel>` with `{ input }`: the renderer's channel contract over HTTP, for the
 * signed-in person (session cookie + CSRF header, or a device token). The same zod schemas check
 * the input and the answer; the answer is the same `IpcResult` Electron's IPC gives.
 */
export function webViewRoute(app: FastifyInstance, options: { db: ServerDatabase; teamId: string; secureCookies?: boolean; webViewStores?: CacheLimits }): WebViewStores {
  const stores = new WebViewStores(options.db, options.webViewStores ?? DEFAULT_STORE_LIMITS);
  app.addHook('onClose', () => stores.close());
  app.post<{ Params: { channel: string } }>('/api/ipc/:channel', async (request, reply) => {
    const { channel } = request.params;
    const caller = await authenticate(options.db, options.teamId, credentialsOf(request), true);
    if (!isWebViewChannel(channel)) {
      const known = isChannelName(channel);
      return reply.status(404).send({
        ok: false,
        error: { code: known ? 'not-in-web-view' : 'unknown-channel', message: known ? NOT_IN_WEB_VIEW : `Debrief has no channel named ${JSON.stringify(channel.slice(0, 100))}.` },
      } satisfies IpcResult<never>);
    }
    const body = (request.body ?? {}) as { input?: unknown };
    if (typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'invalid-input', 'The request body must be a JSON object with the channel input as "input".');
    const ctx = requestContext(options, request, reply, caller);
    const result = await dispatchIpc(webViewHandlers(ctx, stores) as IpcHandlers, channel, body.input, (message, error) => request.log.error({ err: error }, message));
    return reply.status(result.ok ? 200 : statusOf(result.error.code)).send(result);
  });
  return stores;
}

const STATUS: Record<string, number> = { 'invalid-input': 400, 'input-too-large': 400, forbidden: 403, 'not-found': 404, 'already-signed': 409, 'internal-error': 500 };

/** The HTTP status of a failed call (the body says the same in words); other refusals are 422. */
function statusOf(code: string): number {
  return STATUS[code] ?? 422;
}

function credentialsOf(request: FastifyRequest): { authorization?: string; cookie?: string; csrf?: string } {
  const h = request.headers;
  const csrf = h['x-csrf-token'];
  return { authorization: h.authorization, cookie: h.cookie, csrf: typeof csrf === 'string' ? csrf : undefined };
}
