import type { IpcHandlers } from './ipc-handlers.js';

const MINUTE_MS = 60 * 1000;

/**
 * Syncs in the background while the app runs (when a folder or server is chosen): at start, then
 * every `intervalMs`. A round's error lands in the sync status for Settings to show; it never stops
 * the app, and edits keep going into the outbox meanwhile. Returns a stop function.
 */
export function scheduleSync(handlers: Pick<IpcHandlers, 'sync:status' | 'sync:now'>, onError: (err: unknown) => void, intervalMs = 5 * MINUTE_MS): () => void {
  let running: Promise<unknown> = Promise.resolve();
  const runOnce = () => {
    running = running
      .then(async () => {
        if ((await handlers['sync:status'](undefined)).mode !== 'off') await handlers['sync:now'](undefined);
      })
      .catch(onError);
  };
  runOnce();
  const timer = setInterval(runOnce, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
