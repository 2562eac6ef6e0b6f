import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';

export interface StaticServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  origin: string;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** Folder served at `/`; `/` itself serves index.html. */
  root: string;
  /** Added to every response, e.g. the app's Content-Security-Policy. */
  headers?: Record<string, string>;
  /** Handles extra routes first (return undefined to fall through to files), e.g. track audio. */
  route?: (request: Request) => Promise<Response | undefined>;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** A tiny static file server on 127.0.0.1 for a built renderer (no directory listings, no escaping root). */
export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = path.resolve(options.root);
  const server = http.createServer((req, res) => {
    handle(req)
      .then((response) => sendResponse(res, response, options.headers ?? {}))
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
  });

  async function handle(req: http.IncomingMessage): Promise<Response> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (options.route) {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const routed = await options.route(new Request(url, { method: req.method, headers }));
      if (routed) return routed;
    }
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(root, `.${relative}`);
    if (!file.startsWith(root + path.sep)) return new Response('Forbidden', { status: 403 });
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return new Response('Not found', { status: 404 });
    const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': String(info.size) },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Writes a web Response (what the app's protocol handlers return) to a Node response. */
export async function sendResponse(res: http.ServerResponse, response: Response, extraHeaders: Record<string, string> = {}): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
  if (!response.body) {
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  body.on('error', () => res.destroy());
  res.on('close', () => body.destroy());
  body.pipe(res);
}
