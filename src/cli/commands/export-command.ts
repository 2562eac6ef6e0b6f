import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { UserFacingError } from '../../core/errors.js';
import { DEBRIEF_FORMATS, exportDebrief, exportScorecard, exportTranscript, SCORECARD_FORMATS, TRANSCRIPT_FORMATS, transcriptOf, type ExportFile } from '../../core/export/export-formats.js';
import { RECOMMENDATION_LABELS, currentVersion } from '../../core/scorecard/scorecard.js';
import type { CliContext } from '../cli-context.js';
import { loadStore } from '../load-store.js';

/** Writes to --out, or to stdout; a PDF never goes to a terminal. */
async function deliver(ctx: CliContext, file: ExportFile, out: string | undefined): Promise<void> {
  if (out) {
    await writeFile(ctx.resolvePath(out), file.content);
    process.stderr.write(`Wrote ${out}\n`);
    return;
  }
  if (file.mediaType === 'application/pdf' && process.stdout.isTTY) throw new UserFacingError('A PDF is binary: give --out FILE.pdf.', 'pdf-to-terminal');
  process.stdout.write(file.content);
}

const formatOption = (choices: readonly string[]) => new Option('--format <format>', 'output format').choices(choices).makeOptionMandatory();

export function registerExport(program: Command, ctx: CliContext): void {
  const exporter = program.command('export').description('Export scorecards, debriefs and transcripts');
  exporter
    .command('scorecard')
    .description('A submitted scorecard (its current version) for an ATS or for people')
    .argument('<id>', 'scorecard id (from "scorecards list")')
    .addOption(formatOption(SCORECARD_FORMATS))
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (id: string, opts: { format: (typeof SCORECARD_FORMATS)[number]; out?: string }) => {
      await deliver(ctx, await exportScorecard(await (await loadStore()).getScorecard(await ctx.database(), id), opts.format), opts.out);
    });
  exporter
    .command('debrief')
    .description("A candidate's debrief: the panel side by side, flags and decision")
    .argument('<candidate-id>', 'candidate id')
    .addOption(formatOption(DEBRIEF_FORMATS))
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (candidateId: string, opts: { format: (typeof DEBRIEF_FORMATS)[number]; out?: string }) => {
      await deliver(ctx, await exportDebrief(await (await loadStore()).getCandidateDebrief(await ctx.database(), candidateId), opts.format), opts.out);
    });
  exporter
    .command('transcript')
    .description("A session's transcript")
    .argument('<id>', 'session id (from "sessions list")')
    .addOption(formatOption(TRANSCRIPT_FORMATS))
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (id: string, opts: { format: (typeof TRANSCRIPT_FORMATS)[number]; out?: string }) => {
      const session = await (await loadStore()).getSession(await ctx.database(), id);
      if (!session) throw new UserFacingError(`No session with id "${id}". "debrief sessions list" shows the stored ones.`, 'session-not-found');
      await deliver(ctx, exportTranscript(session.title, transcriptOf(session), opts.format), opts.out);
    });
}

export function registerScorecards(program: Command, ctx: CliContext): void {
  program
    .command('scorecards')
    .description('Submitted scorecards')
    .command('list')
    .description('Submitted scorecards, newest first')
    .option('--candidate <id>', "only this candidate's")
    .option('--json', 'print JSON')
    .action(async (opts: { candidate?: string; json?: boolean }) => {
      const cards = await (await loadStore()).listScorecards(await ctx.database(), { candidateId: opts.candidate });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(cards)}\n`);
        return;
      }
      if (cards.length === 0) process.stderr.write('No submitted scorecards yet.\n');
      for (const c of cards) {
        const v = currentVersion(c);
        process.stdout.write(`${c.id}  ${v.submittedAt.slice(0, 16).replace('T', ' ')}  v${v.version}  ${RECOMMENDATION_LABELS[v.recommendation].padEnd(14)}  ${c.interviewer}  ${c.candidate?.name ?? '—'}  ${c.sessionTitle}\n`);
      }
    });
}
