import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { UserFacingError } from '../../core/errors.js';
import type { Database } from '../open-database.js';
import type { SearchDocumentKind, SessionKind } from '../schema.js';
import { corpusFiltersSchema } from '../../shared/ipc/search-channels.js';
import { ftsPhrase, parseSearchQuery, spanningWords } from '../search-query.js';

/**
 * Corpus search: transcripts, session titles, candidate names, evidence (moment quotes and notes)
 * and submitted scorecard notes, narrowed by where the session is filed, who spoke and which
 * criterion a moment tagged, with hits grouped by session.
 *
 * Hits come most recently stored first: FTS5 walks its index in rowid order and stops at the
 * limit, where ranking by relevance would score every match first (a common word in 6 million
 * lines is hundreds of thousands of matches). SQLite-only: reads the 0002 and 0013 indexes.
 */

/** One schema for the filters, shared with the IPC contract. */
export type CorpusFilters = z.input<typeof corpusFiltersSchema>;

export type CorpusHitKind = 'transcript' | SearchDocumentKind;

export interface CorpusHit {
  kind: CorpusHitKind;
  /** The line the hit opens at (transcript hits; the first of the two for a spanning match). */
  segmentId: string | null;
  start: number | null;
  end: number | null;
  speaker: string | null;
  /** Excerpt with each match wrapped in the highlight markers. */
  snippet: string;
  /** The match runs on into the next line (transcription cut the phrase in two). */
  spansNext: boolean;
}

export interface CorpusSessionGroup {
  sessionId: string;
  title: string;
  kind: SessionKind;
  /** When it started (or was stored), ISO 8601. */
  date: string;
  candidate: { id: string; name: string } | null;
  requisition: { id: string; title: string } | null;
  stage: string | null;
  hits: CorpusHit[];
}

export interface CorpusSearchResult {
  groups: CorpusSessionGroup[];
  hitCount: number;
  /** More hits exist than the limit let through. */
  truncated: boolean;
  /** Why nothing (or less) could match, in the user's words: contradictory or unknown filters. */
  notice: string | null;
}

const optionsSchema = z.object({
  limit: z.number().int().min(1).max(500).default(100),
  highlight: z.object({ open: z.string(), close: z.string() }).default({ open: '[', close: ']' }),
});

/** What the filters can be set to: the requisitions, candidates, stages and criterion titles in the store. */
export async function searchFacets(db: Database): Promise<{
  requisitions: { id: string; title: string }[];
  candidates: { id: string; name: string; requisitionId: string | null }[];
  stages: string[];
  criteria: string[];
}> {
  const requisitions = await db.selectFrom('requisitions').select(['id', 'title']).orderBy('title').execute();
  const candidates = await db.selectFrom('candidates').select(['id', 'name', 'requisition_id']).orderBy('name').execute();
  const stages = await db.selectFrom('sessions').select('stage').distinct().where('stage', 'is not', null).orderBy('stage').execute();
  const criteria = await db.selectFrom('criteria').select('title').distinct().orderBy('title').execute();
  return {
    requisitions,
    candidates: candidates.map((c) => ({ id: c.id, name: c.name, requisitionId: c.requisition_id })),
    stages: stages.flatMap((s) => (s.stage ? [s.stage] : [])),
    criteria: criteria.map((c) => c.title),
  };
}

export interface CorpusSearchOptions {
  /** Most hits, all kinds together: 1 to 500, default 100. */
  limit?: number;
  highlight?: { open: string; close: string };
}

const snippetTokens = 16;
// Internal markers for the spanning check; swapped for the caller's before returning.
const open = '\uE000';
const close = '\uE001';

type SessionPredicate = RawBuilder<unknown>;

/** Full-text search with filters; `query` uses parseSearchQuery()'s syntax and never reaches FTS5 raw. */
export async function searchCorpus(db: Database, query: string, filters: CorpusFilters = {}, opts: CorpusSearchOptions = {}): Promise<CorpusSearchResult> {
  const { limit, highlight } = parseOrExplain(optionsSchema, opts, 'search option');
  const filter = parseOrExplain(corpusFiltersSchema, filters, 'search filter');
  const match = parseSearchQuery(query);

  const contradiction = await contradictionIn(db, filter);
  if (contradiction) return { groups: [], hitCount: 0, truncated: false, notice: contradiction };

  const where = sessionPredicate(filter);
  const lines = await transcriptHits(db, match, filter, where, limit + 1);
  const spanning = await spanningHits(db, query, filter, where, limit + 1, new Set(lines.map((h) => h.segmentId!)));
  const documents = filter.speaker ? [] : await documentHits(db, match, filter, where, limit + 1);

  const all = [...documents, ...lines, ...spanning];
  const truncated = lines.length > limit || spanning.length > limit || documents.length > limit || all.length > limit;
  const kept = all.slice(0, limit);
  const groups = await groupBySession(db, kept);
  for (const group of groups) for (const hit of group.hits) hit.snippet = hit.snippet.replaceAll(open, highlight.open).replaceAll(close, highlight.close);
  const notice = kept.length === 0 ? await emptyNotice(db, filter, where) : null;
  return { groups, hitCount: kept.length, truncated, notice };
}

