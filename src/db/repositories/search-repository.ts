import { sql } from 'kysely';
import { z } from 'zod';
import { UserFacingError } from '../../core/errors.js';
import type { Database } from '../open-database.js';
import { parseSearchQuery } from '../search-query.js';
import { describeIssues } from '../../core/zod-issues.js';

export interface SearchHit {
  sessionId: string;
  segmentId: string;
  sessionTitle: string;
  start: number;
  end: number;
  speaker: string | null;
  text: string;
  /** Excerpt of the segment text with each match wrapped in the highlight markers. */
  snippet: string;
}

export interface SearchOptions {
  /** Most hits to return: 1 to 500, default 50. */
  limit?: number;
  /** Search one session only. */
  sessionId?: string;
  /** Markers around matched words in `snippet`; default `[` and `]`. */
  highlight?: { open: string; close: string };
}

const optionsSchema = z.object({
  limit: z.number().int().min(1).max(500).default(50),
  sessionId: z.string().min(1).optional(),
  highlight: z.object({ open: z.string(), close: z.string() }).default({ open: '[', close: ']' }),
});

/** Tokens of context in a snippet (FTS5 allows at most 64). */
const snippetTokens = 16;

/**
 * Full-text search over transcript segments, best match first (bm25).
 * `query` uses the syntax of parseSearchQuery() and never reaches FTS5 raw.
 * SQLite-only: relies on the 0002-sqlite-segment-search index.
 */
export async function searchSegments(db: Database, query: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
  const parsedOptions = optionsSchema.safeParse(opts);
  if (!parsedOptions.success) {
    throw new UserFacingError(`Invalid search option ${describeIssues(parsedOptions.error)}`, 'bad-search-query');
  }
  const { limit, sessionId, highlight } = parsedOptions.data;
  const match = parseSearchQuery(query);

  const result = await sql<{
    session_id: string;
    segment_id: string;
    session_title: string;
    start_sec: number;
    end_sec: number;
    speaker: string | null;
    text: string;
    snippet: string;
  }>`
    select
      s.session_id as session_id,
      s.id as segment_id,
      sess.title as session_title,
      s.start_sec as start_sec,
      s.end_sec as end_sec,
      s.speaker as speaker,
      s.text as text,
      snippet(transcript_segments_fts, 0, ${highlight.open}, ${highlight.close}, '…', ${snippetTokens}) as snippet
    from transcript_segments_fts
    join transcript_segments s on s.rowid = transcript_segments_fts.rowid
    join sessions sess on sess.id = s.session_id
    where transcript_segments_fts match ${match}
      ${sessionId === undefined ? sql`` : sql`and s.session_id = ${sessionId}`}
    order by bm25(transcript_segments_fts), s.session_id, s.start_sec
    limit ${limit}
  `.execute(db);

  return result.rows.map((r) => ({
    sessionId: r.session_id,
    segmentId: r.segment_id,
    sessionTitle: r.session_title,
    start: r.start_sec,
    end: r.end_sec,
    speaker: r.speaker,
    text: r.text,
    snippet: r.snippet,
  }));
}
