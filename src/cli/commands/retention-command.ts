import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { parseDays } from './option-parsers.js';
import { loadStore } from '../load-store.js';

export function registerRetention(program: Command, ctx: CliContext): void {
  const retention = program.command('retention').description('Delete audio and transcripts the retention policy says have expired');
  retention
    .command('run')
    .description('Apply the retention policy now (the app also does at start and daily)')
    .option('--dry-run', 'only print what would be removed')
    .option('--json', 'print JSON')
    .action(async (opts: { dryRun?: boolean; json?: boolean }) => {
      const report = await (await loadStore()).runRetention(await ctx.database(), { home: ctx.home, dryRun: opts.dryRun });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return;
      }
      const verb = report.dryRun ? 'would remove' : 'removed';
      if (report.items.length === 0) process.stdout.write('Nothing has expired under the retention policy.\n');
      for (const item of report.items) {
        const what = [item.audio && `audio (expired ${item.audioExpiresAt.slice(0, 10)})`, item.transcript && `transcript (expired ${item.transcriptExpiresAt?.slice(0, 10)})`]
          .filter(Boolean)
          .join(' and ');
        process.stdout.write(`${item.sessionId}  ${verb} ${what}  ${item.title}\n`);
      }
      if (!report.dryRun && report.items.length > 0) {
        process.stdout.write(
          `Removed ${report.audioFilesRemoved} audio file(s), ${report.segmentsRemoved} transcript segment(s), ${report.momentsRemoved} moment(s); kept ${report.evidenceKept} quote(s) cited by submitted scorecards.\n`,
        );
      }
    });
  retention
    .command('show')
    .description('Print the retention policy')
    .action(async () => {
      const policy = await (await loadStore()).getRetentionPolicy(await ctx.database());
      process.stdout.write(`Audio: ${policy.audioDays} days after the interview\nTranscripts: ${policy.transcriptDaysAfterClose} days after the requisition closes\n`);
    });
  retention
    .command('set')
    .description('Change the retention policy (for everything, or one requisition)')
    .requiredOption('--audio-days <n>', 'keep audio this many days after the interview', parseDays)
    .requiredOption('--transcript-days <n>', 'keep transcripts this many days after the requisition closes', parseDays)
    .option('--requisition <id>', 'only for this requisition')
    .option('--yes', 'confirm a setting of 0 days')
    .action(async (opts: { audioDays: number; transcriptDays: number; requisition?: string; yes?: boolean }) => {
      const db = await ctx.database();
      const options = { confirmed: opts.yes, actor: ctx.actor };
      const store = await loadStore();
      if (opts.requisition) await store.setRetentionOverride(db, opts.requisition, { audioDays: opts.audioDays, transcriptDaysAfterClose: opts.transcriptDays }, options);
      else await store.setRetentionPolicy(db, { audioDays: opts.audioDays, transcriptDaysAfterClose: opts.transcriptDays }, options);
      process.stdout.write('Retention policy saved; it applies at the next run.\n');
    });
}
