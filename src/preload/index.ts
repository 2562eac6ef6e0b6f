import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildDebriefApi } from '../shared/ipc/build-api.js';
import type { IpcResult } from '../shared/ipc/contract.js';

// Sandboxed preload: bundled to one CommonJS file. The page gets one named function per
// contract channel (plus pathForFile and captureWrite), never ipcRenderer itself.
const api = buildDebriefApi(
  (channel, input) => ipcRenderer.invoke(channel, input) as Promise<IpcResult<unknown>>,
  (file) => webUtils.getPathForFile(file),
  // Binary PCM by structured clone: no JSON, no arrays of numbers. Main answers once the writer has room.
  (sessionId, trackId, pcm) => ipcRenderer.invoke('capture:pcm', sessionId, trackId, pcm) as Promise<IpcResult<{ accepted: boolean }>>,
);

contextBridge.exposeInMainWorld('debrief', api);
