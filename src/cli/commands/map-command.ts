import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { formatClock } from '../format-clock.js';
import { loadStore } from '../load-store.js';

export function registerMap(program: Command, ctx: CliContext): void {
  program
    .command('map')
    .description("Propose transcript moments as evidence for the rubric's criteria (the app's \"Map moments\", offline) and print them")
    .argument('<session-id>', 'session to map')
    .option('--rubric <file>', 'map against this rubric file (.json/.yaml) instead of the session\'s; nothing is stored')
    .option('--rubric-version <id>', 'map against this stored rubric version instead of the session\'s; nothing is stored')
    .option('--interviewer <name...>', 'speaker(s) who asked the questions (default: the one the app preselects)')
    .option('--json', 'print JSON')
    .action(async (sessionId: string, opts: { rubric?: string; rubricVersion?: string; interviewer?: string[]; json?: boolean }) => {
      if (opts.rubric && opts.rubricVersion) throw new Error('choose --rubric or --rubric-version, not both');
      const db = await ctx.database();
      const store = await loadStore();
      const { readRubricFile } = await import('../../core/rubric/rubric-file.js');
      const rubric = opts.rubric ? readRubricFile(ctx.resolvePath(opts.rubric)) : undefined;
      const mapping = await store.mapStoredSession(db, { sessionId, rubric, rubricVersionId: opts.rubricVersion, interviewerSpeakers: opts.interviewer });
      // Against the session's own rubric the proposals are stored for review, as the app does.
      if (!opts.rubric && !opts.rubricVersion) await store.storeProposals(db, sessionId, mapping.proposals);
      const titles = new Map(mapping.rubric.criteria.map((c) => [c.id, c.title]));
      const rows = mapping.proposals.map((p) => ({
        criterionId: p.criterionId,
        criterion: titles.get(p.criterionId) ?? p.criterionId,
        start: p.start,
        end: p.end,
        quote: p.quote,
        confidence: p.confidence,
        polarity: p.polarity,
        reasons: p.reasons,
      }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ sessionId, interviewerSpeakers: mapping.interviewerSpeakers, proposals: rows })}\n`);
        return;
      }
      for (const r of rows) {
        process.stdout.write(`${formatClock(r.start)}–${formatClock(r.end)}  ${r.criterion}  ${Math.round(r.confidence * 100)}%  ${r.polarity}  (${r.reasons.join(', ')})\n    "${r.quote}"\n`);
      }
      process.stderr.write(`${rows.length} proposed moments (interviewer: ${mapping.interviewerSpeakers.join(', ')})\n`);
    });
}
