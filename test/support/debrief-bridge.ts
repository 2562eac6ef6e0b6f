import type { Page } from 'playwright-core';
import { receiveCapturePcm } from '../../src/backend/capture-pcm.js';
import type { CaptureDeps } from '../../src/backend/handlers/capture-handlers.js';
import { dispatchIpc, type ErrorLog } from '../../src/backend/ipc-dispatch.js';
import type { IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { buildBridgeInitScript } from './build-renderer.js';

let initScript: Promise<string> | undefined;

/**
 * Gives a plain Chromium page the `window.debrief` Electron's preload would: the same
 * API object (buildDebriefApi), calling the real handler table through the same
 * validate-and-wrap function ipcMain uses (dispatchIpc). Call before page.goto().
 */
export async function installDebriefBridge(page: Page, handlers: IpcHandlers, log?: ErrorLog, capture?: CaptureDeps): Promise<void> {
  await page.exposeFunction('__debriefInvoke', (channel: unknown, input: unknown) => dispatchIpc(handlers, channel, input, log));
  await page.exposeFunction('__debriefCapturePcm', (sessionId: unknown, trackId: unknown, base64: unknown) =>
    receiveCapturePcm(capture, sessionId, trackId, typeof base64 === 'string' ? Buffer.from(base64, 'base64') : null),
  );
  initScript ??= buildBridgeInitScript();
  await page.addInitScript({ content: await initScript });
}
