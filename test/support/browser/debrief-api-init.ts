// Runs in the test page before the renderer: defines `window.debrief` exactly as the
// preload does (same buildDebriefApi), over the page binding `__debriefInvoke`
// that test/support/debrief-bridge.ts wires to the real handler table.
import { buildDebriefApi } from '../../../src/shared/ipc/build-api.js';
import type { ChannelName, IpcResult } from '../../../src/shared/ipc/contract.js';

type BridgeWindow = Window & {
  __debriefInvoke(channel: ChannelName, input: unknown): Promise<IpcResult<unknown>>;
  __debriefCapturePcm(sessionId: string, trackId: string, base64: string): Promise<IpcResult<{ accepted: boolean }>>;
};

// Page bindings carry JSON only, so the test bridge frames PCM as base64; Electron's preload sends the ArrayBuffer itself.
function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const api = buildDebriefApi(
  (channel, input) => (window as unknown as BridgeWindow).__debriefInvoke(channel, input),
  // A page outside Electron cannot know a file's path: the UI falls back to the typed path.
  () => '',
  (sessionId, trackId, pcm) => (window as unknown as BridgeWindow).__debriefCapturePcm(sessionId, trackId, toBase64(pcm)),
);
Object.defineProperty(window, 'debrief', { value: Object.freeze(api), enumerable: true });
