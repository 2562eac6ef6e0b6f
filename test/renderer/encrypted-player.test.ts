import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath, recordingsDir } from '../../src/core/app-paths.js';
import { ENCRYPTED_AUDIO_EXTENSION, ENCRYPTED_AUDIO_HEADER_BYTES, EncryptedAudioWriter } from '../../src/core/privacy/encrypted-audio.js';
import { createSessionWithTranscript, openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';
import { mediaRoute, testMediaUrl } from '../support/media-route.js';

const RATE = 16000;
const SECONDS = 6;

// A session whose recording is encrypted at rest, in real Chromium: the player gets the WAV it holds
// through the same range responses as the app's media protocol, and a record tampered with on disk
// is said to be damaged while the rest still plays.
describe.skipIf(!hasChromium)('playing a recording encrypted at rest', () => {
  let ws: AppWorkspace;
  let db: Database;
  let page: Page;
  let sessionId: string;
  const key = randomBytes(32);
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];
  const ranges: string[] = [];

  beforeAll(async () => {
    ws = await createAppWorkspace('encrypted-player');
    db = await openDatabase(databasePath(ws.home), { key });
    ws.onClose(() => db.destroy());
    const dir = path.join(recordingsDir(ws.home), 'tone');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `0-mic${ENCRYPTED_AUDIO_EXTENSION}`);
    const writer = await EncryptedAudioWriter.create(file, key, { sampleRate: RATE, channels: 1 });
    const second = Buffer.alloc(RATE * 2);
    for (let i = 0; i < RATE; i++) second.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / RATE) * 8000), i * 2);
    for (let s = 0; s < SECONDS; s++) await writer.append(second);
    await writer.close();
    // One byte of the fourth second's ciphertext changed on disk.
    const sealed = fs.readFileSync(file);
    sealed[ENCRYPTED_AUDIO_HEADER_BYTES + 3 * (4 + second.length + 16) + 4 + 99]! ^= 0x40;
    fs.writeFileSync(file, sealed);
    sessionId = await createSessionWithTranscript(db, {
      title: 'Encrypted tone',
      kind: 'interview',
      source: 'recording',
      durationSec: SECONDS,
      tracks: [{ source: 'mic', path: file, sampleRate: RATE, durationSec: SECONDS }],
      segments: [{ start: 0, end: 3, speaker: 'Priya Shah', text: 'First half of the tone.', words: [], trackIndex: 0 }],
    });
    const handlers = createIpcHandlers({ db, home: ws.home, mediaUrl: testMediaUrl, encryptionKey: key });
    ({ page } = await openAppPage(ws, { handlers, hash: `#/interviews/${sessionId}`, route: mediaRoute(db, ranges, key), pageErrors, handlerErrors }));
  });
  afterAll(() => ws?.close());

  it('says which part is damaged, and the player still loads the whole recording', async () => {
    await page.getByRole('heading', { level: 1, name: 'Encrypted tone' }).waitFor();
    const alert = page.locator('.player').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('This recording is damaged: 0:03–0:04 failed its integrity check and plays as silence. The rest plays as recorded.');
    const player = page.getByLabel('Interview audio');
    // Chromium parsed the decrypted WAV: its duration is the recording's.
    await expect.poll(() => player.evaluate((a: HTMLAudioElement) => a.duration), { timeout: 20_000 }).toBeCloseTo(SECONDS, 2);
    await player.evaluate((a: HTMLAudioElement) => {
      a.currentTime = 4.5;
    });
    await expect.poll(() => player.evaluate((a: HTMLAudioElement) => a.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(ranges.length).toBeGreaterThan(0);
  });

  it('had no page or handler errors', () => {
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});
