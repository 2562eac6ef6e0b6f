import fs from 'node:fs';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { UserFacingError } from '../../src/core/errors.js';
import { NO_TEAM_SERVER } from '../../src/core/privacy/team-server.js';
import { openDatabase, searchSegments, type Database } from '../../src/db/index.js';
import { candidateHash, eraseCandidate } from '../../src/db/privacy/erase-candidate.js';
import { listAudit } from '../../src/db/repositories/audit-repository.js';
import { scratchDir } from '../capture/support/scratch-dir.js';
import { candidateNeedles, findBytes, seedCandidate } from './support/seed-candidate.js';

let db: Database | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

async function termsStartingWith(store: Database, prefix: string): Promise<string[]> {
  await sql`create virtual table if not exists temp.segment_terms using fts5vocab(main, transcript_segments_fts, row)`.execute(store);
  const rows = await sql<{ term: string }>`select term from temp.segment_terms where term like ${`${prefix}%`}`.execute(store);
  return rows.rows.map((r) => r.term);
}

describe('erasing a candidate', () => {
  it('leaves no byte of their name, transcript sentences or audio in the data folder (store, WAL, FTS shadow tables, recordings)', async () => {
    const home = scratchDir('debrief-erase-');
    // A store in the clear: the proof must not rest on encryption hiding the bytes.
    db = await openDatabase(databasePath(home));
    const erased = await seedCandidate(db, home, 'qxvrtl');
    const kept = await seedCandidate(db, home, 'bmowzy');
    const needles = candidateNeedles(erased, 'qxvrtl');

    // The search can see them before: the needles and the places are right.
    const before = findBytes(home, needles);
    expect(before.some((f) => f.startsWith(`"${erased.name}"`))).toBe(true);
    expect(before.some((f) => f.startsWith('audio@') && f.includes('mic.wav'))).toBe(true);
    expect(await termsStartingWith(db, 'qxvrtl')).not.toEqual([]);
    expect((await searchSegments(db, 'qxvrtlcorp')).length).toBe(1);

    const receipt = await eraseCandidate(db, erased.candidateId, { home, actor: 'privacy-reviewer' });
    expect(receipt).toMatchObject({
      candidateHash: candidateHash(erased.candidateId),
      erasedBy: 'privacy-reviewer',
      removed: { sessions: 1, segments: 3, moments: 1, audioFiles: 2 },
      server: NO_TEAM_SERVER,
      walTruncated: true,
    });

    expect(findBytes(home, needles), 'while the store is open').toEqual([]);
    expect(await termsStartingWith(db, 'qxvrtl')).toEqual([]);
    expect(fs.existsSync(erased.audioFile)).toBe(false);
    // The other candidate is untouched and still found.
    expect((await searchSegments(db, 'bmowzycorp')).length).toBe(1);
    expect(fs.readFileSync(kept.audioFile).equals(kept.audio)).toBe(true);
    // What remains: a receipt with a hash, and an audit event naming ids only.
    const receipts = await db.selectFrom('erasure_receipts').selectAll().execute();
    expect(receipts.map((r) => r.candidate_hash)).toEqual([receipt.candidateHash]);
    const audit = await listAudit(db, { candidateId: erased.candidateId });
    expect(audit.map((e) => [e.action, e.subjectKind])).toEqual([['deleted', 'candidate']]);

    await db.destroy();
    db = undefined;
    expect(findBytes(home, needles), 'after the store is closed').toEqual([]);
  });

  it('is refused while the candidate is being recorded, and deletes nothing', async () => {
    const home = scratchDir('debrief-erase-');
    db = await openDatabase(databasePath(home));
    const c = await seedCandidate(db, home, 'plorvk');
    await db.updateTable('sessions').set({ status: 'recording' }).where('id', '=', c.sessionId).execute();

    const error = await eraseCandidate(db, c.candidateId, { home, actor: 'me' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe('erasure-while-recording');
    expect((error as Error).message).toMatch(/still recording\. Stop the recording, then erase/);
    expect(fs.readFileSync(c.audioFile).equals(c.audio)).toBe(true);
    expect(await db.selectFrom('candidates').select('id').execute()).toHaveLength(1);
    expect((await searchSegments(db, 'plorvkcorp')).length).toBe(1);

    // The capture service's word counts too, before the store says "recording".
    await db.updateTable('sessions').set({ status: 'complete' }).where('id', '=', c.sessionId).execute();
    const live = await eraseCandidate(db, c.candidateId, { home, actor: 'me', isRecording: (id) => id === c.sessionId }).catch((e: unknown) => e);
    expect((live as UserFacingError).code).toBe('erasure-while-recording');
    expect(fs.existsSync(c.audioFile)).toBe(true);
  });
});
