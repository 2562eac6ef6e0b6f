import fs from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { loadStore } from '../load-store.js';

export function registerCalibration(program: Command, ctx: CliContext): void {
  program
    .command('calibration')
    .description("Calibration across a requisition: the week's two sentences, drift, criteria and interviewers (JSON with --json)")
    .argument('<requisition-id>', 'requisition id')
    .option('--json', 'print the whole report as JSON')
    .option('--pdf <file>', 'also print it, charts included, to a PDF')
    .action(async (id: string, opts: { json?: boolean; pdf?: string }) => {
      // Loaded here, not at start-up: charts and word vectors are heavy and only this command needs them.
      const [{ getRequisitionCalibration }, { sharedWordVectors }, { exportCalibration }] = await Promise.all([
        loadStore(),
        import('../../core/mapping/word-vectors.js'),
        import('../../core/export/calibration-sheet.js'),
      ]);
      const report = await getRequisitionCalibration(await ctx.database(), id, { words: sharedWordVectors() });
      if (opts.pdf) await fs.writeFile(ctx.resolvePath(opts.pdf), (await exportCalibration(report, 'pdf')).content);
      if (opts.json) {
        const { charts, ...rest } = report;
        process.stdout.write(`${JSON.stringify({ ...rest, charts: charts.map((c) => ({ id: c.id, title: c.title, summary: c.summary })) })}\n`);
        return;
      }
      const lines = [`Calibration: ${report.requisition.title}`, '', report.weeklyRead.text, ''];
      const section = (title: string, items: readonly string[], empty: string | undefined) => lines.push(`${title}:`, ...(items.length ? items.map((i) => `- ${i}`) : [`  ${empty ?? 'nothing to report'}`]), '');
      section('Drift', [...report.drift.map((d) => d.message), ...report.rejectedDespiteMustHaves.map((d) => d.message)], report.emptyStates.decisions);
      section('Criteria', [...report.nonDiscriminating.map((c) => c.message), ...report.withoutEvidence.map((c) => c.message)], report.emptyStates.scorecards);
      section('Interviewers', report.interviewers.map((i) => i.message), report.emptyStates.scorecards);
      section('Median time in stage', report.timeInStage.medians.map((m) => `${m.stage}: ${m.medianDays.toFixed(1)} days (${m.candidates} candidates, ${m.ongoing} still there)`), 'no stages recorded yet');
      section('Lost in the last 30 days', report.lostLast30Days.map((l) => `${l.candidateName} ${l.outcome} on ${l.recordedAt.slice(0, 10)}: ${l.reason}`), report.emptyStates.losses);
      if (opts.pdf) lines.push(`Printed to ${ctx.resolvePath(opts.pdf)}`);
      process.stdout.write(`${lines.join('\n').trimEnd()}\n`);
    });
}
