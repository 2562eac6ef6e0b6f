import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RendererLocation {
  /** Absolute path of the built index.html (production). */
  indexFile: string;
  /** electron-vite's dev server, when running `electron-vite dev`. */
  devServerUrl?: string;
}

/**
 * Whether `url` is a page of our own renderer: the built index.html (any hash or query)
 * or, in development, the dev server's origin. Used to gate IPC, navigation and permissions.
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
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  parsed.hash = '';
  parsed.search = '';
  return path.resolve(fileURLToPath(parsed)) === path.resolve(location.indexFile);
}

/** Only https links leave the app, and only to the OS browser. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
