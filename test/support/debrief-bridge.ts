import type { Page } from 'playwright-core';
import { dispatchIpc, type ErrorLog } from '../../src/main/ipc-dispatch.js';
import type { IpcHandlers } from '../../src/main/ipc-handlers.js';
import { buildBridgeInitScript } from './build-renderer.js';

let initScript: Promise<string> | undefined;

/**
 * Gives a plain Chromium page the `window.debrief` Electron's preload would: the same
 * API object (buildDebriefApi), calling the real handler table through the same
 * validate-and-wrap function ipcMain uses (dispatchIpc). Call before page.goto().
 */
export async function installDebriefBridge(page: Page, handlers: IpcHandlers, log?: ErrorLog): Promise<void> {
  await page.exposeFunction('__debriefInvoke', (channel: unknown, input: unknown) => dispatchIpc(handlers, channel, input, log));
  initScript ??= buildBridgeInitScript();
  await page.addInitScript({ content: await initScript });
}
