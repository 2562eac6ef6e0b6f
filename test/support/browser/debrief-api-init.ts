// Runs in the test page before the renderer: defines `window.debrief` exactly as the
// preload does (same buildDebriefApi), over the page binding `__debriefInvoke`
// that test/support/debrief-bridge.ts wires to the real handler table.
import { buildDebriefApi } from '../../../src/shared/ipc/build-api.js';
import { captureStreamOverPort, type PcmAck, type PcmFrame } from '../../../src/shared/ipc/capture-stream.js';
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
  // The same port protocol as Electron's preload; the port's far end, standing in for the main
  // process, hands each chunk to the real writer over the page binding and answers when it has room.
  (sessionId, trackId) => {
    const { port1, port2 } = new MessageChannel();
    let queue = Promise.resolve();
    port2.onmessage = ({ data }: MessageEvent<PcmFrame>) => {
      queue = queue.then(async () => {
        const result = await (window as unknown as BridgeWindow).__debriefCapturePcm(sessionId, trackId, toBase64(data.pcm));
        port2.postMessage({ seq: data.seq, result } satisfies PcmAck);
      });
    };
    return captureStreamOverPort(port1);
  },
);
Object.defineProperty(window, 'debrief', { value: Object.freeze(api), enumerable: true });
