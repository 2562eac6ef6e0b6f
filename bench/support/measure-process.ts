import { runCommand } from './run-command.js';

export interface ProcessCost {
  seconds: number;
  peakRssMb: number;
  stdout: string;
  stderr: string;
}

const MARK = '@@cost';

/** Runs a program end to end under GNU time: wall seconds and peak resident memory, as the kernel counted them. */
export async function measureProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<ProcessCost> {
  const { stdout, stderr } = await runCommand('/usr/bin/time', ['-f', `${MARK} %e %M`, command, ...args], { env });
  const line = stderr.split('\n').reverse().find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`GNU time printed no figures for ${command}`);
  const [, seconds, rssKb] = line.split(' ');
  return { seconds: Number(seconds), peakRssMb: Number(rssKb) / 1024, stdout, stderr: stderr.replace(line, '') };
}
