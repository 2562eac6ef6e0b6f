/**
 * When the window's renderer dies (a crash, the OOM killer) the recording goes on in the backend, but
 * nothing on screen can reach it. Main reloads the page, and the reloaded recorder reattaches to the
 * recording (`capture:active`). A renderer that keeps dying is not reloaded forever.
 */

/** What this needs of Electron's webContents (injected, so the logic runs without Electron). */
export interface RecoverableContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode?: number }) => void): unknown;
  isDestroyed(): boolean;
  reload(): void;
}

export interface RendererRecoveryOptions {
  /** Whether a recording runs (said in the log, so a crash during one is easy to find). */
  isRecording: () => boolean;
  log: (message: string) => void;
  /** Reloads allowed within `windowMs` before giving up (default 3 per minute). */
  maxReloads?: number;
  windowMs?: number;
  now?: () => number;
}

/** Reasons the page went on purpose or cannot come back from by reloading. */
const noReload = new Set(['clean-exit', 'integrity-failure']);

export function reloadWhenRendererGone(contents: RecoverableContents, opts: RendererRecoveryOptions): void {
  const now = opts.now ?? Date.now;
  const maxReloads = opts.maxReloads ?? 3;
  const windowMs = opts.windowMs ?? 60_000;
  const reloads: number[] = [];
  contents.on('render-process-gone', (_event, details) => {
    const during = opts.isRecording() ? ' during a recording (it keeps recording)' : '';
    if (noReload.has(details.reason) || contents.isDestroyed()) {
      opts.log(`the window's renderer is gone (${details.reason})${during}; not reloading`);
      return;
    }
    const t = now();
    while (reloads.length > 0 && t - reloads[0]! > windowMs) reloads.shift();
    if (reloads.length >= maxReloads) {
      opts.log(`the window's renderer is gone again (${details.reason})${during}; it failed ${reloads.length} times in a row, so it is not reloaded`);
      return;
    }
    reloads.push(t);
    opts.log(`the window's renderer is gone (${details.reason}, exit code ${details.exitCode ?? 'unknown'})${during}; reloading it`);
    contents.reload();
  });
}
