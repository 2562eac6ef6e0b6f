/**
 * OS-wide tagging keys while a recording runs: during a video call the call app has the focus, not
 * Debrief, so Ctrl+Alt+1…9 (Cmd+Alt on macOS) and Ctrl+Alt+F are registered with the system and
 * forwarded to the window as the plain keys the tagging panel already handles (1–9, F). They are
 * registered only while recording, so they never shadow other apps' shortcuts otherwise.
 */

/** What this needs of Electron's globalShortcut (injected, so the logic runs without Electron). */
export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/** What this needs of the window's webContents. */
export interface HotkeyTarget {
  isDestroyed(): boolean;
  executeJavaScript(code: string): Promise<unknown>;
}

export const RECORDING_HOTKEYS: readonly { accelerator: string; key: string }[] = [...'123456789', 'F'].map((key) => ({
  accelerator: `CommandOrControl+Alt+${key}`,
  key: key.toLowerCase(),
}));

/** The keydown the tagging panel listens for, dispatched on the window (not into a focused field). */
export function hotkeyScript(key: string): string {
  return `window.dispatchEvent(new KeyboardEvent('keydown', { key: ${JSON.stringify(key)} }))`;
}

/**
 * Polls whether a recording runs and registers or unregisters the keys on each change.
 * Returns a function that stops watching and unregisters everything.
 */
export function watchRecordingHotkeys(opts: {
  shortcuts: ShortcutRegistry;
  isRecording: () => boolean;
  target: () => HotkeyTarget | undefined;
  onError?: (message: string, err?: unknown) => void;
  intervalMs?: number;
}): () => void {
  let registered: string[] = [];

  const register = () => {
    const taken: string[] = [];
    for (const { accelerator, key } of RECORDING_HOTKEYS) {
      const ok = opts.shortcuts.register(accelerator, () => {
        const target = opts.target();
        if (!target || target.isDestroyed()) return;
        target.executeJavaScript(hotkeyScript(key)).catch((err: unknown) => opts.onError?.(`could not forward ${accelerator} to the window`, err));
      });
      if (ok) registered.push(accelerator);
      else taken.push(accelerator);
    }
    // Another app owns these: tagging in the window (plain 1–9, F) still works.
    if (taken.length > 0) opts.onError?.(`these tagging shortcuts are taken by another app: ${taken.join(', ')}`);
  };
  const unregister = () => {
    for (const accelerator of registered) opts.shortcuts.unregister(accelerator);
    registered = [];
  };

  let active = false;
  const check = () => {
    const recording = opts.isRecording();
    if (recording === active) return;
    active = recording;
    if (recording) register();
    else unregister();
  };
  const timer = setInterval(check, opts.intervalMs ?? 500);
  timer.unref?.();
  check();
  return () => {
    clearInterval(timer);
    unregister();
    active = false;
  };
}
