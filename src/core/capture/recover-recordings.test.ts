import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors.js';
import { readJournal, writeJournal, type RecordingJournal } from './recording-journal.js';
import { findUnfinishedRecordings, recoverRecording } from './recover-recordings.js';
import { pcm16WavHeader } from './wav-header.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'debrief-recover-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function journal(session: string, state: RecordingJournal['state'], startedAt = '2025-03-01T10:00:00.000Z'): RecordingJournal {
  return {
    version: 1,
    session_id: session,
    started_at: startedAt,
    updated_at: startedAt,
    state,
    tracks: [
      { id: 'mic', source: 'mic', file: 'mic.wav', sample_rate: 16000, channels: 1 },
      { id: 'system', source: 'system', file: 'system.wav', sample_rate: 16000, channels: 1 },
    ],
  };
}

async function recording(name: string, state: RecordingJournal['state'], micBytes: number | null, systemBytes: number | null, startedAt?: string) {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  await writeJournal(dir, journal(name, state, startedAt));
  const fmt = { sampleRate: 16000, channels: 1 };
  if (micBytes !== null) writeFileSync(path.join(dir, 'mic.wav'), Buffer.concat([pcm16WavHeader(fmt, 0), Buffer.alloc(micBytes, 1)]));
  if (systemBytes !== null) writeFileSync(path.join(dir, 'system.wav'), Buffer.concat([pcm16WavHeader(fmt, 0), Buffer.alloc(systemBytes, 2)]));
  return dir;
}

describe('findUnfinishedRecordings', () => {
  it('lists recordings not stopped, oldest first, and reports unreadable journals', async () => {
    const later = await recording('b', 'recording', 10, 10, '2025-03-02T10:00:00.000Z');
    const earlier = await recording('a', 'paused', 10, 10, '2025-03-01T10:00:00.000Z');
    await recording('c', 'stopped', 10, 10);
    mkdirSync(path.join(root, 'not-a-recording'));
    writeFileSync(path.join(root, 'stray.txt'), 'x');
    const broken = path.join(root, 'd');
    mkdirSync(broken);
    writeFileSync(path.join(broken, 'recording.json'), '{"version": 1, "state": "recording"');

    const found = await findUnfinishedRecordings(root);
    expect(found.filter((f) => !f.journalError).map((f) => [f.dir, f.state])).toEqual([
      [earlier, 'paused'],
      [later, 'recording'],
    ]);
    const bad = found.find((f) => f.journalError)!;
    expect(bad.dir).toBe(broken);
    expect(bad.journalError).toMatch(/recording\.json: not valid JSON/);
  });

  it('returns nothing for a recordings folder that does not exist yet', async () => {
    expect(await findUnfinishedRecordings(path.join(root, 'missing'))).toEqual([]);
  });
});

describe('recoverRecording', () => {
  it('repairs each track, marks the journal stopped, and words a notice', async () => {
    const dir = await recording('s', 'recording', 16000 * 2 * 65 + 1, 16000 * 2 * 64, undefined);
    const r = await recoverRecording(dir);
    expect(r).toMatchObject({ recovered: true, previousState: 'recording', sessionId: 's', durationSec: 65 });
    expect(r.tracks.map((t) => [t.id, t.frames, t.truncatedBytes, t.repaired, t.missing])).toEqual([
      ['mic', 16000 * 65, 1, true, false],
      ['system', 16000 * 64, 0, true, false],
    ]);
    expect(r.notice).toBe('Recovered an interrupted recording started 2025-03-01T10:00:00.000Z: 1m 5s of audio (You 1m 5s, Them 1m 4s).');
    const j = await readJournal(dir);
    expect(j.state).toBe('stopped');
    expect(j.recovered_at).toBeDefined();
    expect(j.tracks.map((t) => t.frames)).toEqual([16000 * 65, 16000 * 64]);
    expect(readFileSync(path.join(dir, 'mic.wav')).readUInt32LE(40)).toBe(16000 * 2 * 65);
  });

  it('reports a track file that was never created instead of failing', async () => {
    const dir = await recording('m', 'recording', 3200, null);
    const r = await recoverRecording(dir);
    expect(r.tracks.map((t) => [t.id, t.missing, t.frames])).toEqual([
      ['mic', false, 1600],
      ['system', true, 0],
    ]);
    expect(r.notice).toContain('Them missing');
  });

  it('rejects a journal that points outside its folder, naming the field', async () => {
    const dir = path.join(root, 'evil');
    mkdirSync(dir);
    const j = journal('evil', 'recording');
    writeFileSync(path.join(dir, 'recording.json'), JSON.stringify({ ...j, tracks: [{ ...j.tracks[0], file: '../../etc/passwd' }] }));
    const err = await recoverRecording(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).message).toMatch(/recording\.json: tracks\[0\]\.file: must be a file name/);
  });
});
