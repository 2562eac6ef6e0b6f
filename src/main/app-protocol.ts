import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { mediaScheme } from '../shared/media-url.js';
import { appScheme, rendererFileForUrl } from './renderer-origin.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * Must run before app `ready`, once for every scheme (a second call replaces the first).
 * app:// is standard and secure so the renderer has a real origin; media `stream`s so `<audio>` can seek.
 */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: mediaScheme, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer folder, and nothing outside it, as app://debrief/; the CSP rides on every response. */
export function handleAppProtocol(rootDir: string, csp: string): void {
  protocol.handle(appScheme, async (request) => {
    if (request.method !== 'GET') return new Response(null, { status: 405 });
    const file = rendererFileForUrl(request.url, rootDir);
    if (file === undefined) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { 'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': csp },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
