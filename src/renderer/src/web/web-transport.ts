import { buildDebriefApi } from '../../../shared/ipc/build-api.js';
import type { DebriefApi } from '../../../shared/ipc/contract.js';
import { httpInvoke } from '../../../shared/ipc/http-invoke.js';
import { WEB_VIEW_CHANNELS } from '../../../shared/ipc/web-view-channels.js';

/**
 * `window.debrief` for the browser: the same API the preload builds, over HTTP to the team server
 * (same origin). The transport says it is not the laptop and which channels it serves, so the
 * renderer hides what needs the laptop.
 */
export function installWebTransport(session: { csrfToken: string; displayName: string }): void {
  const api = buildDebriefApi(
    httpInvoke('', () => session.csrfToken),
    () => '',
    () => ({ write: async () => ({ ok: false, error: { code: 'not-in-web-view', message: 'Recording needs the Debrief app on your laptop.' } }), close: () => undefined }),
    { local: false, signer: session.displayName, serves: WEB_VIEW_CHANNELS },
  );
  (window as unknown as { debrief: DebriefApi }).debrief = api;
}
