import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath, recordingsDir } from '../../src/core/app-paths.js';
import { decodeAudioFile } from '../../src/core/audio/decode-audio-file.js';
import { pcm16WavHeader } from '../../src/core/capture/wav-header.js';
import { createSessionWithTranscript, encryptRecordingsInPlace, openDatabase, type Database } from '../../src/db/index.js';
import { scratchDir } from '../capture/support/scratch-dir.js';
import { findBytes } from './support/seed-candidate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const RATE = 16000;

let db: Database | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

/** A recorded session with one plain WAV track of `seconds` of random PCM, as recorded before encryption was on. */
async function seedWavSession(database: Database, home: string, seconds: number): Promise<{ sessionId: string; trackId: string; wav: string; pcm: Buffer }> {
  const pcm = randomBytes(RATE * 2 * seconds);
  const dir = path.join(recordingsDir(home), `rec-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true });
  const wav = path.join(dir, '0-mic.wav');
  fs.writeFileSync(wav, Buffer.concat([pcm16WavHeader({ sampleRate: RATE, channels: 1 }, pcm.length), pcm]));
  const sessionId = await createSessionWithTranscript(database, {
    title: 'Before encryption',
    kind: 'interview',
    source: 'recording',
    durationSec: seconds,
    tracks: [{ source: 'mic', path: wav, sampleRate: RATE, durationSec: seconds }],
    segments: [],
  });
  const track = await database.selectFrom('tracks').select('id').where('session_id', '=', sessionId).executeTakeFirstOrThrow();
  return { sessionId, trackId: track.id, wav, pcm };
}

async function pathOf(database: Database, trackId: string): Promise<string> {
  return (await database.selectFrom('tracks').select('path').where('id', '=', trackId).executeTakeFirstOrThrow()).path!;
}

/** The samples the store's file for the track holds, as PCM16 bytes. */
async function storedPcm(file: string, key: Buffer): Promise<Buffer> {
  const decoded = await decodeAudioFile(file, { encryptionKey: key });
  return Buffer.from(Int16Array.from(decoded.channels[0]!, (x) => Math.round(x * 32768)).buffer);
}

const windows = (pcm: Buffer) => [0, pcm.length / 2, pcm.length - 64].map((at, i) => ({ label: `pcm@${i}`, bytes: pcm.subarray(at, at + 64) }));

describe('encrypting recordings made before encryption was on', () => {
  it('replaces each WAV by encrypted audio of the same samples, leaves no PCM in the clear, and a second run does nothing', async () => {
    const home = scratchDir('debrief-encrypt-recs-');
    const key = randomBytes(32);
    db = await openDatabase(databasePath(home), { key });
    const a = await seedWavSession(db, home, 3);
    const b = await seedWavSession(db, home, 12);

    const report = await encryptRecordingsInPlace(db, home, key);
    expect(report).toEqual({ encrypted: 2, tidied: 0, skipped: [] });
    for (const s of [a, b]) {
      const file = await pathOf(db, s.trackId);
      expect(file).toBe(s.wav.replace(/\.wav$/, '.dbaudio'));
      expect(fs.existsSync(s.wav)).toBe(false);
      expect((await storedPcm(file, key)).equals(s.pcm)).toBe(true);
    }
    expect(findBytes(home, [...windows(a.pcm), ...windows(b.pcm)])).toEqual([]);
    expect(await encryptRecordingsInPlace(db, home, key)).toEqual({ encrypted: 0, tidied: 0, skipped: [] });
  });

  it('leaves a WAV it cannot read as PCM16 untouched, says why, and skips a session being recorded', async () => {
    const home = scratchDir('debrief-encrypt-recs-');
    const key = randomBytes(32);
    db = await openDatabase(databasePath(home), { key });
    const odd = await seedWavSession(db, home, 1);
    const header = Buffer.from(fs.readFileSync(odd.wav));
    header.writeUInt16LE(3, 20); // IEEE float, not PCM16
    fs.writeFileSync(odd.wav, header);
    const live = await seedWavSession(db, home, 1);

    const report = await encryptRecordingsInPlace(db, home, key, { isRecording: (id) => id === live.sessionId });
    expect(report.encrypted).toBe(0);
    expect(report.skipped).toEqual([{ trackId: odd.trackId, reason: expect.stringMatching(/0-mic\.wav: 16-bit float WAV is not supported/) }]);
    expect(fs.readFileSync(odd.wav).equals(header)).toBe(true);
    expect(await pathOf(db, odd.trackId)).toBe(odd.wav);
    expect(await pathOf(db, live.trackId)).toBe(live.wav);
    expect(fs.existsSync(live.wav)).toBe(true);
  });

  // Killed with SIGKILL after each step of each track (copied, renamed, switched, unlinked): the store
  // always points at a whole file holding the audio, and the next run finishes the job.
  for (const killAt of [1, 2, 3, 4, 6]) {
    it(`survives a SIGKILL after step ${killAt}`, async () => {
      const home = scratchDir('debrief-encrypt-kill-');
      const key = randomBytes(32);
      db = await openDatabase(databasePath(home), { key });
      const seeded = [await seedWavSession(db, home, 20), await seedWavSession(db, home, 5)];
      await db.destroy();
      db = undefined;

      const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures', 'encrypt-recordings-child.ts'), home, databasePath(home), key.toString('hex'), String(killAt)], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('close', (_c, sig) => resolve(sig)));
      expect(signal, stderr).toBe('SIGKILL');
      expect(stdout.trim().split('\n').length).toBe(killAt);

      db = await openDatabase(databasePath(home), { key });
      for (const s of seeded) {
        const file = await pathOf(db, s.trackId);
        expect(fs.existsSync(file), `${file} is where the store points`).toBe(true);
        expect((await storedPcm(file, key)).equals(s.pcm)).toBe(true);
      }
      const report = await encryptRecordingsInPlace(db, home, key);
      expect(report.skipped).toEqual([]);
      for (const s of seeded) {
        const file = await pathOf(db, s.trackId);
        expect(file.endsWith('.dbaudio')).toBe(true);
        expect(fs.existsSync(s.wav)).toBe(false);
        expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['0-mic.dbaudio']);
        expect((await storedPcm(file, key)).equals(s.pcm)).toBe(true);
      }
      expect(findBytes(home, seeded.flatMap((s) => windows(s.pcm)))).toEqual([]);
    });
  }
});