type RawHit = CorpusHit & { sessionId: string; order: number };

/** At most this many sessions left by the filters: search each one's own stretch of the index. */
const fewSessions = 40;
/**
 * Newest lines starting with the rest of the query that the spanning pass looks behind, before
 * filters: a bound on its cost whatever the filters, at the price of missing cut phrases older
 * than the newest 1,000 lines that start with the second half (rare phrases are always complete).
 */
const spanningScan = 1000;

async function transcriptHits(db: Database, match: string, filter: Filters, where: SessionPredicate, limit: number): Promise<RawHit[]> {
  // Tagged evidence answers the criterion filter (see documentHits): a line carries no criterion itself.
  if (filter.criterion !== undefined) return [];
  const select = (range: RawBuilder<unknown>) => sql<{ rowid: number; id: string; session_id: string; start_sec: number; end_sec: number; speaker: string | null; snippet: string }>`
    select s.rowid as rowid, s.id as id, s.session_id as session_id, s.start_sec as start_sec, s.end_sec as end_sec, s.speaker as speaker,
      snippet(transcript_segments_fts, 0, ${open}, ${close}, '…', ${snippetTokens}) as snippet
    from transcript_segments_fts
    join transcript_segments s on s.rowid = transcript_segments_fts.rowid
    join sessions sess on sess.id = s.session_id
    where transcript_segments_fts match ${match} and ${range} and ${where} and ${speakerPredicate(filter, sql`s`)}
    order by transcript_segments_fts.rowid desc
    limit ${limit}`;
  const few = await fewSessionRanges(db, filter, where, 'lines');
  let rows;
  if (few === undefined) {
    // Walk the index newest first and stop at the limit: cheap unless the filters reject most lines.
    rows = (await select(sql`1 = 1`).execute(db)).rows;
  } else {
    // A handful of sessions (a candidate's): search only their stretches of rowids instead of walking
    // past everyone else's. Sessions stored close together share one stretch: one FTS5 query costs
    // about as much as a short scan, so fewer, wider stretches are cheaper than one per session.
    rows = [];
    for (const span of clusters(few, clusterGap.lines)) {
      rows.push(...(await select(sql`transcript_segments_fts.rowid between ${span.lo} and ${span.hi} and s.session_id in (${sql.join(span.ids)})`).execute(db)).rows);
    }
    rows.sort((a, b) => b.rowid - a.rowid);
    rows = rows.slice(0, limit);
  }
  return rows.map((r) => ({
    kind: 'transcript',
    sessionId: r.session_id,
    segmentId: r.id,
    start: r.start_sec,
    end: r.end_sec,
    speaker: r.speaker,
    snippet: r.snippet,
    spansNext: false,
    order: r.rowid,
  }));
}

/** The sessions the filters leave and each one's span of segment rowids (or document ids), when there are only a few; else undefined. */
async function fewSessionRanges(db: Database, filter: Filters, where: SessionPredicate, of: 'lines' | 'documents'): Promise<{ id: string; lo: number; hi: number }[] | undefined> {
  const narrowed = filter.requisitionId ?? filter.candidateId ?? filter.stage ?? filter.kind ?? filter.from ?? filter.to;
  if (narrowed === undefined) return undefined;
  const { rows } = await sql<{ id: string }>`select sess.id as id from sessions sess where ${where} limit ${fewSessions + 1}`.execute(db);
  if (rows.length > fewSessions) return undefined;
  const ranges: { id: string; lo: number; hi: number }[] = [];
  for (const { id } of rows) {
    const { rows: span } = await sql<{ lo: number | null; hi: number | null }>`
      select min(rowid) as lo, max(rowid) as hi from ${sql.table(of === 'lines' ? 'transcript_segments' : 'search_documents')} where session_id = ${id}`.execute(db);
    if (span[0]?.lo != null && span[0].hi != null) ranges.push({ id, lo: span[0].lo, hi: span[0].hi });
  }
  return ranges;
}

/** Rowid gap below which two sessions' stretches are searched as one: a few dozen sessions' lines, or documents. */
const clusterGap = { lines: 20_000, documents: 2_000 } as const;

