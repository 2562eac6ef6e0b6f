import { sql } from 'kysely';
import type { Database } from './open-database.js';

/**
 * Reclaims free space. The search index is keyed by segment rowids, which SQLite
 * does not promise to keep across VACUUM, so the index is rebuilt right after.
 * Never VACUUM the store any other way.
 */
export async function compactDatabase(db: Database): Promise<void> {
  await sql`vacuum`.execute(db);
  await rebuildSearchIndex(db);
}

/** Re-derives the full-text index from transcript_segments (also repairs a damaged index). */
export async function rebuildSearchIndex(db: Database): Promise<void> {
  await sql`insert into transcript_segments_fts (transcript_segments_fts) values ('rebuild')`.execute(db);
}
