import { serverApi, serverApiPath, serverErrorSchema, type ServerApiInput, type ServerApiName, type ServerApiOutput } from './server-api.js';

/** A refusal from the team server, with its HTTP status and plain-words message. */
export class ServerCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServerCallError';
  }
}

export interface ServerAuth {
  /** A laptop's device token. */
  deviceToken?: string;
  /** A browser's session cookie header and CSRF token (outside a browser, e.g. in tests). */
  cookie?: string;
  csrfToken?: string;
}

/** Long enough for a full push batch to a busy server; short enough that a silent network fails a sync round. */
export const SERVER_CALL_TIMEOUT_MS = 60_000;

/**
 * Calls one entry of the server's API table and checks the answer against its output schema. A call
 * that gets no answer within `timeoutMs` fails (fetch alone would wait minutes on a silent network).
 */
export async function callServer<N extends ServerApiName>(
  origin: string,
  name: N,
  input: ServerApiInput<N>,
  auth: ServerAuth = {},
  init: { fetch?: typeof fetch; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ServerApiOutput<N>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth.deviceToken) headers.authorization = `Bearer ${auth.deviceToken}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.csrfToken) headers['x-csrf-token'] = auth.csrfToken;
  const timeoutMs = init.timeoutMs ?? SERVER_CALL_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  const within = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
  const silent = () => new Error(`the team server did not answer within ${within}`);
  const response = await (init.fetch ?? fetch)(`${origin}${serverApiPath(name)}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(input),
    credentials: 'same-origin',
    signal,
  }).catch((error: unknown) => {
    throw timeout.aborted ? silent() : error;
  });
  const body: unknown = await response.json().catch(() => {
    if (timeout.aborted) throw silent();
    return null;
  });
  if (!response.ok) {
    const parsed = serverErrorSchema.safeParse(body);
    throw new ServerCallError(
      response.status,
      parsed.success ? parsed.data.error.code : 'http-error',
      parsed.success ? parsed.data.error.message : `The team server answered ${response.status}.`,
    );
  }
  return serverApi[name].output.parse(body) as ServerApiOutput<N>;
}
