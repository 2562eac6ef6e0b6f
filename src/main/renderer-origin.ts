import path from 'node:path';

export interface RendererLocation {
  /** Absolute path of the built renderer folder (the one holding index.html), served as app://debrief/. */
  rootDir: string;
  /** electron-vite's dev server, when running `electron-vite dev`. */
  devServerUrl?: string;
}

/** The renderer's own privileged scheme: a real origin (unlike file://), so CSP, fetch and storage are scoped to it. */
export const appScheme = 'app';
export const appHost = 'debrief';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

/**
 * Whether `url` is a page of our own renderer: app://debrief/ (any path, hash or query)
 * or, in development, the dev server's origin. Used to gate IPC, navigation, permissions and media.
 */
export function isRendererUrl(url: string, location: RendererLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.devServerUrl !== undefined) {
    return parsed.origin === new URL(location.devServerUrl).origin;
  }
  return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
}

/**
 * The built file an app:// URL names, or undefined when it is another host or would leave the
 * renderer folder (`..`, encoded slashes); the scheme never serves anything outside it.
 */
export function rendererFileForUrl(url: string, rootDir: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${appScheme}:` || parsed.host !== appHost) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (relative.includes('\0') || relative.includes('\\')) return undefined;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${relative === '/' ? '/index.html' : relative}`);
  return file.startsWith(root + path.sep) ? file : undefined;
}

/** The https hosts the app itself links to (model downloads' pages); every other link is dropped. */
export const externalLinkHosts: ReadonlySet<string> = new Set(['huggingface.co']);

/** Only https links to an allowlisted host leave the app, and only to the OS browser. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && externalLinkHosts.has(parsed.hostname);
  } catch {
    return false;
  }
}
