import type { MainPort } from './capture-pcm.js';

/** The backend's line to main: Electron's `process.parentPort` in a utilityProcess, Node's IPC channel in a child process. */
export interface ParentLink {
  send(message: unknown): void;
  onMessage(listener: (message: unknown, ports: MainPort[]) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown; ports: MainPort[] }) => void): void;
}

export function parentLink(): ParentLink {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      send: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data, event.ports ?? [])),
    };
  }
  if (!process.send) throw new Error('The backend runs as a child process of Debrief (no parent channel found).');
  return {
    send: (message) => process.send?.(message),
    onMessage: (listener) => process.on('message', (message) => listener(message, [])),
  };
}
