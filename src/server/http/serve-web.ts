import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The page may load only its own scripts and styles and talk only to this server; no framing. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Serves the built web view from `root` (GET only; `/` is web.html, the renderer's web entry; nothing outside `root`). */
export function serveWeb(app: FastifyInstance, root: string): void {
  const base = path.resolve(root);
  app.get('/*', async (request, reply) => {
    const url = new URL(request.url, 'http://server');
    const relative = decodeURIComponent(url.pathname === '/' ? '/web.html' : url.pathname);
    const file = path.resolve(base, `.${relative}`);
    if (!file.startsWith(base + path.sep)) return reply.status(404).send({ error: { code: 'not-found', message: 'No such page.' } });
    const body = await readFile(file).catch(() => null);
    if (!body) return reply.status(404).send({ error: { code: 'not-found', message: 'No such page.' } });
    return reply
      .header('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(body);
  });
}