function clusters(ranges: readonly { id: string; lo: number; hi: number }[], gap: number): { lo: number; hi: number; ids: string[] }[] {
  const out: { lo: number; hi: number; ids: string[] }[] = [];
  for (const r of [...ranges].sort((a, b) => a.lo - b.lo)) {
    const last = out.at(-1);
    if (last && r.lo - last.hi <= gap) {
      last.hi = Math.max(last.hi, r.hi);
      last.ids.push(r.id);
    } else {
      out.push({ lo: r.lo, hi: r.hi, ids: [r.id] });
    }
  }
  return out;
}

/**
 * Phrases cut by a segment boundary: lines that start with the query's last words (FTS5's `^`,
 * newest first) whose previous line, same speaker, ends with the words before them.
 */
async function spanningHits(db: Database, query: string, filter: Filters, where: SessionPredicate, limit: number, found: ReadonlySet<string>): Promise<RawHit[]> {
  if (filter.criterion !== undefined) return [];
  const spanning = spanningWords(query);
  if (!spanning) return [];
  const { words, prefixLast } = spanning;
  // Unfiltered, the session row only costs a lookup per scanned line (a line's session always exists: foreign key).
  const sessions = filter.speaker === undefined && !filteredBySession(filter) ? sql`` : sql`cross join sessions sess on sess.id = b.session_id`;
  const hits: RawHit[] = [];
  for (let cut = 1; cut < words.length; cut++) {
    const tail = ftsPhrase(words.slice(cut), { prefix: prefixLast, initial: true });
    const { rows } = await sql<{ rowid: number; id: string; session_id: string; start_sec: number; speaker: string | null; text: string; next_end: number; next_text: string }>`
      select a.rowid as rowid, a.id as id, a.session_id as session_id, a.start_sec as start_sec, a.speaker as speaker, a.text as text,
        b.end_sec as next_end, b.text as next_text
      from (
        select rowid from transcript_segments_fts where transcript_segments_fts match ${tail} order by rowid desc limit ${spanningScan}
      ) m
      -- CROSS JOIN pins this order: the bounded scan outside, lookups by key inside.
      cross join transcript_segments b on b.rowid = m.rowid
      ${sessions}
      cross join transcript_segments a on a.rowid = (
        select p.rowid from transcript_segments p
        where p.session_id = b.session_id and p.start_sec < b.start_sec
        order by p.start_sec desc limit 1)
      where a.speaker is b.speaker and ${where} and ${speakerPredicate(filter, sql`b`)}`.execute(db);
    const head = words.slice(0, cut).map(normalizeWord);
    for (const r of rows) {
      const ending = wordsOf(r.text).slice(-cut).map(normalizeWord);
      if (ending.length < cut || ending.some((w, i) => w !== head[i]) || found.has(r.id)) continue;
      hits.push({
        kind: 'transcript',
        sessionId: r.session_id,
        segmentId: r.id,
        start: r.start_sec,
        end: r.next_end,
        speaker: r.speaker,
        snippet: `${markLastWords(r.text, cut, snippetTokens / 2)} ${markFirstWords(r.next_text, words.length - cut, snippetTokens / 2)}`,
        spansNext: true,
        order: r.rowid,
      });
    }
  }
  return hits.sort((a, b) => b.order - a.order).slice(0, limit);
}

async function documentHits(db: Database, match: string, filter: Filters, where: SessionPredicate, limit: number): Promise<RawHit[]> {
  // The criterion filter keeps only what is tied to a criterion: evidence and scorecard notes.
  const criterion = filter.criterion === undefined ? sql`1 = 1` : sql`d.criterion_id in (select id from criteria where title = ${filter.criterion} collate nocase)`;
  const select = (index: 'search_documents_fts' | 'candidate_names_fts', join: RawBuilder<unknown>, range: RawBuilder<unknown> = sql`1 = 1`) =>
    sql<{ id: number; kind: SearchDocumentKind; session_id: string; start_sec: number | null; end_sec: number | null; snippet: string }>`
      select d.id as id, d.kind as kind, sess.id as session_id, d.start_sec as start_sec, d.end_sec as end_sec,
        snippet(${sql.table(index)}, 0, ${open}, ${close}, '…', ${snippetTokens}) as snippet
      from ${sql.table(index)} f
      join search_documents d on d.id = f.rowid
      join sessions sess on ${join}
      where ${sql.table(index)} match ${match} and ${range} and ${where} and ${criterion}
      order by f.rowid desc
      limit ${limit}`.execute(db);
  // Each its own walk of its index, newest first, so both stop at the limit; a candidate's name is a hit in each of their sessions.
  const few = await fewSessionRanges(db, filter, where, 'documents');
  let own;
  if (few === undefined) {
    own = (await select('search_documents_fts', sql`sess.id = d.session_id`)).rows;
  } else {
    // A handful of sessions: their stretches of document ids only, as transcriptHits does for lines
    // (a candidate's few matches would otherwise mean walking every match in the store).
    own = [];
    for (const span of clusters(few, clusterGap.documents)) {
      own.push(...(await select('search_documents_fts', sql`sess.id = d.session_id`, sql`f.rowid between ${span.lo} and ${span.hi} and d.session_id in (${sql.join(span.ids)})`)).rows);
    }
    own = own.sort((a, b) => b.id - a.id).slice(0, limit);
  }
  const named = filter.criterion === undefined ? (await select('candidate_names_fts', sql`sess.candidate_id = d.candidate_id`)).rows : [];
  return [...own, ...named]
    .sort((a, b) => b.id - a.id)
    .slice(0, limit)
    .map((r) => ({
      kind: r.kind,
      sessionId: r.session_id,
      segmentId: null,
      start: r.start_sec,
      end: r.end_sec,
      speaker: null,
      snippet: r.snippet,
      spansNext: false,
      order: r.id,
    }));
}

