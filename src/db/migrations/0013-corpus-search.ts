import { sql, type Kysely, type Migration } from 'kysely';

/**
 * SQLITE-ONLY: what corpus search and the Interviews list need at 10,000 interviews.
 *
 * 1. session_speakers: per session and speaker (`''` for unlabelled lines) the number of
 *    segments and when that speaker first talks, kept by triggers on transcript_segments, so
 *    listing sessions reads a few rows per session instead of scanning every segment.
 * 2. search_documents (+ its FTS5 index): the text that is not transcript but is searched with
 *    it: session titles, candidate names, moment quotes and notes (the evidence), and submitted
 *    scorecard notes. Triggers on each source table keep one row per source row, keyed by
 *    (kind, ref_id), so an edit replaces its row and a delete removes it.
 *
 * 3. session_moment_counts: moments per session and how many await review, for the list's status.
 *
 * All are derived data (a rebuild from the source tables gives the same rows), hence SQLite
 * only: the sync server keeps the sources and indexes text its own way.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was, not DB
type AnyDb = Kysely<any>;

const statements = {
  speakersTable: sql`
    create table session_speakers (
      session_id text not null references sessions(id) on delete cascade,
      speaker text not null,
      first_start real not null,
      segment_count integer not null,
      primary key (session_id, speaker)
    ) without rowid`,
  // Lines of one speaker in time order, for recomputing first_start when the first line goes.
  speakerLinesIndex: sql`create index transcript_segments_session_speaker_idx on transcript_segments (session_id, speaker, start_sec)`,
  speakersInsert: sql`
    create trigger session_speakers_segment_insert after insert on transcript_segments begin
      insert into session_speakers (session_id, speaker, first_start, segment_count)
        values (new.session_id, coalesce(new.speaker, ''), new.start_sec, 1)
        on conflict (session_id, speaker) do update set
          segment_count = segment_count + 1,
          first_start = min(first_start, excluded.first_start);
    end`,
  speakersDelete: sql`
    create trigger session_speakers_segment_delete after delete on transcript_segments begin
      update session_speakers set
          segment_count = segment_count - 1,
          first_start = coalesce((select min(start_sec) from transcript_segments t
                                  where t.session_id = old.session_id and t.speaker is old.speaker), first_start)
        where session_id = old.session_id and speaker = coalesce(old.speaker, '');
      delete from session_speakers where session_id = old.session_id and speaker = coalesce(old.speaker, '') and segment_count <= 0;
    end`,
  // A rename or a retiming: take the line away from its old speaker, give it to the new one.
  speakersUpdate: sql`
    create trigger session_speakers_segment_update after update of speaker, start_sec, session_id on transcript_segments begin
      update session_speakers set
          segment_count = segment_count - 1,
          first_start = coalesce((select min(start_sec) from transcript_segments t
                                  where t.session_id = old.session_id and t.speaker is old.speaker), first_start)
        where session_id = old.session_id and speaker = coalesce(old.speaker, '');
      delete from session_speakers where session_id = old.session_id and speaker = coalesce(old.speaker, '') and segment_count <= 0;
      insert into session_speakers (session_id, speaker, first_start, segment_count)
        values (new.session_id, coalesce(new.speaker, ''), new.start_sec, 1)
        on conflict (session_id, speaker) do update set
          segment_count = segment_count + 1,
          first_start = min(first_start, excluded.first_start);
    end`,
  speakersBackfill: sql`
    insert into session_speakers (session_id, speaker, first_start, segment_count)
      select session_id, coalesce(speaker, ''), min(start_sec), count(*) from transcript_segments group by session_id, coalesce(speaker, '')`,

  documentsTable: sql`
    create table search_documents (
      id integer primary key,
      kind text not null check (kind in ('session-title', 'candidate-name', 'moment', 'scorecard-note')),
      ref_id text not null,
      session_id text,
      candidate_id text,
      criterion_id text,
      start_sec real,
      end_sec real,
      text text not null,
      unique (kind, ref_id)
    )`,
  documentsSessionIndex: sql`create index search_documents_session_idx on search_documents (session_id)`,
  documentsFts: sql`
    create virtual table search_documents_fts using fts5(
      text,
      content = 'search_documents',
      content_rowid = 'id',
      tokenize = 'porter unicode61 remove_diacritics 2'
    )`,
  // Names get their own index over the same rows: a name search joins each name to all of that
  // candidate's sessions, and must not wade through every quote that shares a word with it.
  namesFts: sql`
    create virtual table candidate_names_fts using fts5(
      text,
      content = 'search_documents',
      content_rowid = 'id',
      tokenize = 'porter unicode61 remove_diacritics 2'
    )`,
  documentsFtsInsert: sql`
    create trigger search_documents_fts_insert after insert on search_documents begin
      insert into search_documents_fts (rowid, text) select new.id, new.text where new.kind <> 'candidate-name';
      insert into candidate_names_fts (rowid, text) select new.id, new.text where new.kind = 'candidate-name';
    end`,
  documentsFtsDelete: sql`
    create trigger search_documents_fts_delete after delete on search_documents begin
      insert into search_documents_fts (search_documents_fts, rowid, text) select 'delete', old.id, old.text where old.kind <> 'candidate-name';
      insert into candidate_names_fts (candidate_names_fts, rowid, text) select 'delete', old.id, old.text where old.kind = 'candidate-name';
    end`,
  // Source triggers replace rows rather than update them; this keeps a hand-made update honest.
  documentsFtsUpdate: sql`
    create trigger search_documents_fts_update after update on search_documents begin
      insert into search_documents_fts (search_documents_fts, rowid, text) select 'delete', old.id, old.text where old.kind <> 'candidate-name';
      insert into candidate_names_fts (candidate_names_fts, rowid, text) select 'delete', old.id, old.text where old.kind = 'candidate-name';
      insert into search_documents_fts (rowid, text) select new.id, new.text where new.kind <> 'candidate-name';
      insert into candidate_names_fts (rowid, text) select new.id, new.text where new.kind = 'candidate-name';
    end`,

  // Moments per session and how many still await review: the Interviews list's status, kept
  // like session_speakers so the list never counts moments row by row.
  momentCountsTable: sql`
    create table session_moment_counts (
      session_id text primary key references sessions(id) on delete cascade,
      total integer not null,
      proposed integer not null
    ) without rowid`,
  momentCountsInsert: sql`
    create trigger session_moment_counts_insert after insert on moments begin
      insert into session_moment_counts (session_id, total, proposed) values (new.session_id, 1, new.status = 'proposed')
        on conflict (session_id) do update set total = total + 1, proposed = proposed + (excluded.proposed);
    end`,
  momentCountsDelete: sql`
    create trigger session_moment_counts_delete after delete on moments begin
      update session_moment_counts set total = total - 1, proposed = proposed - (old.status = 'proposed') where session_id = old.session_id;
    end`,
  momentCountsUpdate: sql`
    create trigger session_moment_counts_update after update of status, session_id on moments begin
      update session_moment_counts set total = total - 1, proposed = proposed - (old.status = 'proposed') where session_id = old.session_id;
      insert into session_moment_counts (session_id, total, proposed) values (new.session_id, 1, new.status = 'proposed')
        on conflict (session_id) do update set total = total + 1, proposed = proposed + (excluded.proposed);
    end`,
  momentCountsBackfill: sql`
    insert into session_moment_counts (session_id, total, proposed)
      select session_id, count(*), sum(status = 'proposed') from moments group by session_id`,
};

/** The select that builds one source's documents; `only` narrows it (`id = new.id` in a trigger, `1 = 1` to backfill). */
const sources = {
  'session-title': {
    table: 'sessions',
    columns: 'title',
    select: (only: string) =>
      `select 'session-title', id, id, null, null, null, null, title from sessions where ${only} and trim(title) <> ''`,
  },
  'candidate-name': {
    table: 'candidates',
    columns: 'name',
    select: (only: string) =>
      `select 'candidate-name', id, null, id, null, null, null, name from candidates where ${only} and trim(name) <> ''`,
  },
  moment: {
    table: 'moments',
    columns: 'quote, note, criterion_id, start_sec, end_sec, status',
    // Rejected proposals are not evidence: they leave the index.
    select: (only: string) =>
      `select 'moment', id, session_id, null, criterion_id, start_sec, end_sec, trim(coalesce(quote, '') || ' ' || coalesce(note, ''))
       from moments where ${only} and status <> 'rejected' and trim(coalesce(quote, '') || coalesce(note, '')) <> ''`,
  },
  'scorecard-note': {
    table: 'scorecard_version_ratings',
    columns: 'note, criterion_id',
    select: (only: string) =>
      `select 'scorecard-note', r.id, sc.session_id, null, r.criterion_id, null, null, r.note
       from scorecard_version_ratings r
       join scorecard_versions v on v.id = r.scorecard_version_id
       join scorecards sc on sc.id = v.scorecard_id
       where ${only.replace(/^id /, 'r.id ')} and trim(coalesce(r.note, '')) <> ''`,
  },
} as const;

