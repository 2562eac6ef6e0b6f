import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingsDir } from '../../src/core/app-paths.js';
import { decodeAudioFile } from '../../src/core/audio/decode-audio-file.js';
import { CaptureService } from '../../src/core/capture/capture-service.js';
import { importRecording } from '../../src/core/capture/import-recording.js';
import { readJournal } from '../../src/core/capture/recording-journal.js';
import { energySpeechDetector } from '../../src/core/transcribe/live-transcriber.js';
import { exportCandidate, getSession, openDatabase, recordingStore, type Database } from '../../src/db/index.js';
import { fileRangeResponse } from '../../src/main/media/file-range-response.js';
import { findTrackAudioPath } from '../../src/backend/media/track-audio-path.js';
import { scratchDir } from '../capture/support/scratch-dir.js';

const RATE = 16000;

/** Four seconds of a signal no encryption would leave readable: a ramp that never repeats within a chunk. */
function signal(frames: number): Int16Array {
  return Int16Array.from({ length: frames }, (_, i) => ((i * 7919) % 60000) - 30000);
}

/** Entry `name`'s bytes in a ustar archive. */
function tarEntry(archive: Buffer, name: string): Buffer | undefined {
  for (let at = 0; at + 512 <= archive.length; ) {
    const entryName = archive.toString('utf8', at, at + 100).replace(/\0.*$/s, '');
    if (entryName === '') return undefined;
    const size = parseInt(archive.toString('ascii', at + 124, at + 136).replace(/\0.*$/s, ''), 8);
    if (entryName === name) return archive.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

// A recording made through the capture service with encryption on, then read back the ways the app
// reads it: decoding (transcription), the player's ranges, and the subject-access export.
describe('a recording encrypted at rest', () => {
  let home: string;
  let db: Database;
  let sessionId: string;
  let trackId: string;
  let file: string;
  const key = randomBytes(32);
  const fed = signal(RATE * 4);

  beforeAll(async () => {
    home = scratchDir('debrief-enc-recording-');
    db = await openDatabase(path.join(home, 'debrief.sqlite'), { key });
    const capture = new CaptureService({
      recordingsDir: recordingsDir(home),
      store: recordingStore(db),
      encryptionKey: key,
      transcriber: async () => null,
      detectSpeech: energySpeechDetector(),
    });
    const started = await capture.start({
      title: 'Encrypted interview',
      kind: 'interview',
      consentText: 'This call is recorded.',
      consentAcknowledgedAt: new Date().toISOString(),
      tracks: [{ source: 'mic', speakerLabel: 'You', sampleRate: RATE }],
    });
    sessionId = started.sessionId;
    trackId = started.tracks[0]!.id;
    for (let at = 0; at < fed.length; at += 1600) {
      if (!capture.write(sessionId, trackId, fed.subarray(at, at + 1600))) await capture.whenDrained(sessionId);
    }
    await capture.stop(sessionId);
    file = (await findTrackAudioPath(db, trackId, home))!;
  });
  afterAll(() => db?.destroy());

  it('is stored as <track>.dbaudio, named the same by the journal and the store, with none of the audio in the clear', async () => {
    expect(path.basename(file)).toBe('0-mic.dbaudio');
    const journal = await readJournal(path.dirname(file));
    expect(journal.state).toBe('stopped');
    expect(journal.tracks.map((t) => t.file)).toEqual(['0-mic.dbaudio']);
    const session = await getSession(db, sessionId);
    expect(session?.tracks[0]?.durationSec).toBeCloseTo(4, 6);
    const bytes = fs.readFileSync(file);
    const plain = Buffer.from(fed.buffer, fed.byteOffset, fed.byteLength);
    for (const at of [0, plain.length / 2, plain.length - 64]) expect(bytes.includes(plain.subarray(at, at + 64))).toBe(false);
    expect(bytes.includes(Buffer.from('RIFF'))).toBe(false);
  });

  it('decodes, with the key, to exactly the samples recorded; without it, says why not', async () => {
    const decoded = await decodeAudioFile(file, { encryptionKey: key });
    expect(decoded).toMatchObject({ sampleRate: RATE, format: 'debrief-encrypted', durationSec: 4 });
    expect(decoded.truncated).toBeUndefined();
    const back = Int16Array.from(decoded.channels[0]!, (x) => Math.round(x * 32768));
    expect(Buffer.from(back.buffer).equals(Buffer.from(fed.buffer))).toBe(true);
    await expect(decodeAudioFile(file)).rejects.toMatchObject({ code: 'audio-encrypted', message: `${file} is encrypted at rest; only Debrief with this data folder's key can read it.` });
  });

  it('imports like any recording (decrypted, converted to 16 kHz); without the key, says why', async () => {
    const imported = await importRecording(file, { encryptionKey: key });
    expect(imported).toMatchObject({ format: 'debrief-encrypted', sampleRate: RATE, channels: 1 });
    expect(imported.durationSec).toBeCloseTo(4, 2);
    await expect(importRecording(file, {})).rejects.toMatchObject({ code: 'audio-encrypted' });
  });

  it('plays through the media response as a WAV of the same samples', async () => {
    const r = await fileRangeResponse(file, 'bytes=44-3243', { encryptionKey: key });
    expect(r.status).toBe(206);
    expect(Buffer.from(await r.arrayBuffer()).equals(Buffer.from(fed.buffer, 0, 3200))).toBe(true);
  });

  it('is exported to the candidate as a plain WAV; without the key the export stops and leaves no file', async () => {
    const now = new Date().toISOString();
    const candidateId = randomUUID();
    await db.insertInto('candidates').values({ id: candidateId, name: 'Perpetua Longshanks', email: null, requisition_id: null, created_at: now, updated_at: now }).execute();
    await db.updateTable('sessions').set({ candidate_id: candidateId }).where('id', '=', sessionId).execute();

    const refused = path.join(home, 'no-key.tar');
    await expect(exportCandidate(db, candidateId, { out: refused, actor: 'test' })).rejects.toMatchObject({ code: 'audio-encrypted' });
    expect(fs.existsSync(refused)).toBe(false);

    const out = path.join(home, 'export.tar');
    const exported = await exportCandidate(db, candidateId, { out, actor: 'test', encryptionKey: key });
    expect(exported.files.map((f) => f.archivePath)).toEqual([`audio/${sessionId}/${trackId}.wav`]);
    expect(exported.missingAudio).toEqual([]);
    const wav = tarEntry(fs.readFileSync(out), `audio/${sessionId}/${trackId}.wav`)!;
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(24)).toBe(RATE);
    expect(wav.subarray(44).equals(Buffer.from(fed.buffer))).toBe(true);
  });
});
