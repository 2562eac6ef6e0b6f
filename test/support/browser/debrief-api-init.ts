// Runs in the test page before the renderer: defines `window.debrief` exactly as the
// preload does (same buildDebriefApi), over the page binding `__debriefInvoke`
// that test/support/debrief-bridge.ts wires to the real handler table.
import { buildDebriefApi } from '../../../src/shared/ipc/build-api.js';
import type { ChannelName, IpcResult } from '../../../src/shared/ipc/contract.js';

type BridgeWindow = Window & { __debriefInvoke(channel: ChannelName, input: unknown): Promise<IpcResult<unknown>> };

const api = buildDebriefApi(
  (channel, input) => (window as unknown as BridgeWindow).__debriefInvoke(channel, input),
  // A page outside Electron cannot know a file's path: the UI falls back to the typed path.
  () => '',
);
Object.defineProperty(window, 'debrief', { value: Object.freeze(api), enumerable: true });
