import type { MessagePort } from 'node:worker_threads';
import type { EnginePort } from '../../../src/backend/engine-port.js';

/** A worker_threads MessagePort with Electron's MessagePortMain API: 'message' listeners get `{ data }`. */
export function electronShapedPort(port: MessagePort): EnginePort & { raw: MessagePort } {
  return {
    raw: port,
    on(event: 'message' | 'close', listener: ((event: { data: unknown }) => void) | (() => void)) {
      if (event === 'message') port.on('message', (data: unknown) => (listener as (event: { data: unknown }) => void)({ data }));
      else port.on('close', listener as () => void);
      return this;
    },
    postMessage: (message) => port.postMessage(message),
    start: () => port.start(),
    close: () => port.close(),
  };
}
