import { mediaScheme } from '../shared/media-url.js';

/**
 * The renderer's Content-Security-Policy: our own scripts and styles only, audio from
 * the media scheme, no plugins, frames or form posts. Sent as a response header by the
 * main process and written into index.html as a meta tag by the Vite config, so it holds
 * even for file:// loads (which carry no headers).
 * `devServerOrigin`: electron-vite dev's server, which needs inline scripts and a websocket for hot reload.
 */
export function contentSecurityPolicy(options: { devServerOrigin?: string } = {}): string {
  const dev = options.devServerOrigin;
  const devSocket = dev ? ` ${dev.replace(/^http/, 'ws')}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `media-src 'self' ${mediaScheme}:`,
    `connect-src 'self'${devSocket}`,
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
