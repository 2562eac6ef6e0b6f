import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionWithTranscript, openDatabase, type Database } from '../../db/index.js';
import { isFromOwnPage } from '../../main/media/media-request.js';
import { findTrackAudioPath } from './track-audio-path.js';

describe('findTrackAudioPath', () => {
  let scratch: string;
  let home: string;
  let db: Database;
  beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-media-'));
    home = path.join(scratch, 'home');
    fs.mkdirSync(path.join(home, 'recordings'), { recursive: true });
    db = await openDatabase(path.join(home, 'debrief.sqlite'));
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  async function trackAt(file: string, source: 'import' | 'audio-file'): Promise<string> {
    fs.writeFileSync(file, 'RIFF');
    const sessionId = await createSessionWithTranscript(db, {
      title: path.basename(file),
      kind: 'interview',
      source,
      durationSec: 1,
      tracks: [{ source: 'file', speakerLabel: null, path: file, sampleRate: 16000, durationSec: 1 }],
      segments: [],
    });
    const row = await db.selectFrom('tracks').select('id').where('session_id', '=', sessionId).executeTakeFirstOrThrow();
    return row.id;
  }

  it('serves a file inside the data folder, and a file the user picked for an audio import wherever it lies', async () => {
    const inside = await trackAt(path.join(home, 'recordings', 'a.wav'), 'import');
    expect(await findTrackAudioPath(db, inside, home)).toBe(path.join(home, 'recordings', 'a.wav'));
    const linked = await trackAt(path.join(scratch, 'picked.wav'), 'audio-file');
    expect(await findTrackAudioPath(db, linked, home)).toBe(path.join(scratch, 'picked.wav'));
  });

  it('refuses a track whose stored path points outside the data folder (a tampered row), and unknown tracks', async () => {
    const outside = await trackAt(path.join(scratch, 'elsewhere.wav'), 'import');
    expect(await findTrackAudioPath(db, outside, home)).toBeUndefined();
    const sneaky = await trackAt(path.join(home, '..', 'home-sibling.wav'), 'import');
    expect(await findTrackAudioPath(db, sneaky, home)).toBeUndefined();
    expect(await findTrackAudioPath(db, 'no-such-track', home)).toBeUndefined();
  });
});

describe('isFromOwnPage', () => {
  const isOwnPage = (url: string) => url.startsWith('app://debrief/');
  const request = (headers: Record<string, string>) => new Request('https://media.invalid/track/1', { headers });

  it('accepts requests whose referrer or origin is our page', () => {
    expect(isFromOwnPage(request({ referer: 'app://debrief/index.html#/interviews/1' }), isOwnPage)).toBe(true);
    expect(isFromOwnPage(request({ origin: 'app://debrief' }), isOwnPage)).toBe(true);
  });

  it('refuses requests from another page, or from nowhere', () => {
    expect(isFromOwnPage(request({ referer: 'https://evil.example/' }), isOwnPage)).toBe(false);
    expect(isFromOwnPage(request({ origin: 'https://evil.example', referer: 'app://debrief/index.html' }), isOwnPage)).toBe(false);
    expect(isFromOwnPage(request({}), isOwnPage)).toBe(false);
  });
});
