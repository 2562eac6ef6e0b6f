import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { utilityProcess, type MessagePortMain } from 'electron';
import type { BackendLink } from '../backend/backend-client.js';
import { newSecretKey } from '../backend/keyed-sealer.js';
import { osSecretSealer } from './os-secret-sealer.js';

/** The backend (store, capture, jobs, handlers) as an Electron utilityProcess: off the main thread and out of the main process. */
export function launchBackendProcess(entry: string): BackendLink {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Debrief backend', stdio: 'inherit' });
  return {
    send: (message, ports) => child.postMessage(message, (ports ?? []) as MessagePortMain[]),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(`exit code ${code}`)),
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
