import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { UserFacingError } from '../../src/core/errors.js';
import { createSessionWithTranscript, encryptedCopyPath, isPlainStore, openDatabase, searchSegments } from '../../src/db/index.js';
import { scratchDir } from '../capture/support/scratch-dir.js';
import { findBytes } from './support/seed-candidate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const SEGMENTS = 4000;

/** A plain store holding one session of SEGMENTS numbered sentences (enough for the copy to take a while). */
async function plainStore(): Promise<{ home: string; file: string }> {
  const home = scratchDir('debrief-encrypt-');
  const file = databasePath(home);
  const db = await openDatabase(file);
  await createSessionWithTranscript(db, {
    title: 'Interview with Ottoline Gravesend',
    kind: 'interview',
    source: 'import',
    durationSec: SEGMENTS,
    tracks: [],
    segments: Array.from({ length: SEGMENTS }, (_, i) => ({ start: i, end: i + 0.9, speaker: 'Them', text: `sentence ${i} about the wobbleflux rollout`, words: [] })),
  });
  await db.destroy();
  return { home, file };
}

async function expectWhole(file: string, key: Buffer): Promise<void> {
  const db = await openDatabase(file, { key });
  try {
    const n = await db.selectFrom('transcript_segments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(SEGMENTS);
    expect((await searchSegments(db, 'wobbleflux', { limit: 5 })).length).toBe(5);
    expect((await sql<{ ok: string }>`pragma integrity_check`.execute(db)).rows[0]).toEqual({ integrity_check: 'ok' });
  } finally {
    await db.destroy();
  }
}

/** Runs the encryption in a child and SIGKILLs it at `stage` ('copying': while the copy is being written). */
async function killDuringEncryption(file: string, key: Buffer, stage: string): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures', 'encrypt-child.ts'), file, key.toString('hex'), stage], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let watcher: NodeJS.Timeout | undefined;
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (stage !== 'copying' && stdout.includes(`${stage}\n`)) child.kill('SIGKILL');
    if (stage === 'copying' && !watcher && stdout.includes('start\n')) {
      // Killed as soon as the copy has bytes in it: mid VACUUM INTO.
      watcher = setInterval(() => {
        if (fs.existsSync(encryptedCopyPath(file)) && fs.statSync(encryptedCopyPath(file)).size > 0) child.kill('SIGKILL');
      }, 1);
    }
  });
  const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (_code, sig) => resolve(sig));
  });
  clearInterval(watcher);
  if (signal !== 'SIGKILL') throw new Error(`encrypt-child was not killed at ${stage}: ${stdout} ${stderr}`);
  return stdout.trim().split('\n');
}

describe('the store encrypted at rest', () => {
  it('encrypts a plain store in place: same data, no readable bytes, unreadable without the key', async () => {
    const { home, file } = await plainStore();
    expect(findBytes(home, [{ label: 'name', bytes: Buffer.from('ottoline gravesend') }])).not.toEqual([]);
    const key = randomBytes(32);

    await expectWhole(file, key);
    expect(isPlainStore(file)).toBe(false);
    expect(findBytes(home, [{ label: 'name', bytes: Buffer.from('ottoline gravesend') }, { label: 'word', bytes: Buffer.from('wobbleflux') }])).toEqual([]);
    expect(fs.existsSync(encryptedCopyPath(file))).toBe(false);

    const wrongKey = await openDatabase(file, { key: randomBytes(32) }).catch((e: unknown) => e);
    expect(wrongKey).toBeInstanceOf(UserFacingError);
    expect((wrongKey as UserFacingError).code).toBe('database-wrong-key');
    const noKey = await openDatabase(file).catch((e: unknown) => e);
    expect((noKey as UserFacingError).code).toBe('database-locked');
    // Neither failed open changed anything.
    await expectWhole(file, key);
  });

  for (const stage of ['copying', 'copied', 'encrypted', 'verified', 'replaced']) {
    it(`killed with SIGKILL ${stage === 'copying' ? 'while copying' : `once ${stage}`}, leaves the old or the new store whole`, async () => {
      const { file } = await plainStore();
      const key = randomBytes(32);
      const said = await killDuringEncryption(file, key, stage);
      expect(said).not.toContain('done');
      const plainAfterKill = isPlainStore(file);
      // Up to the rename the original is untouched; from it on the store is the encrypted copy.
      expect(plainAfterKill).toBe(stage !== 'replaced');
      // Opening with the key finishes (or redoes) the job: everything is there.
      await expectWhole(file, key);
      expect(isPlainStore(file)).toBe(false);
      expect(fs.existsSync(encryptedCopyPath(file))).toBe(false);
    });
  }
});
