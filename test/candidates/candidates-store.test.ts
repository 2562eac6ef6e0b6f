import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { channelCaller } from '../support/call-channel.js';
import { tempDir } from '../support/speech.js';

const fixtureVtt = path.resolve(import.meta.dirname, '../fixtures/interviews/account-executive-01.vtt');

// Candidates and the sessions filed under them, through the contract over a real SQLite store.
describe('candidates and session filing', () => {
  let dir: string;
  let db: Database;
  let handlers: IpcHandlers;
  const unexpected: unknown[] = [];
  const call = channelCaller(() => handlers, unexpected);

  beforeAll(async () => {
    dir = tempDir('debrief-candidates-');
    db = await openDatabase(path.join(dir, 'debrief.sqlite'));
    handlers = createIpcHandlers({ db, home: dir });
  });
  afterAll(async () => {
    await db?.destroy();
    expect(unexpected).toEqual([]);
  });

  it('creates, lists by requisition, updates and deletes candidates, refusing bad input in plain words', async () => {
    const { id: requisitionId } = await call('requisitions:create', { title: 'Account executive' });
    const dana = await call('candidates:create', { name: ' Dana Reyes ', email: 'dana@example.com', requisitionId, stage: 'Phone screen', source: 'Referral' });
    expect(dana).toMatchObject({ name: 'Dana Reyes', email: 'dana@example.com', requisitionId, stage: 'Phone screen', source: 'Referral' });
    await call('candidates:create', { name: 'Sam Okafor' });
    expect((await call('candidates:list', { requisitionId })).map((c) => c.name)).toEqual(['Dana Reyes']);
    expect((await call('candidates:list')).map((c) => c.name)).toEqual(['Dana Reyes', 'Sam Okafor']);

    const moved = await call('candidates:update', { id: dana.id, stage: 'Onsite', email: '' });
    expect(moved).toMatchObject({ stage: 'Onsite', email: null, source: 'Referral' });
    await expect(call('candidates:create', { name: 'X', email: 'not-an-email' })).rejects.toThrow(/does not look like an email address/);
    await expect(call('candidates:create', { name: 'X', requisitionId: 'gone' })).rejects.toThrow(/requisition no longer exists/);
    await expect(call('candidates:update', { id: 'gone', stage: 'Onsite' })).rejects.toThrow(/candidate no longer exists/);
  });

  it('files a session under a candidate (bringing their requisition), lists it with its status, and deletes it with what it owns', async () => {
    const { id: requisitionId } = await call('requisitions:create', { title: 'Solutions engineer' });
    const lee = await call('candidates:create', { name: 'Lee Park', requisitionId });
    const { sessionId } = await call('sessions:importTranscript', { path: fixtureVtt });
    await call('sessions:file', { id: sessionId, candidateId: lee.id, stage: 'Technical', title: 'Lee Park — Technical — 1 Dec 2026' });

    const rows = await call('interviews:list', { requisitionId });
    expect(rows).toEqual([
      expect.objectContaining({ id: sessionId, title: 'Lee Park — Technical — 1 Dec 2026', candidate: { id: lee.id, name: 'Lee Park' }, requisition: { id: requisitionId, title: 'Solutions engineer' }, stage: 'Technical', status: 'ready', rubric: null }),
    ]);
    expect(await call('interviews:list', { status: 'reviewed' })).toEqual([]);
    // Paged through the contract: the same rows with their speakers and counts; a page size out of range refused in words.
    const page = await call('interviews:page', { requisitionId, limit: 10 });
    expect(page).toEqual({ rows: [expect.objectContaining({ id: sessionId, status: 'ready', speakers: expect.any(Array) })], next: null });
    expect((await call('interviews:counts', { requisitionId })).statuses.ready).toBe(1);
    await expect(call('interviews:page', { limit: 0 })).rejects.toThrow('A page holds at least one interview.');
    await expect(call('interviews:page', { limit: 10_000 })).rejects.toThrow('A page holds at most 500 interviews.');
    await expect(call('sessions:file', { id: sessionId, title: '   ' })).rejects.toThrow(/title is empty/);

    // A track inside the data folder goes with the session; one the user keeps elsewhere stays.
    const owned = path.join(dir, 'recordings', 'owned.wav');
    const elsewhere = path.join(tempDir('debrief-elsewhere-'), 'kept.wav');
    fs.mkdirSync(path.dirname(owned), { recursive: true });
    fs.writeFileSync(owned, 'RIFF');
    fs.writeFileSync(elsewhere, 'RIFF');
    await db
      .insertInto('tracks')
      .values([
        { id: 't-owned', session_id: sessionId, position: 0, source: 'file', speaker_label: null, path: owned, sample_rate: 16000, channels: 1, duration_sec: 1 },
        { id: 't-kept', session_id: sessionId, position: 1, source: 'file', speaker_label: null, path: elsewhere, sample_rate: 16000, channels: 1, duration_sec: 1 },
      ])
      .execute();
    const contents = await call('sessions:contents', { id: sessionId });
    expect(contents.audioFiles).toEqual(['owned.wav']);
    expect(contents.segmentCount).toBeGreaterThan(10);

    expect(await call('sessions:delete', { id: sessionId })).toEqual({ id: sessionId, deletedFiles: ['owned.wav'] });
    expect(fs.existsSync(owned)).toBe(false);
    expect(fs.existsSync(elsewhere)).toBe(true);
    expect(await call('interviews:list', { requisitionId })).toEqual([]);
    // The candidate outlives the session.
    expect((await call('candidates:list', { requisitionId })).map((c) => c.name)).toEqual(['Lee Park']);
  });
});