const documentColumns = '(kind, ref_id, session_id, candidate_id, criterion_id, start_sec, end_sec, text)';

async function up(db: AnyDb): Promise<void> {
  for (const statement of Object.values(statements)) await statement.execute(db);

  for (const [kind, source] of Object.entries(sources)) {
    const name = `search_documents_${source.table}`;
    await sql.raw(`insert into search_documents ${documentColumns} ${source.select('1 = 1')}`).execute(db);
    await sql
      .raw(`create trigger ${name}_insert after insert on ${source.table} begin
              insert into search_documents ${documentColumns} ${source.select('id = new.id')};
            end`)
      .execute(db);
    await sql
      .raw(`create trigger ${name}_update after update of ${source.columns} on ${source.table} begin
              delete from search_documents where kind = '${kind}' and ref_id = old.id;
              insert into search_documents ${documentColumns} ${source.select('id = new.id')};
            end`)
      .execute(db);
    await sql
      .raw(`create trigger ${name}_delete after delete on ${source.table} begin
              delete from search_documents where kind = '${kind}' and ref_id = old.id;
            end`)
      .execute(db);
  }
}

async function down(db: AnyDb): Promise<void> {
  for (const source of Object.values(sources)) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger search_documents_${source.table}_${event}`).execute(db);
  }
  for (const trigger of ['search_documents_fts_insert', 'search_documents_fts_delete', 'search_documents_fts_update']) {
    await sql.raw(`drop trigger ${trigger}`).execute(db);
  }
  for (const trigger of ['session_moment_counts_insert', 'session_moment_counts_delete', 'session_moment_counts_update']) {
    await sql.raw(`drop trigger ${trigger}`).execute(db);
  }
  await sql`drop table session_moment_counts`.execute(db);
  await sql`drop table candidate_names_fts`.execute(db);
  await sql`drop table search_documents_fts`.execute(db);
  await sql`drop table search_documents`.execute(db);
  for (const trigger of ['session_speakers_segment_insert', 'session_speakers_segment_delete', 'session_speakers_segment_update']) {
    await sql.raw(`drop trigger ${trigger}`).execute(db);
  }
  await sql`drop index transcript_segments_session_speaker_idx`.execute(db);
  await sql`drop table session_speakers`.execute(db);
}

export const m0013CorpusSearch: Migration = { up, down };
