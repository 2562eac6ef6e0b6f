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
  // Titles, names, evidence and notes (0013): keyed by their own id, so VACUUM keeps them; rebuilt to repair.
  await sql`insert into search_documents_fts (search_documents_fts) values ('rebuild')`.execute(db);
  await sql`insert into candidate_names_fts (candidate_names_fts) values ('rebuild')`.execute(db);
}

/**
 * After deleting personal data: folds the search index's deletions into one segment (FTS5 keeps
 * deleted terms until a merge), then checkpoints and truncates the WAL, whose old frames still hold
 * the deleted rows. With secure_delete on (see connectDatabase) freed pages are already zeroed.
 * Returns false when a reader kept the WAL from being truncated (run it again later).
 */
export async function scrubDeletedData(db: Database): Promise<boolean> {
  for (const index of ['transcript_segments_fts', 'search_documents_fts', 'candidate_names_fts']) {
    await sql`insert into ${sql.table(index)} (${sql.ref(index)}) values ('optimize')`.execute(db);
  }
  const result = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  return (result.rows[0]?.busy ?? 0) === 0;
}
