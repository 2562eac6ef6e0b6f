import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildDebriefApi } from '../shared/ipc/build-api.js';
import type { IpcResult } from '../shared/ipc/contract.js';

// Sandboxed preload: bundled to one CommonJS file. The page gets one named function per
// contract channel (plus pathForFile), never ipcRenderer itself.
const api = buildDebriefApi(
  (channel, input) => ipcRenderer.invoke(channel, input) as Promise<IpcResult<unknown>>,
  (file) => webUtils.getPathForFile(file),
);

contextBridge.exposeInMainWorld('debrief', api);
