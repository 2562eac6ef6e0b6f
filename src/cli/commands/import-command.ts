import path from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { loadStore } from '../load-store.js';

export function registerImport(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description('Import a meeting transcript (.vtt, .srt, or Zoom/Teams/Meet/Debrief JSON) as a session; prints its id')
    .argument('<file>', 'transcript file')
    .option('--title <title>', 'session title (default: the file name)')
    .option('--kind <kind>', 'intake | interview', 'interview')
    .option('--rubric <file>', 'attach this rubric (.json/.yaml) so `debrief map` can run; signed off by --interviewer when unsigned')
    .option('--interviewer <name>', 'the speaker label of who asked the questions')
    .action(async (file: string, opts: { title?: string; kind: string; rubric?: string; interviewer?: string }) => {
      if (opts.kind !== 'intake' && opts.kind !== 'interview') throw new Error(`--kind must be intake or interview, not "${opts.kind}"`);
      const [{ readRubricFile }, { importSummary }, { parseTranscriptFile }] = await Promise.all([
        import('../../core/rubric/rubric-file.js'),
        import('../../core/transcript/import-report.js'),
        import('../../core/transcript/parse-transcript-file.js'),
      ]);
      // Read everything before storing anything, so a bad rubric leaves no half-imported session.
      const rubric = opts.rubric ? readRubricFile(path.resolve(opts.rubric)) : null;
      const { transcript, skipped } = await parseTranscriptFile(path.resolve(file));
      const db = await ctx.database();
      const store = await loadStore();
      const id = await store.createSessionWithTranscript(db, {
        title: opts.title ?? path.basename(file),
        kind: opts.kind,
        source: 'import',
        durationSec: transcript.durationSec,
        tracks: [],
        segments: transcript.segments,
      });
      if (opts.interviewer) await store.setSessionInterviewer(db, id, opts.interviewer);
      if (rubric) await store.attachRubricFile(db, id, rubric, opts.interviewer ?? 'debrief import');
      process.stdout.write(`${id}\n`);
      process.stderr.write(`${importSummary(transcript.segments.length, skipped)} from ${path.basename(file)}\n`);
    });
}
