// Corpus search and the Interviews list over a store of 10,000 synthetic 45-minute interviews
// (about 600 lines each, 6 million lines). The store is generated once through the app's schema
// and triggers and cached under .cache/bench/ (a few GB; delete it to regenerate).
// DEBRIEF_BENCH_INTERVIEWS=500 runs the same queries on a smaller store.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/open-database.js';
import { countInterviews, listInterviewPage, listInterviewRows, listSessions, searchCorpus, type CorpusFilters } from '../src/db/index.js';
import { printMetric } from './support/metrics.js';
import { timeOnce } from './support/timing.js';
import { criterionTitles, stages, syntheticCorpus } from './support/synthetic-corpus.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const interviews = Number(process.env.DEBRIEF_BENCH_INTERVIEWS ?? 10_000);
const rounds = 3;

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(): Promise<void> {
  const shape = { interviews, segmentsPerInterview: 600, secondsPerSegment: 4.5 };
  const generated = await timeOnce(() => syntheticCorpus(path.join(repoRoot, '.cache', 'bench'), shape, (line) => process.stderr.write(`${line}\n`)));
  const db = await openDatabase(generated.value);
  try {
    const segments = Number((await sql<{ n: number }>`select count(*) as n from transcript_segments`.execute(db)).rows[0]!.n);
    printMetric('search-interviews', interviews, 0);
    printMetric('search-segments', segments, 0);
    printMetric('search-store-ready-s', generated.seconds, 1);

    const { rows: index } = await sql<{ bytes: number }>`
      select sum(pgsize) as bytes from dbstat where name like 'transcript_segments_fts%' or name like 'search_documents%'`.execute(db);
    printMetric('search-index-mb', Number(index[0]!.bytes) / 2 ** 20, 1);

    // Filters taken from the store itself: a requisition, a candidate, a recent month.
    const requisition = (await db.selectFrom('requisitions').select('id').orderBy('title').executeTakeFirstOrThrow()).id;
    const candidate = (await db.selectFrom('candidates').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const latest = (await db.selectFrom('sessions').select('started_at').orderBy('started_at', 'desc').executeTakeFirstOrThrow()).started_at!;
    const month = latest.slice(0, 7);

    const mix: [string, CorpusFilters][] = [
      // single words: common, middling, rare
      ['think', {}], ['customers', {}], ['latency', {}], ['kafka', {}], ['onboarding', {}], ['terraform', {}],
      // phrases (and so the spanning pass)
      ['"system design"', {}], ['"hiring manager"', {}], ['"next steps"', {}], ['"root cause analysis"', {}], ['on call rotation', {}],
      // prefixes
      ['kube*', {}], ['micro*', {}], ['deploy*', {}], ['"notice per"*', {}],
      // filtered
      ['latency', { requisitionId: requisition }],
      ['kubernetes', { candidateId: candidate }],
      ['"system design"', { speaker: 'candidate', requisitionId: requisition }],
      ['feedback', { stage: stages[2]! }],
      ['incident', { kind: 'intake' }],
      ['migration', { criterion: criterionTitles[0]! }],
      ['postgres', { from: `${month}-01`, to: `${month}-28` }],
      ['ownership', { speaker: 'interviewer', from: `${month}-01`, to: `${month}-28` }],
    ];

    const latencies: number[] = [];
    const cpu: number[] = [];
    const hitCounts: number[] = [];
    await searchCorpus(db, 'warm', {}, {}); // first statement preparation is not a search
    for (let round = 0; round < rounds; round++) {
      for (const [query, filters] of mix) {
        const before = process.cpuUsage();
        const { value, seconds } = await timeOnce(() => searchCorpus(db, query, filters, { limit: 100 }));
        latencies.push(seconds * 1000);
        cpu.push(cpuMs(before));
        if (round === 0) hitCounts.push(value.hitCount);
      }
    }
    printMetric('search-queries', latencies.length, 0);
    printMetric('search-queries-with-hits', hitCounts.filter((n) => n > 0).length, 0);
    printMetric('search-p50-ms', percentile(latencies, 50), 1);
    printMetric('search-p95-ms', percentile(latencies, 95), 1);
    printMetric('search-max-ms', Math.max(...latencies), 1);
    // CPU time of this process: what the work costs when the machine is shared and the wall clock waits for a core.
    printMetric('search-p95-cpu-ms', percentile(cpu, 95), 1);

    // The Interviews page the user sees first: its first page of 100 and the counts for its filters,
    // as the page asks for them; then one requisition's first page, and a later page ("Show more").
    const timed = async (name: string, work: () => Promise<unknown>) => {
      await work(); // first statement preparation is not a listing
      const wall: number[] = [];
      const cpuTimes: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const before = process.cpuUsage();
        const { seconds } = await timeOnce(work);
        cpuTimes.push(cpuMs(before));
        wall.push(seconds * 1000);
      }
      printMetric(`${name}-ms`, percentile(wall, 50), 1);
      printMetric(`${name}-cpu-ms`, percentile(cpuTimes, 50), 1);
    };
    const first = await listInterviewPage(db);
    const counts = await countInterviews(db);
    printMetric('interviews-listed', counts.total, 0);
    printMetric('interviews-first-page-rows', first.rows.length, 0);
    await timed('interviews-list', () => Promise.all([listInterviewPage(db), countInterviews(db)]));
    await timed('interviews-list-filtered', () => Promise.all([listInterviewPage(db, { requisitionId: requisition }), countInterviews(db, { requisitionId: requisition })]));
    await timed('interviews-list-status-filtered', () => Promise.all([listInterviewPage(db, { status: 'reviewed' }), countInterviews(db, { status: 'reviewed' })]));
    await timed('interviews-list-next-page', () => listInterviewPage(db, { after: first.next ?? undefined }));
    // The unpaged lists the page used to load, for comparison.
    await timed('interviews-list-unpaged', () => Promise.all([listSessions(db), listInterviewRows(db)]));
  } finally {
    await db.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
