import { shell, type WebContents } from 'electron';
import { isExternalLinkAllowed } from './renderer-origin.js';

/**
 * No new windows, no navigation away from our renderer, no <webview>. A link to an
 * https page opens in the OS browser instead; anything else is dropped.
 */
export function hardenWebContents(contents: WebContents, isOwnPage: (url: string) => boolean): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (isOwnPage(url)) return;
    event.preventDefault();
    openExternally(url);
  };
  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => guard(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function openExternally(url: string): void {
  if (!isExternalLinkAllowed(url)) return;
  // Reviewed (electronegativity OPEN_EXTERNAL_JS_CHECK): only https URLs to the allowlisted hosts get here.
  shell.openExternal(url).catch(/* eng-disable OPEN_EXTERNAL_JS_CHECK */(error: unknown) => console.warn(`Could not open ${url}`, error));
}
