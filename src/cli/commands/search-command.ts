import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { UserFacingError } from '../../core/errors.js';
import type { CorpusFilters, Database } from '../../db/index.js';
import type { CliContext } from '../cli-context.js';
import { formatClock } from '../format-clock.js';
import { parsePositiveInt } from './option-parsers.js';
import { loadStore } from '../load-store.js';

interface SearchFlags {
  json?: boolean;
  limit: number;
  requisition?: string;
  candidate?: string;
  stage?: string;
  kind?: 'intake' | 'interview';
  speaker?: 'interviewer' | 'candidate';
  criterion?: string;
  from?: string;
  to?: string;
}

const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (value: string): T => {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`expected ${allowed.join(' or ')}, got "${value}"`);
  };

export function registerSearch(program: Command, ctx: CliContext): void {
  program
    .command('search')
    .description('Full-text search over transcripts, titles, candidate names, evidence and scorecard notes, newest first, grouped by session')
    .argument('<query...>', 'words (all must match), "a phrase", prefix*, -excluded, OR')
    .option('--json', 'print [{sessionId,sessionTitle,kind,segmentId,start,end,speaker,snippet,spansNext}]')
    .option('-n, --limit <n>', 'most hits', parsePositiveInt, 20)
    .option('--requisition <id-or-title>', 'only sessions filed under this requisition')
    .option('--candidate <id-or-name>', "only this candidate's sessions")
    .option('--stage <stage>', 'only sessions at this stage (e.g. "Onsite")')
    .option('--kind <kind>', 'intake or interview', oneOf(['intake', 'interview'] as const))
    .option('--speaker <who>', "only the interviewer's or the candidate's lines", oneOf(['interviewer', 'candidate'] as const))
    .option('--criterion <title>', 'only evidence and scorecard notes tagged with this criterion')
    .option('--from <yyyy-mm-dd>', 'sessions on or after this day')
    .option('--to <yyyy-mm-dd>', 'sessions on or before this day')
    .action(async (words: string[], opts: SearchFlags) => {
      const db = await ctx.database();
      const store = await loadStore();
      const filters = await resolveFilters(db, opts);
      const result = await store.searchCorpus(db, words.join(' '), filters, { limit: opts.limit });
      if (result.notice) process.stderr.write(`${result.notice}\n`);
      if (opts.json) {
        const rows = result.groups.flatMap((g) => g.hits.map((h) => ({ sessionId: g.sessionId, sessionTitle: g.title, ...h })));
        process.stdout.write(`${JSON.stringify(rows)}\n`);
        return;
      }
      if (result.hitCount === 0 && !result.notice) process.stderr.write('No matches.\n');
      for (const g of result.groups) {
        const filed = [g.candidate?.name, g.requisition?.title, g.stage].filter(Boolean).join(' · ');
        process.stdout.write(`${g.title}  (${g.date.slice(0, 10)}${filed ? `, ${filed}` : ''})  ${g.sessionId}\n`);
        for (const h of g.hits) {
          const at = h.start === null ? '     ' : formatClock(h.start);
          const who = h.kind === 'transcript' ? `${h.speaker ?? '—'}: ` : `[${h.kind}] `;
          process.stdout.write(`  ${at}  ${who}${h.snippet}${h.spansNext ? '  (runs into the next line)' : ''}\n`);
        }
      }
      if (result.truncated) process.stderr.write(`Showing the newest ${result.hitCount} hits: raise --limit or narrow the search for more.\n`);
    });
}

/** --requisition and --candidate take an id or a name, as a person would type them. */
async function resolveFilters(db: Database, opts: SearchFlags): Promise<CorpusFilters> {
  const facets = opts.requisition || opts.candidate ? await (await loadStore()).searchFacets(db) : undefined;
  const pick = <T extends { id: string }>(list: T[], given: string, name: (item: T) => string, what: string): string => {
    const byId = list.find((item) => item.id === given);
    if (byId) return byId.id;
    const named = list.filter((item) => name(item).toLowerCase() === given.trim().toLowerCase());
    if (named.length === 1) return named[0]!.id;
    if (named.length > 1) throw new UserFacingError(`${named.length} ${what}s are called "${given}": give the id instead (${named.map((n) => n.id).join(', ')}).`, 'ambiguous-filter');
    throw new UserFacingError(`No ${what} is called "${given}" (or has that id).`, 'unknown-filter');
  };
  return {
    ...(opts.requisition ? { requisitionId: pick(facets!.requisitions, opts.requisition, (r) => r.title, 'requisition') } : {}),
    ...(opts.candidate ? { candidateId: pick(facets!.candidates, opts.candidate, (c) => c.name, 'candidate') } : {}),
    ...(opts.stage ? { stage: opts.stage } : {}),
    ...(opts.kind ? { kind: opts.kind } : {}),
    ...(opts.speaker ? { speaker: opts.speaker } : {}),
    ...(opts.criterion ? { criterion: opts.criterion } : {}),
    ...(opts.from ? { from: opts.from } : {}),
    ...(opts.to ? { to: opts.to } : {}),
  };
}
