// A worker thread standing in for an Electron utilityProcess (no Electron binary here): it gives the
// engine entry a `process.parentPort` in Electron's shape ({ data, ports } events, ports shaped like
// MessagePortMain), then runs the real entry. Ports travel beside the message, as utilityProcess's do.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { electronShapedPort } = await import('./electron-shaped-port.ts');
process.parentPort = {
  on(event, listener) {
    if (event === 'message') parentPort.on('message', ({ message, ports }) => listener({ data: message, ports: ports.map(electronShapedPort) }));
    return this;
  },
  postMessage: (message) => parentPort.postMessage({ message, ports: [] }),
};
await import(workerData.entry);
