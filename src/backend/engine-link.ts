import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineRequest } from './engine-protocol.js';

/**
 * One engine process as the engine client drives it, whatever started it: a Node child process
 * (tests, the CLI, development) or, in the app, an Electron utilityProcess that main starts for the
 * backend and wires to it with a MessagePort (engine-from-main.ts). The same messages either way.
 */
export interface EngineLink {
  send(message: EngineRequest, onFailed: (err: Error) => void): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Once, when the process is running (its pid). */
  onStarted(listener: (pid: number) => void): void;
  /** Once, when the process has ended, however it ended. */
  onExit(listener: (detail: string, clean: boolean) => void): void;
  kill(): void;
}

/** Starts one engine process; called again after a crash. */
export type SpawnEngine = () => EngineLink;

const here = path.dirname(fileURLToPath(import.meta.url));
/** Under tsx (tests, the CLI) the sibling .ts file; in the build, electron-vite's `engine` entry. */
export const defaultEngineEntry = import.meta.url.endsWith('.ts') ? path.join(here, 'engine-main.ts') : path.join(here, 'engine.js');

/** The engine as a Node child process (Node's IPC channel, PCM as Float32Array by structured clone). */
export function forkEngine(entry: string = defaultEngineEntry): SpawnEngine {
  return () => {
    const child = fork(entry, [], {
      serialization: 'advanced',
      execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return {
      send: (message, onFailed) => {
        if (!child.connected) return onFailed(new Error('the engine process is not connected'));
        child.send(message, (err) => err && onFailed(err));
      },
      onMessage: (listener) => void child.on('message', listener),
      onStarted: (listener) => {
        if (child.pid !== undefined) listener(child.pid);
      },
      onExit: (listener) => void child.once('exit', (code, signal) => listener(signal ? `killed by ${signal}` : `exit code ${code}`, code === 0)),
      kill: () => void child.kill(),
    };
  };
}
