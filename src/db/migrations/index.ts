import type { Migration, MigrationProvider } from 'kysely';
import { m0001Initial } from './0001-initial.js';
import { m0002SqliteSegmentSearch } from './0002-sqlite-segment-search.js';
import { m0003InterviewPlansAndTags } from './0003-interview-plans-and-tags.js';
import { m0004CriterionSources } from './0004-criterion-sources.js';
import { m0005CandidateStageAndSource } from './0005-candidate-stage-and-source.js';
import { m0006ScorecardVersionsAndDebriefs } from './0006-scorecard-versions-and-debriefs.js';
import { m0007MomentPolarity } from './0007-moment-polarity.js';
import { m0010Privacy } from './0010-privacy.js';
import { m0011SyncLedger } from './0011-sync-ledger.js';
import { m0012Calibration } from './0012-calibration.js';
import { m0013CorpusSearch } from './0013-corpus-search.js';
import { m0014InterviewListPaging } from './0014-interview-list-paging.js';
import { m0015SyncPeople } from './0015-sync-people.js';

/**
 * Every migration, in order. Append-only: never edit or reorder a released entry.
 * Registered explicitly (no folder scanning) because the app ships bundled.
 * kysely runs migrations sorted by name, so names start with a zero-padded number.
 */
export interface RegisteredMigration {
  readonly name: string;
  readonly migration: Migration;
  /** Uses SQLite-only features (FTS5): the PostgreSQL sync server skips it. */
  readonly sqliteOnly: boolean;
}

export const migrations: readonly RegisteredMigration[] = [
  { name: '0001-initial', migration: m0001Initial, sqliteOnly: false },
  { name: '0002-sqlite-segment-search', migration: m0002SqliteSegmentSearch, sqliteOnly: true },
  { name: '0003-interview-plans-and-tags', migration: m0003InterviewPlansAndTags, sqliteOnly: false },
  { name: '0004-criterion-sources', migration: m0004CriterionSources, sqliteOnly: false },
  { name: '0005-candidate-stage-and-source', migration: m0005CandidateStageAndSource, sqliteOnly: false },
  { name: '0006-scorecard-versions-and-debriefs', migration: m0006ScorecardVersionsAndDebriefs, sqliteOnly: false },
  { name: '0007-moment-polarity', migration: m0007MomentPolarity, sqliteOnly: false },
  { name: '0010-privacy', migration: m0010Privacy, sqliteOnly: false },
  { name: '0011-sync-ledger', migration: m0011SyncLedger, sqliteOnly: false },
  { name: '0012-calibration', migration: m0012Calibration, sqliteOnly: false },
  { name: '0013-corpus-search', migration: m0013CorpusSearch, sqliteOnly: true },
  { name: '0014-interview-list-paging', migration: m0014InterviewListPaging, sqliteOnly: false },
  { name: '0015-sync-people', migration: m0015SyncPeople, sqliteOnly: true },
];

export type MigrationTarget = 'sqlite' | 'postgres';

/** Feeds the registered migrations for one database engine to kysely's Migrator. */
export class RegisteredMigrationProvider implements MigrationProvider {
  constructor(
    private readonly target: MigrationTarget,
    private readonly registry: readonly RegisteredMigration[] = migrations,
  ) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const applicable = this.registry.filter((m) => this.target === 'sqlite' || !m.sqliteOnly);
    return Object.fromEntries(applicable.map((m) => [m.name, m.migration]));
  }
}
