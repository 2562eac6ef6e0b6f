import { describe, expect, it } from 'vitest';
import { hotkeyScript, RECORDING_HOTKEYS, watchRecordingHotkeys, type ShortcutRegistry } from './recording-hotkeys.js';

/** An in-memory shortcut table standing in for Electron's globalShortcut (which needs a running app). */
function shortcutTable(taken: string[] = []) {
  const callbacks = new Map<string, () => void>();
  const registry: ShortcutRegistry = {
    register: (accelerator, callback) => {
      if (taken.includes(accelerator) || callbacks.has(accelerator)) return false;
      callbacks.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator) => void callbacks.delete(accelerator),
  };
  return { registry, callbacks };
}

describe('watchRecordingHotkeys', () => {
  it('registers Ctrl/Cmd+Alt+1…9 and +F only while recording, and forwards them as plain keys to the window', async () => {
    const { registry, callbacks } = shortcutTable();
    let recording = false;
    const sent: string[] = [];
    const stop = watchRecordingHotkeys({
      shortcuts: registry,
      isRecording: () => recording,
      target: () => ({ isDestroyed: () => false, executeJavaScript: async (code) => void sent.push(code) }),
      intervalMs: 5,
    });
    expect(callbacks.size).toBe(0);
    recording = true;
    await expect.poll(() => callbacks.size).toBe(10);
    expect([...callbacks.keys()]).toEqual(RECORDING_HOTKEYS.map((h) => h.accelerator));
    callbacks.get('CommandOrControl+Alt+2')!();
    callbacks.get('CommandOrControl+Alt+F')!();
    expect(sent).toEqual([hotkeyScript('2'), hotkeyScript('f')]);

    recording = false;
    await expect.poll(() => callbacks.size).toBe(0);
    recording = true;
    await expect.poll(() => callbacks.size).toBe(10);
    stop();
    expect(callbacks.size).toBe(0);
  });

  it('reports shortcuts another app holds and keeps the rest', () => {
    const { registry, callbacks } = shortcutTable(['CommandOrControl+Alt+1']);
    const errors: string[] = [];
    const stop = watchRecordingHotkeys({ shortcuts: registry, isRecording: () => true, target: () => undefined, onError: (m) => errors.push(m) });
    expect(callbacks.size).toBe(9);
    expect(errors).toEqual(['these tagging shortcuts are taken by another app: CommandOrControl+Alt+1']);
    // No window (closed): the key press is dropped, not an error.
    callbacks.get('CommandOrControl+Alt+3')!();
    stop();
  });

  it('dispatches a keydown the tagging panel reads as the key', () => {
    const events: { type: string; key: string }[] = [];
    const fakeWindow = { dispatchEvent: (e: { type: string; key: string }) => events.push(e) };
    class KeyboardEvent {
      type: string;
      key: string;
      constructor(type: string, init: { key: string }) {
        this.type = type;
        this.key = init.key;
      }
    }
    new Function('window', 'KeyboardEvent', hotkeyScript('f'))(fakeWindow, KeyboardEvent);
    expect(events).toEqual([{ type: 'keydown', key: 'f' }]);
  });
});
