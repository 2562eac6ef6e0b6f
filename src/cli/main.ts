import { Command, CommanderError } from 'commander';
import { UserFacingError } from '../core/errors.js';
import { CliContext } from './cli-context.js';
import { registerExport, registerScorecards } from './commands/export-command.js';
import { registerImport } from './commands/import-command.js';
import { registerMap } from './commands/map-command.js';
import { registerCandidates } from './commands/candidates-command.js';
import { registerModels } from './commands/models-command.js';
import { registerRetention } from './commands/retention-command.js';
import { registerSearch } from './commands/search-command.js';
import { registerServer } from './commands/server-command.js';
import { registerSessions } from './commands/sessions-command.js';
import { registerTranscribe } from './commands/transcribe-command.js';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('debrief')
    .description('Debrief: on-device interview transcription and search. Data lives in $DEBRIEF_HOME or the OS app-data folder.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerTranscribe(program, ctx);
  registerImport(program, ctx);
  registerSearch(program, ctx);
  registerMap(program, ctx);
  registerModels(program, ctx);
  registerSessions(program, ctx);
  registerScorecards(program, ctx);
  registerExport(program, ctx);
  registerRetention(program, ctx);
  registerCandidates(program, ctx);
  registerServer(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI; returns the exit code. Known problems print one clear line, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const ctx = new CliContext();
  try {
    await buildProgram(ctx).parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof UserFacingError) {
      process.stderr.write(`debrief: ${err.message}\n`);
      return 1;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`debrief: ${message}\n`);
    if (process.env.DEBRIEF_DEBUG === '1' && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 1;
  } finally {
    await ctx.close();
  }
}
