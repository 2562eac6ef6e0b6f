import { Migrator, type Kysely } from 'kysely';
import { UserFacingError } from '../core/errors.js';
import { migrations, RegisteredMigrationProvider, type MigrationTarget } from './migrations/index.js';

export function createMigrator(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema version
  db: Kysely<any>,
  target: MigrationTarget = 'sqlite',
): Migrator {
  return new Migrator({ db, provider: new RegisteredMigrationProvider(target) });
}

/**
 * Applies every pending migration. Refuses a database that a newer Debrief already
 * migrated further, instead of running old code against a schema it doesn't know.
 */
export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see createMigrator
  db: Kysely<any>,
  target: MigrationTarget = 'sqlite',
  label = 'The database',
): Promise<void> {
  const migrator = createMigrator(db, target);
  const known = new Set(migrations.map((m) => m.name));
  const newer = (await appliedMigrationNames(db)).filter((name) => !known.has(name));
  if (newer.length > 0) {
    throw new UserFacingError(
      `${label} was updated by a newer version of Debrief (it has migration ${newer.join(', ')}); update Debrief to open it.`,
      'database-too-new',
    );
  }
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed on ${label}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads kysely's own bookkeeping table
async function appliedMigrationNames(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const rows: { name: string }[] = await db.selectFrom('kysely_migration').select('name').execute();
  return rows.map((r) => r.name);
}
