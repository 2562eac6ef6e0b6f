import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { formatClock } from '../format-clock.js';
import { parsePositiveInt } from './option-parsers.js';
import { loadStore } from '../load-store.js';

export function registerSearch(program: Command, ctx: CliContext): void {
  program
    .command('search')
    .description('Full-text search over every stored transcript, best match first')
    .argument('<query...>', 'words (all must match), "a phrase", prefix*, -excluded, OR')
    .option('--json', 'print [{sessionId,start,end,speaker,text}]')
    .option('-n, --limit <n>', 'most results', parsePositiveInt, 20)
    .action(async (words: string[], opts: { json?: boolean; limit: number }) => {
      const db = await ctx.database();
      const hits = await (await loadStore()).searchSegments(db, words.join(' '), { limit: opts.limit });
      if (opts.json) {
        const rows = hits.map((h) => ({ sessionId: h.sessionId, start: h.start, end: h.end, speaker: h.speaker, text: h.text }));
        process.stdout.write(`${JSON.stringify(rows)}\n`);
        return;
      }
      if (hits.length === 0) process.stderr.write('No matches.\n');
      for (const h of hits) {
        process.stdout.write(`${h.sessionId}  ${formatClock(h.start)}  ${h.speaker ?? '—'}: ${h.text}\n`);
      }
    });
}
