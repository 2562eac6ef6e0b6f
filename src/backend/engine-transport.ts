import type { EngineReply } from './engine-protocol.js';
import { ENGINE_CONNECT, type EnginePort, type UtilityParentPort } from './engine-port.js';

/** The engine process's line to the backend. */
export interface EngineTransport {
  send(message: EngineReply): void;
  onMessage(listener: (message: unknown) => void): void;
  /** The backend went away: an engine with nobody to answer has no reason to stay. */
  onClosed(listener: () => void): void;
}

/**
 * A Node child process talks over Node's IPC channel. A utilityProcess (the app, where forks are off
 * with the runAsNode fuse) waits for main's connect message and talks over the MessagePort it carries,
 * straight to the backend: PCM never passes through main.
 */
export function engineTransport(): Promise<EngineTransport> {
  const parentPort = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (parentPort) {
    return new Promise((resolve) => {
      parentPort.on('message', ({ data, ports }) => {
        const port = ports[0];
        if ((data as { type?: unknown } | null)?.type !== ENGINE_CONNECT || !port) return;
        resolve(portTransport(port));
      });
    });
  }
  if (!process.send) return Promise.reject(new Error('The engine runs as a child process of the Debrief backend.'));
  return Promise.resolve({
    send: (message) => void process.send?.(message),
    onMessage: (listener) => void process.on('message', listener),
    onClosed: (listener) => void process.on('disconnect', listener),
  });
}

function portTransport(port: EnginePort): EngineTransport {
  return {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', ({ data }) => listener(data));
      port.start();
    },
    onClosed: (listener) => void port.on('close', listener),
  };
}
