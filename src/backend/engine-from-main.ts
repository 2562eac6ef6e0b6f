import type { EngineHostNotice, EngineHostRequest } from './backend-protocol.js';
import type { EngineLink, SpawnEngine } from './engine-link.js';
import type { EnginePort } from './engine-port.js';

/**
 * The engine as a utilityProcess, from inside the backend. Only main may start utilityProcesses (and
 * with the runAsNode fuse off a fork would start the app itself), so the backend asks main for one;
 * main hands back one end of a MessagePort whose other end the engine holds, and says when it ends.
 * Requests sent before the port arrives wait for it.
 */
export function engineFromMain(ask: (request: EngineHostRequest) => void): { spawn: SpawnEngine; notice(message: EngineHostNotice, ports: EnginePort[]): void } {
  let next = 1;
  const links = new Map<number, { started(pid: number, port: EnginePort): void; exited(detail: string, clean: boolean): void }>();

  const spawn: SpawnEngine = () => {
    const engine = next++;
    let port: EnginePort | undefined;
    let ended: { detail: string; clean: boolean } | undefined;
    const queued: { message: unknown; onFailed: (err: Error) => void }[] = [];
    const messageListeners: ((message: unknown) => void)[] = [];
    const startListeners: ((pid: number) => void)[] = [];
    const exitListeners: ((detail: string, clean: boolean) => void)[] = [];
    links.set(engine, {
      started(pid, given) {
        port = given;
        port.on('message', ({ data }) => messageListeners.forEach((l) => l(data)));
        port.start();
        for (const l of startListeners.splice(0)) l(pid);
        for (const { message } of queued.splice(0)) port.postMessage(message);
      },
      exited(detail, clean) {
        links.delete(engine);
        ended = { detail, clean };
        port?.close();
        for (const { onFailed } of queued.splice(0)) onFailed(new Error(`the engine process ended (${detail})`));
        for (const l of exitListeners.splice(0)) l(detail, clean);
      },
    });
    ask({ type: 'spawnEngine', engine });
    const link: EngineLink = {
      send(message, onFailed) {
        if (ended) return onFailed(new Error(`the engine process ended (${ended.detail})`));
        if (port) port.postMessage(message);
        else queued.push({ message, onFailed });
      },
      onMessage: (listener) => void messageListeners.push(listener),
      onStarted: (listener) => void startListeners.push(listener),
      onExit: (listener) => {
        if (ended) listener(ended.detail, ended.clean);
        else exitListeners.push(listener);
      },
      kill: () => ask({ type: 'killEngine', engine }),
    };
    return link;
  };

  return {
    spawn,
    notice(message, ports) {
      const link = links.get(message.engine);
      if (!link) {
        for (const port of ports) port.close();
        return;
      }
      if (message.type === 'engineExited') return link.exited(message.detail, message.clean);
      const [port] = ports;
      if (port) link.started(message.pid, port);
    },
  };
}
