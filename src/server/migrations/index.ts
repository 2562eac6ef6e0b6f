import type { Migration, MigrationProvider } from 'kysely';
import { m0001Identity } from './0001-identity.js';
import { m0002Sync } from './0002-sync.js';
import { m0003RowSecurity } from './0003-row-security.js';
import { m0004SetBasedVisibility } from './0004-set-based-visibility.js';
import { m0005ErasureAndAudit } from './0005-erasure-and-audit.js';
import { m0007RubricComments } from './0007-rubric-comments.js';
import { m0008ScoredCandidatesFromLog } from './0008-scored-candidates-from-log.js';
import { m0009MemberVisibleFrom } from './0009-member-visible-from.js';
import { m0010MemberDemotion } from './0010-member-demotion.js';
import { m0011IdentityGuards } from './0011-identity-guards.js';

/**
 * The team server's PostgreSQL migrations, in order. Append-only: never edit or reorder a released
 * entry. Separate from the laptop store's: the server keeps structure and identity, not sessions.
 */
export const serverMigrations: readonly { name: string; migration: Migration }[] = [
  { name: '0001-identity', migration: m0001Identity },
  { name: '0002-sync', migration: m0002Sync },
  { name: '0003-row-security', migration: m0003RowSecurity },
  { name: '0004-set-based-visibility', migration: m0004SetBasedVisibility },
  { name: '0005-erasure-and-audit', migration: m0005ErasureAndAudit },
  { name: '0007-rubric-comments', migration: m0007RubricComments },
  { name: '0008-scored-candidates-from-log', migration: m0008ScoredCandidatesFromLog },
  { name: '0009-member-visible-from', migration: m0009MemberVisibleFrom },
  { name: '0010-member-demotion', migration: m0010MemberDemotion },
  { name: '0011-identity-guards', migration: m0011IdentityGuards },
];

export class ServerMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(serverMigrations.map((m) => [m.name, m.migration]));
  }
}
