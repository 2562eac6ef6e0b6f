import type { Command } from 'commander';
import { UserFacingError } from '../../core/errors.js';
import type { CliContext } from '../cli-context.js';
import { formatClock } from '../format-clock.js';
import { transcriptOf } from '../../core/export/export-formats.js';
import { pickFormat, renderTranscript } from '../output.js';
import { loadStore } from '../load-store.js';

export function registerSessions(program: Command, ctx: CliContext): void {
  const sessions = program.command('sessions').description('List and show stored sessions');
  sessions
    .command('list')
    .description('Stored sessions, newest first')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const rows = await (await loadStore()).listSessions(await ctx.database());
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(rows)}\n`);
        return;
      }
      if (rows.length === 0) process.stderr.write('No sessions yet. Try "debrief transcribe FILE" or "debrief import FILE".\n');
      for (const s of rows) {
        const duration = s.durationSec == null ? '  —  ' : formatClock(s.durationSec);
        process.stdout.write(`${s.id}  ${s.createdAt.slice(0, 16).replace('T', ' ')}  ${duration}  ${s.kind.padEnd(9)}  ${s.title}\n`);
      }
    });
  sessions
    .command('show')
    .description('Print one session’s transcript')
    .argument('<id>', 'session id (from "sessions list")')
    .option('--json', 'print JSON').option('--vtt', 'print WebVTT').option('--srt', 'print SubRip').option('--txt', 'print text (default)')
    .action(async (id: string, opts) => {
      const session = await (await loadStore()).getSession(await ctx.database(), id);
      if (!session) throw new UserFacingError(`No session with id "${id}". "debrief sessions list" shows the stored ones.`, 'session-not-found');
      const format = pickFormat(opts, 'txt');
      if (format === 'txt') process.stdout.write(`# ${session.title} (${session.kind})\n`);
      process.stdout.write(renderTranscript(transcriptOf(session), format));
    });
}
