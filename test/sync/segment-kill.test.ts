import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { readSegment, syncSharedFolder, SEGMENT_SUFFIX } from '../../src/db/sync/shared-folder.js';
import { tempDir } from '../support/speech.js';
import { openLaptop } from './support/sync-stores.js';

const child = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/segment-writer-child.ts');

/** Polls until `check` holds; fails with `what` after `timeoutMs` (generous: the machine may be busy). */
async function waitFor(what: string, check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

// A laptop killed (SIGKILL) while writing a segment leaves no partial segment: a reader sees whole
// segments only, and after a restart every change reaches the other laptop exactly once.
describe('a laptop killed mid-write of a sync segment', () => {
  const root = tempDir('debrief-sync-kill-');
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('leaves only whole segments; after restart nothing is lost or duplicated', async () => {
    const folder = path.join(root, 'shared');
    mkdirSync(folder);
    const store = path.join(root, 'writer', 'debrief.sqlite');
    mkdirSync(path.dirname(store), { recursive: true });
    const files = () => readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((f) => path.basename(f));
    // Kill while a temporary segment is being written, after at least one whole segment landed;
    // if the rename won the race, run the laptop again and kill it again.
    let leftTemp = false;
    for (let attempt = 0; attempt < 5 && !leftTemp; attempt += 1) {
      const proc = spawn(process.execPath, ['--import', 'tsx', child, store, folder], { stdio: ['ignore', 'pipe', 'inherit'] });
      const wholeBefore = files().filter((f) => f.endsWith(SEGMENT_SUFFIX)).length;
      await waitFor('a whole segment', () => files().filter((f) => f.endsWith(SEGMENT_SUFFIX)).length > wholeBefore);
      await waitFor('a segment being written', () => files().some((f) => f.endsWith('.tmp')));
      proc.kill('SIGKILL');
      await new Promise((r) => proc.once('exit', r));
      leftTemp = files().some((f) => f.endsWith('.tmp'));
    }
    expect(leftTemp).toBe(true);

    const whole = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(SEGMENT_SUFFIX));
    // Every file under a segment's name reads as a whole segment (its count matches its rows).
    for (const f of whole) expect(readSegment(path.join(folder, f)).length, f).toBeGreaterThan(0);

    const reader = await openLaptop(root, 'reader');
    try {
      const first = await syncSharedFolder(reader.db, { folder, home: reader.home });
      expect(first.problems).toEqual([]);
      // Restart the killed laptop: it clears its stale temporary file and sends what was not sent.
      const writer = await openDatabase(store);
      try {
        await syncSharedFolder(writer, { folder, home: path.dirname(store) });
        expect(files().filter((f) => f.endsWith('.tmp'))).toEqual([]);
        const second = await syncSharedFolder(reader.db, { folder, home: reader.home });
        expect(second.problems).toEqual([]);
        const made = (await writer.selectFrom('candidates').select(['id', 'name', 'stage']).orderBy('id').execute()).map((c) => ({ ...c }));
        const got = await reader.db.selectFrom('candidates').select(['id', 'name', 'stage']).orderBy('id').execute();
        const lost = made.filter((m) => !got.some((g) => g.id === m.id)).length;
        const ledger = await reader.db.selectFrom('sync_changes').select('id').execute();
        const duplicated = got.length - new Set(got.map((c) => c.name)).size;
        console.log(`sync-kill: made ${made.length}, lost ${lost}, duplicated ${duplicated}`);
        expect(made.length).toBeGreaterThanOrEqual(800);
        expect(lost).toBe(0);
        expect(duplicated).toBe(0);
        expect(got).toEqual(made);
        expect(ledger.length).toBe(made.length);
      } finally {
        await writer.destroy();
      }
    } finally {
      await reader.db.destroy();
    }
  }, 240_000);
});
