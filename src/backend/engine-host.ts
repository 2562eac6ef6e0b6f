import type { EngineHostNotice, EngineHostRequest } from './backend-protocol.js';
import { ENGINE_CONNECT, type EnginePort } from './engine-port.js';

/** A utilityProcess as main sees it (Electron's UtilityProcess; a worker thread in tests). */
export interface UtilityChild {
  readonly pid: number | undefined;
  postMessage(message: unknown, ports: EnginePort[]): void;
  onSpawn(listener: () => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export interface EngineHostDeps {
  fork(): UtilityChild;
  /** A connected pair of ports (Electron's MessageChannelMain). */
  channel(): { port1: EnginePort; port2: EnginePort };
  /** To the backend, with the ports that travel with the message. */
  tell(notice: EngineHostNotice, ports: EnginePort[]): void;
}

/**
 * Main's side of the engine processes the backend asks for: starts one per request, gives the engine
 * and the backend one end each of a new MessagePort (so PCM goes straight between them, never
 * through main's thread), and tells the backend when one ends, however it ended.
 */
export function hostEngineProcesses(deps: EngineHostDeps): { request(message: EngineHostRequest): void; killAll(): void } {
  const children = new Map<number, UtilityChild>();
  return {
    request(message) {
      if (message.type === 'killEngine') {
        children.get(message.engine)?.kill();
        return;
      }
      if (children.has(message.engine)) return;
      const child = deps.fork();
      children.set(message.engine, child);
      child.onSpawn(() => {
        const { port1, port2 } = deps.channel();
        child.postMessage({ type: ENGINE_CONNECT }, [port1]);
        deps.tell({ type: 'engineStarted', engine: message.engine, pid: child.pid ?? -1 }, [port2]);
      });
      child.onExit((code) => {
        children.delete(message.engine);
        deps.tell({ type: 'engineExited', engine: message.engine, detail: `exit code ${code}`, clean: code === 0 }, []);
      });
    },
    killAll() {
      for (const child of children.values()) child.kill();
    },
  };
}