const kindOrder: Record<CorpusHitKind, number> = { 'session-title': 0, 'candidate-name': 1, 'scorecard-note': 2, moment: 3, transcript: 3 };

async function groupBySession(db: Database, hits: RawHit[]): Promise<CorpusSessionGroup[]> {
  const ids = [...new Set(hits.map((h) => h.sessionId))];
  if (ids.length === 0) return [];
  const sessions = await db
    .selectFrom('sessions')
    .leftJoin('candidates', 'candidates.id', 'sessions.candidate_id')
    .leftJoin('requisitions', 'requisitions.id', 'sessions.requisition_id')
    .select([
      'sessions.id', 'sessions.title', 'sessions.kind', 'sessions.stage', 'sessions.started_at', 'sessions.created_at',
      'candidates.id as candidate_id', 'candidates.name as candidate_name', 'requisitions.id as requisition_id', 'requisitions.title as requisition_title',
    ])
    .where('sessions.id', 'in', ids)
    .execute();
  const groups = sessions.map((s) => ({
    sessionId: s.id,
    title: s.title,
    kind: s.kind,
    date: s.started_at ?? s.created_at,
    candidate: s.candidate_id && s.candidate_name !== null ? { id: s.candidate_id, name: s.candidate_name } : null,
    requisition: s.requisition_id && s.requisition_title !== null ? { id: s.requisition_id, title: s.requisition_title } : null,
    stage: s.stage,
    hits: hits
      .filter((h) => h.sessionId === s.id)
      .sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || (a.start ?? 0) - (b.start ?? 0))
      .map(({ sessionId: _, order: __, ...hit }) => hit),
  }));
  return groups.sort((a, b) => b.date.localeCompare(a.date) || a.sessionId.localeCompare(b.sessionId));
}

type Filters = z.output<typeof corpusFiltersSchema>;

/** Some filter narrows the sessions searched (speaker and criterion narrow lines and documents, not sessions). */
function filteredBySession(filter: Filters): boolean {
  return [filter.requisitionId, filter.candidateId, filter.stage, filter.kind, filter.from, filter.to].some((v) => v !== undefined);
}

/** Conditions on the session (aliased `sess`) from the filters; `1 = 1` when there are none. */
function sessionPredicate(filter: Filters): SessionPredicate {
  const parts: RawBuilder<unknown>[] = [];
  if (filter.requisitionId !== undefined) parts.push(sql`sess.requisition_id = ${filter.requisitionId}`);
  if (filter.candidateId !== undefined) parts.push(sql`sess.candidate_id = ${filter.candidateId}`);
  if (filter.stage !== undefined) parts.push(sql`sess.stage = ${filter.stage} collate nocase`);
  if (filter.kind !== undefined) parts.push(sql`sess.kind = ${filter.kind}`);
  if (filter.from !== undefined) parts.push(sql`coalesce(sess.started_at, sess.created_at) >= ${filter.from}`);
  if (filter.to !== undefined) parts.push(sql`coalesce(sess.started_at, sess.created_at) < ${dayAfter(filter.to)}`);
  return parts.length === 0 ? sql`1 = 1` : sql.join(parts, sql` and `);
}

