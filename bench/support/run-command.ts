import { spawn } from 'node:child_process';

export interface CommandResult {
  stdout: string;
  stderr: string;
}

/** Runs a program (no shell) and resolves with its output; rejects with the program's own words on failure. */
export function runCommand(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(new Error(err.code === 'ENOENT' ? `${command} is not installed (not found on PATH)` : `${command}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      if (code === 0) return resolve({ stdout, stderr });
      // The tail is where compilers and CLIs put the actual reason.
      const tail = (stderr.trim() || stdout.trim()).split('\n').slice(-8).join('\n');
      reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}): ${tail}`));
    });
  });
}
