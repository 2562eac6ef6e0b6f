import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackendLink } from './backend-client.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The backend as a plain Node child process, with the same messages a utilityProcess gets
 * (Node's IPC channel instead of parentPort; no MessagePorts cross it). Tests drive it so.
 */
export function forkBackend(options: { env?: NodeJS.ProcessEnv } = {}): BackendLink & { pid: number | undefined; kill(): void } {
  const entry = import.meta.url.endsWith('.ts') ? path.join(here, 'backend-main.ts') : path.join(here, 'backend.js');
  const child = fork(entry, [], {
    serialization: 'advanced',
    execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
    env: options.env ?? process.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    pid: child.pid,
    send: (message) => child.send(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code, signal) => listener(signal ? `killed by ${signal}` : `exit code ${code}`)),
    kill: () => child.kill('SIGKILL'),
  };
}