/** Whose line it is (on segment alias `s`): the session's recorded interviewer, or anyone else. */
function speakerPredicate(filter: Filters, s: RawBuilder<unknown>): RawBuilder<unknown> {
  if (filter.speaker === 'interviewer') return sql`${s}.speaker = sess.interviewer`;
  if (filter.speaker === 'candidate') return sql`${s}.speaker is not null and sess.interviewer is not null and ${s}.speaker <> sess.interviewer`;
  return sql`1 = 1`;
}

/** A filter that no session can meet, said the way the user set it; undefined when they fit together. */
async function contradictionIn(db: Database, filter: Filters): Promise<string | undefined> {
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    return `The dates run backwards: ${filter.to} comes before ${filter.from}. Swap them to search that period.`;
  }
  let requisitionTitle: string | undefined;
  if (filter.requisitionId !== undefined) {
    const requisition = await db.selectFrom('requisitions').select('title').where('id', '=', filter.requisitionId).executeTakeFirst();
    if (!requisition) return 'That requisition no longer exists (it may have been deleted): pick another one.';
    requisitionTitle = requisition.title;
  }
  if (filter.candidateId !== undefined) {
    const candidate = await db.selectFrom('candidates').select('name').where('id', '=', filter.candidateId).executeTakeFirst();
    if (!candidate) return 'That candidate no longer exists (they may have been deleted): pick another one.';
    if (filter.kind === 'intake') return `Intake calls have no candidate, so none is ${candidate.name}'s: search interviews, or drop the candidate.`;
    if (requisitionTitle !== undefined) {
      const together = await db.selectFrom('sessions').select('id').where('candidate_id', '=', filter.candidateId).where('requisition_id', '=', filter.requisitionId!).executeTakeFirst();
      if (!together) return `${candidate.name} has no interviews for ${requisitionTitle}: drop one of the two filters.`;
    }
  }
  if (filter.kind === 'intake' && filter.speaker === 'candidate') return 'Intake calls have no candidate speaking: search interviews, or the interviewer’s lines.';
  if (filter.criterion !== undefined) {
    let criteria = db.selectFrom('criteria').select('criteria.id').where(sql<boolean>`criteria.title = ${filter.criterion} collate nocase`);
    if (filter.requisitionId !== undefined) {
      criteria = criteria
        .innerJoin('rubric_versions', 'rubric_versions.id', 'criteria.rubric_version_id')
        .innerJoin('rubrics', 'rubrics.id', 'rubric_versions.rubric_id')
        .where('rubrics.requisition_id', '=', filter.requisitionId);
    }
    if (!(await criteria.executeTakeFirst())) {
      return requisitionTitle !== undefined
        ? `The rubric for ${requisitionTitle} has no criterion called “${filter.criterion}”.`
        : `No rubric has a criterion called “${filter.criterion}”.`;
    }
  }
  return undefined;
}

/** Nothing found: say whether the filters leave any interview to search at all. */
async function emptyNotice(db: Database, filter: Filters, where: SessionPredicate): Promise<string | null> {
  const narrowed = filter.requisitionId ?? filter.candidateId ?? filter.stage ?? filter.kind ?? filter.from ?? filter.to;
  if (narrowed === undefined) return null;
  const { rows } = await sql<{ n: number }>`select count(*) as n from sessions sess where ${where}`.execute(db);
  const n = Number(rows[0]?.n ?? 0);
  if (n === 0) return 'No interview is filed under these filters together: widen or clear some of them.';
  return `Nothing matches in the ${n === 1 ? 'one interview' : `${n} interviews`} these filters leave: try other words or widen the filters.`;
}

function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

const wordsOf = (text: string): string[] => text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
/** Case and accents folded, as the index's tokenizer folds them. */
const normalizeWord = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The line's last `matched` words marked, with up to `count` words before the end. */
function markLastWords(text: string, matched: number, count: number): string {
  const words = text.trim().split(/\s+/);
  const before = words.slice(Math.max(0, words.length - count), words.length - matched);
  const tail = words.slice(words.length - matched).join(' ');
  return `${words.length > count ? '…' : ''}${before.length > 0 ? `${before.join(' ')} ` : ''}${open}${tail}${close}`;
}

/** The next line's first `matched` words marked (FTS5 matched them at its start), up to `count` words. */
function markFirstWords(text: string, matched: number, count: number): string {
  const words = text.trim().split(/\s+/);
  const head = words.slice(0, matched).join(' ');
  const rest = words.slice(matched, count);
  return `${open}${head}${close}${rest.length > 0 ? ` ${rest.join(' ')}` : ''}${words.length > count ? '…' : ''}`;
}

function parseOrExplain<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.');
  throw new UserFacingError(`Invalid ${what}${field ? ` ${field}` : ''}: ${issue.message}`, 'bad-search-query', { cause: parsed.error });
}
