import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startTestPostgres, type TestPostgres } from '../../../test/support/postgres.js';
import { literal } from './server-database.js';

// Values inlined into statements (several sent in one round trip) must read back exactly as sent,
// whatever the server's string settings, and never end the literal early.
const tricky = ["'", "''", '\\', "\\'", "'; drop table teams; --", "E'x'", '$$', 'a\\nb', 'Zoë — “quoted” 名前', "\\\\'\\", '%_'];

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe('literal', () => {
  it.each(['on', 'off'])('reads back every value unchanged with standard_conforming_strings %s', async (setting) => {
    const client = new pg.Client({ connectionString: server.ownerUrl });
    await client.connect();
    try {
      await client.query(`set standard_conforming_strings = ${setting}`);
      const { rows } = await client.query<Record<string, string>>(`select ${tricky.map((v, i) => `${literal(v)} as v${i}`).join(', ')}`);
      expect(Object.values(rows[0]!)).toEqual(tricky);
    } finally {
      await client.end();
    }
  });

  it('refuses a NUL, which PostgreSQL text cannot hold', () => {
    expect(() => literal('a\0b')).toThrow(/NUL/);
  });
});
