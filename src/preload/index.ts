import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildDebriefApi } from '../shared/ipc/build-api.js';
import { captureStreamChannel, captureStreamOverPort, type CaptureStreamOpen } from '../shared/ipc/capture-stream.js';
import type { IpcResult } from '../shared/ipc/contract.js';

// Sandboxed preload: bundled to one CommonJS file. The page gets one named function per
// contract channel (plus pathForFile and openCaptureStream), never ipcRenderer itself.
const api = buildDebriefApi(
  (channel, input) => ipcRenderer.invoke(channel, input) as Promise<IpcResult<unknown>>,
  (file) => webUtils.getPathForFile(file),
  // One MessagePort pair per recorded track: binary PCM (no JSON, no arrays of numbers) to main,
  // which answers each chunk once the writer has room for the next.
  (sessionId, trackId) => {
    const { port1, port2 } = new MessageChannel();
    ipcRenderer.postMessage(captureStreamChannel, { sessionId, trackId } satisfies CaptureStreamOpen, [port2]);
    return captureStreamOverPort(port1);
  },
);

contextBridge.exposeInMainWorld('debrief', api);
