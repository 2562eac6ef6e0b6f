import http, { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How one path of the test server behaves. */
export type Route =
  | {
      kind: 'file';
      body: Buffer;
      /** Answer Range requests with 206 (default) or ignore them and send everything with 200. */
      honorRange?: boolean;
      /** On the first request only, cut the connection after sending this many body bytes. */
      dropAfterBytesOnce?: number;
      /** Send the body in pieces of this size with a pause between them (to make progress and aborts observable). */
      chunkBytes?: number;
      chunkDelayMs?: number;
    }
  | { kind: 'redirect'; location: string; status?: number }
  | { kind: 'status'; status: number };

export interface ServedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  status: number;
}

export interface LoopbackServer {
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  readonly origin: string;
  readonly requests: ServedRequest[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A real HTTP server on 127.0.0.1 serving in-memory files, for download tests without the internet. */
export async function startLoopbackServer(routes: Record<string, Route>): Promise<LoopbackServer> {
  const requests: ServedRequest[] = [];
  const hits = new Map<string, number>();

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = routes[path];
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    const record = (status: number) => requests.push({ path, headers: req.headers, status });

    if (!route) {
      record(404);
      res.writeHead(404).end('not found');
    } else if (route.kind === 'status') {
      record(route.status);
      res.writeHead(route.status).end(`status ${route.status}`);
    } else if (route.kind === 'redirect') {
      const status = route.status ?? 302;
      record(status);
      res.writeHead(status, { location: route.location }).end();
    } else {
      void serveFile(route, req.headers.range, hit, res, record);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (p) => origin + p,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serveFile(
  route: Extract<Route, { kind: 'file' }>,
  rangeHeader: string | undefined,
  hit: number,
  res: ServerResponse,
  record: (status: number) => void,
): Promise<void> {
  const { body } = route;
  let start = 0;
  const range = /^bytes=(\d+)-$/.exec(rangeHeader ?? '');
  if (range && route.honorRange !== false) {
    start = Number(range[1]);
    if (start >= body.length) {
      record(416);
      res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    record(206);
    res.writeHead(206, {
      'content-length': body.length - start,
      'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
      'accept-ranges': 'bytes',
    });
  } else {
    record(200);
    res.writeHead(200, { 'content-length': body.length });
  }

  const dropAt = hit === 1 && route.dropAfterBytesOnce !== undefined ? start + route.dropAfterBytesOnce : Infinity;
  const chunk = route.chunkBytes ?? 256 * 1024;
  for (let at = start; at < body.length; at += chunk) {
    if (res.destroyed) return;
    const end = Math.min(at + chunk, body.length, dropAt);
    if (end > at) await new Promise<void>((r) => res.write(body.subarray(at, end), () => r()));
    if (end >= dropAt) {
      res.socket?.destroy();
      return;
    }
    if (route.chunkDelayMs) await sleep(route.chunkDelayMs);
  }
  res.end();
}
