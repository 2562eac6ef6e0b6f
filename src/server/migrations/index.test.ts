import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../../../test/support/postgres.js';
import { migrateServerDatabase, openServerDatabase, pendingServerMigrations } from '../db/server-database.js';
import { serverMigrations } from './index.js';

let db: TestPostgres;
beforeAll(async () => {
  db = await startTestPostgres();
});
afterAll(async () => {
  await db?.stop();
});

describe('team server migrations', () => {
  it('are numbered in the order kysely runs them', () => {
    const names = serverMigrations.map((m) => m.name);
    expect(names).toEqual([...names].sort());
    for (const name of names) expect(name).toMatch(/^\d{4}-[a-z0-9-]+$/);
  });

  it('apply once, then again as a no-op, and the app role sees none pending', async () => {
    await migrateServerDatabase(db.ownerUrl);
    await migrateServerDatabase(db.ownerUrl);
    const app = openServerDatabase(db.appUrl);
    try {
      expect(await pendingServerMigrations(app)).toEqual([]);
    } finally {
      await app.destroy();
    }
  });

  it('refuse a database a newer server migrated further, and leave it as it was', async () => {
    const c = new pg.Client({ connectionString: db.ownerUrl });
    await c.connect();
    await c.query("insert into kysely_migration (name, timestamp) values ('9999-from-the-future', now())");
    const before = await c.query('select count(*) from kysely_migration');
    await expect(migrateServerDatabase(db.ownerUrl)).rejects.toThrow(
      'The team database was updated by a newer Debrief server (migration 9999-from-the-future); update this server.',
    );
    expect((await c.query('select count(*) from kysely_migration')).rows).toEqual(before.rows);
    await c.end();
  });
});
