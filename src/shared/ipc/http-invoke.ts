import { serverErrorSchema } from '../server-api/server-api.js';
import type { InvokeChannel } from './build-api.js';
import type { IpcResult } from './contract.js';
import { webViewChannelPath } from './web-view-channels.js';

/**
 * The web view's transport: the same `InvokeChannel` as Electron's IPC, but a POST of
 * `{ input }` to the team server (same origin, the HttpOnly session cookie, the CSRF header).
 * The server answers the same `IpcResult`; a refusal in HTTP terms (signed out, not available in
 * the web view) becomes an `IpcResult` error with the server's sentence.
 */
export function httpInvoke(origin: string, csrfToken: () => string | null, fetchImpl: typeof fetch = fetch): InvokeChannel {
  return async (channel, input) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const csrf = csrfToken();
    if (csrf) headers['x-csrf-token'] = csrf;
    let response: Response;
    try {
      response = await fetchImpl(`${origin}${webViewChannelPath(channel)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input === undefined ? {} : { input }),
        credentials: 'same-origin',
      });
    } catch {
      return { ok: false, error: { code: 'server-unreachable', message: 'The team server could not be reached. Check your connection and try again.' } };
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.ok && body && typeof body === 'object' && 'ok' in body) return body as IpcResult<unknown>;
    const refusal = serverErrorSchema.safeParse(body);
    if (refusal.success) return { ok: false, error: refusal.data.error };
    return { ok: false, error: { code: 'http-error', message: `The team server answered ${response.status}.` } };
  };
}
