import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';
import type { BackendLink } from '../backend/backend-client.js';
import { engineHostRequestSchema } from '../backend/backend-protocol.js';
import { hostEngineProcesses, type UtilityChild } from '../backend/engine-host.js';
import { newSecretKey } from '../backend/keyed-sealer.js';
import { osSecretSealer } from './os-secret-sealer.js';

/**
 * The backend (store, capture, jobs, handlers) as an Electron utilityProcess: off the main thread and
 * out of the main process. Its engine (whisper.cpp) is one more utilityProcess, started here when the
 * backend asks (only main may start one) and wired straight to the backend by a MessagePort.
 */
export function launchBackendProcess(entry: string, engineEntry: string): BackendLink {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Debrief backend', stdio: 'inherit' });
  const engines = hostEngineProcesses({
    fork: () => utilityChild(utilityProcess.fork(engineEntry, [], { serviceName: 'Debrief engine', stdio: 'inherit' })),
    channel: () => new MessageChannelMain(),
    tell: (notice, ports) => child.postMessage(notice, ports as unknown as MessagePortMain[]),
  });
  child.on('message', (message: unknown) => {
    const request = engineHostRequestSchema.safeParse(message);
    if (request.success) engines.request(request.data);
  });
  child.on('exit', () => engines.killAll());
  return {
    send: (message, ports) => child.postMessage(message, (ports ?? []) as MessagePortMain[]),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(`exit code ${code}`)),
  };
}

function utilityChild(child: UtilityProcess): UtilityChild {
  return {
    get pid() {
      return child.pid;
    },
    postMessage: (message, ports) => child.postMessage(message, ports as unknown as MessagePortMain[]),
    onSpawn: (listener) => void child.once('spawn', listener),
    onExit: (listener) => void child.once('exit', listener),
    kill: () => void child.kill(),
  };
}

/**
 * The key the backend seals secrets with (safeStorage exists only in main), kept in the data folder
 * sealed by the OS key store. Undefined where there is none: secrets are then stored plain, and Settings says so.
 */
export function backendSecretKey(home: string): string | undefined {
  const sealer = osSecretSealer();
  if (!sealer.encrypts) return undefined;
  const file = path.join(home, 'secret-key.sealed');
  if (existsSync(file)) return sealer.open(readFileSync(file, 'utf8'));
  const key = newSecretKey();
  writeFileSync(file, sealer.seal(key), { mode: 0o600 });
  return key;
}
