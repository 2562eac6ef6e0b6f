import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `debrief` bin in a child process against the given data folder. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 180_000): CliResult {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'debrief.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, DEBRIEF_PROGRESS: '0', ...env },
    timeout: timeoutMs,
    maxBuffer: 64 << 20,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
