import { sql, type Kysely, type Migration } from 'kysely';

/**
 * SQLITE-ONLY: full-text search over transcript segment text with FTS5.
 *
 * An external-content index: the text lives once, in transcript_segments, and the
 * triggers keep the index in step (cascaded deletes fire them too). The index is
 * keyed by the segments' rowid, so anything that may renumber rowids (VACUUM) must
 * rebuild it afterwards: see compactDatabase(). The PostgreSQL sync server skips this
 * migration and will index text its own way.
 */

export const segmentSearchTable = 'transcript_segments_fts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not DB
async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create virtual table transcript_segments_fts using fts5(
      text,
      content = 'transcript_segments',
      content_rowid = 'rowid',
      tokenize = 'porter unicode61 remove_diacritics 2'
    )`.execute(db);

  await sql`
    create trigger transcript_segments_fts_insert after insert on transcript_segments begin
      insert into transcript_segments_fts (rowid, text) values (new.rowid, new.text);
    end`.execute(db);

  await sql`
    create trigger transcript_segments_fts_delete after delete on transcript_segments begin
      insert into transcript_segments_fts (transcript_segments_fts, rowid, text) values ('delete', old.rowid, old.text);
    end`.execute(db);

  // Only a change of text touches the index; retimings and speaker renames don't.
  await sql`
    create trigger transcript_segments_fts_update after update of text on transcript_segments begin
      insert into transcript_segments_fts (transcript_segments_fts, rowid, text) values ('delete', old.rowid, old.text);
      insert into transcript_segments_fts (rowid, text) values (new.rowid, new.text);
    end`.execute(db);

  // Index whatever segments already exist.
  await sql`insert into transcript_segments_fts (transcript_segments_fts) values ('rebuild')`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger transcript_segments_fts_update`.execute(db);
  await sql`drop trigger transcript_segments_fts_delete`.execute(db);
  await sql`drop trigger transcript_segments_fts_insert`.execute(db);
  await sql`drop table transcript_segments_fts`.execute(db);
}

export const m0002SqliteSegmentSearch: Migration = { up, down };
