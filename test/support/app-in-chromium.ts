import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { CaptureDeps } from '../../src/backend/handlers/capture-handlers.js';
import { contentSecurityPolicy } from '../../src/main/content-security-policy.js';
import type { IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { buildRenderer } from './build-renderer.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { installDebriefBridge } from './debrief-bridge.js';
import { startStaticServer, type StaticServerOptions } from './static-server.js';

/**
 * What every renderer test starts from: a scratch folder with a data folder (`home`) and the
 * renderer built as the app ships it. `close()` undoes what the test set up, last step first, then
 * removes the folder.
 */
export interface AppWorkspace {
  work: string;
  home: string;
  rendererDir: string;
  onClose(step: () => unknown): void;
  close(): Promise<void>;
}

export async function createAppWorkspace(name: string): Promise<AppWorkspace> {
  const work = await mkdtemp(path.join(os.tmpdir(), `debrief-${name}-`));
  const home = path.join(work, 'home');
  const rendererDir = path.join(work, 'renderer');
  await Promise.all([buildRenderer(rendererDir), mkdir(home, { recursive: true })]);
  const steps: (() => unknown)[] = [() => rm(work, { recursive: true, force: true })];
  return {
    work,
    home,
    rendererDir,
    onClose: (step) => void steps.push(step),
    close: async () => {
      for (const step of steps.splice(0).reverse()) await step();
    },
  };
}

export interface AppPageOptions {
  handlers: IpcHandlers;
  /** The recording side of the bridge, for tests that record. */
  capture?: CaptureDeps;
  /** Extra routes on the page's server, e.g. track audio. */
  route?: StaticServerOptions['route'];
  chromiumArgs?: string[];
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /** Where the app opens, e.g. `#/interviews`. */
  hash: string;
  pageErrors: string[];
  handlerErrors: unknown[];
}

/**
 * Serves the built renderer behind the app's CSP, opens it in Debian's Chromium with `window.debrief`
 * bridged to the real handlers, and collects page and handler errors for the test to assert none.
 */
export async function openAppPage(ws: AppWorkspace, opts: AppPageOptions): Promise<{ page: Page; origin: string }> {
  const server = await startStaticServer({ root: ws.rendererDir, headers: { 'Content-Security-Policy': contentSecurityPolicy() }, route: opts.route });
  ws.onClose(() => server.close());
  const browser = await launchChromium(opts.chromiumArgs);
  ws.onClose(() => browser.close());
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1280, height: 900 }, acceptDownloads: opts.acceptDownloads ?? false });
  collectPageErrors(page, opts.pageErrors);
  await installDebriefBridge(page, opts.handlers, (message, error) => opts.handlerErrors.push([message, error]), opts.capture);
  await page.goto(`${server.origin}/${opts.hash}`);
  return { page, origin: server.origin };
}
