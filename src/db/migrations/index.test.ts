import { describe, expect, it } from 'vitest';
import { migrations, RegisteredMigrationProvider } from './index.js';

describe('migration registry', () => {
  // Numbers are handed out per branch, so a branch may skip some until they are merged.
  it('lists migrations in the order kysely runs them (sorted by name), each number once', () => {
    const names = migrations.map((m) => m.name);
    expect(names).toEqual([...names].sort());
    names.forEach((name, i) => {
      expect(name).toMatch(/^\d{4}-[a-z0-9-]+$/);
      if (i > 0) expect(Number(name.slice(0, 4))).toBeGreaterThan(Number(names[i - 1]!.slice(0, 4)));
    });
  });

  it('gives SQLite every migration and PostgreSQL only the portable ones', async () => {
    const sqlite = Object.keys(await new RegisteredMigrationProvider('sqlite').getMigrations());
    const postgres = Object.keys(await new RegisteredMigrationProvider('postgres').getMigrations());
    expect(sqlite).toEqual(migrations.map((m) => m.name));
    expect(postgres).toEqual(migrations.filter((m) => !m.sqliteOnly).map((m) => m.name));
    expect(postgres).not.toContain('0002-sqlite-segment-search');
  });
});
