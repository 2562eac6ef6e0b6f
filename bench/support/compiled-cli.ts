import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from './run-command.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Builds the `debrief` command as it ships (compiled, not run through tsx, whose module hooks cost a
 * loader thread); bin/debrief.mjs then runs the build, which is newer than every source file.
 */
export async function buildCompiledCli(): Promise<void> {
  await runCommand(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')]);
}
