import type { Command } from 'commander';
import { UserFacingError } from '../../core/errors.js';
import type { CliContext } from '../cli-context.js';
import { loadStore } from '../load-store.js';

export function registerCandidates(program: Command, ctx: CliContext): void {
  const candidates = program.command('candidates').description("A candidate's data: export it, erase it, see who touched it");
  candidates
    .command('export')
    .description('Everything stored about one candidate, as one archive (manifest.json, candidate.md, audio/)')
    .argument('<id>', 'candidate id')
    .requiredOption('--out <file>', 'the archive to write (.tar)')
    .action(async (id: string, opts: { out: string }) => {
      const exported = await (await loadStore()).exportCandidate(await ctx.database(), id, { out: ctx.resolvePath(opts.out), actor: ctx.actor, encryptionKey: ctx.storeKey });
      process.stdout.write(`Exported ${exported.sessions.length} session(s) and ${exported.files.length} audio file(s) to ${ctx.resolvePath(opts.out)}\n`);
    });
  candidates
    .command('erase')
    .description('Delete everything stored about one candidate, leaving an erasure receipt')
    .argument('<id>', 'candidate id')
    .option('--yes', 'confirm: this cannot be undone')
    .action(async (id: string, opts: { yes?: boolean }) => {
      if (!opts.yes) throw new UserFacingError('Erasing a candidate cannot be undone: run again with --yes to confirm.', 'erasure-needs-confirmation');
      const db = await ctx.database();
      const { queuedTeamServerFor } = await import('../../backend/sync/server-erasure.js');
      const receipt = await (await loadStore()).eraseCandidate(db, id, { home: ctx.home, actor: ctx.actor, teamServer: await queuedTeamServerFor(db) });
      process.stdout.write(`${JSON.stringify(receipt, null, 2)}\n`);
    });
  candidates
    .command('audit')
    .description("Who opened, exported, amended or deleted this candidate's data (JSON with --json)")
    .argument('<id>', 'candidate id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const events = await (await loadStore()).listAudit(await ctx.database(), { candidateId: id });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(events)}\n`);
        return;
      }
      if (events.length === 0) process.stdout.write('Nothing recorded for this candidate.\n');
      for (const e of events) process.stdout.write(`${e.at}  ${e.actor}  ${e.action} ${e.subjectKind} ${e.subjectId}\n`);
    });
}
