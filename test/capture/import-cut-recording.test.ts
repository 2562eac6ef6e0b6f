import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudioFile } from '../../src/core/audio/decode-audio-file.js';
import { CaptureService } from '../../src/core/capture/capture-service.js';
import { loadEngine } from '../../src/core/transcribe/engine/load-engine.js';
import { Transcriber } from '../../src/core/transcribe/transcriber.js';
import { getSession, openDatabase, recordingStore, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { channelCaller } from '../support/call-channel.js';
import { speechWav, tempDir } from '../support/speech.js';
import { sileroVadModelPath, weightlessModelPath } from '../support/test-models.js';

// The app's "Import recording" streams the file through ffmpeg, which decodes a cut webm/m4a/mp3
// without complaint: the import must still say the file ended early, like `debrief transcribe` does.
// Real engine, real Silero VAD, real store, through the contract's channel.
describe("the app's recording import on a file cut short", () => {
  let dir: string;
  let db: Database;
  let transcriber: Transcriber;
  let handlers: IpcHandlers;
  let voice: string;
  const unexpected: unknown[] = [];
  const call = channelCaller(() => handlers, unexpected);
  const engine = loadEngine('native');

  beforeAll(async () => {
    dir = tempDir('debrief-cut-import-');
    db = await openDatabase(path.join(dir, 'debrief.sqlite'));
    transcriber = new Transcriber({ engine, modelPath: weightlessModelPath(), vadModelPath: sileroVadModelPath(), threads: 2 });
    const service = new CaptureService({
      recordingsDir: path.join(dir, 'recordings'),
      store: recordingStore(db),
      transcriber: async () => transcriber,
      detectSpeech: (pcm) => engine.detectSpeech(pcm, { modelPath: sileroVadModelPath() }),
    });
    handlers = createIpcHandlers({ db, home: dir, capture: { service, transcriber: async () => transcriber, recoveryNotices: async () => [] } });
    const sentence = 'I led the migration of our billing system and we shipped it without downtime.';
    voice = speechWav(`${sentence} ${sentence}`, dir, 'voice', { padSec: 1 });
  });

  afterAll(async () => {
    await transcriber?.dispose();
    await db?.destroy();
    expect(unexpected).toEqual([]);
  });

  it.each([
    ['webm', ['-c:a', 'libopus', '-b:a', '48k']],
    ['mp3', ['-c:a', 'libmp3lame', '-b:a', '64k']],
    ['m4a', ['-c:a', 'aac', '-b:a', '64k', '-movflags', '+faststart']],
  ])('a %s cut short is imported as far as it goes, with the "ended early" note; the whole file has none', async (ext, codec) => {
    const whole = path.join(dir, `whole.${ext}`);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', voice, ...codec, whole]);
    const bytes = fs.readFileSync(whole);
    const cut = path.join(dir, `cut.${ext}`);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));

    const imported = await call('capture:importAudio', { path: cut, title: `Cut ${ext}` });
    expect(imported.notes).toHaveLength(1);
    expect(imported.notes[0]).toMatch(new RegExp(`^cut\\.${ext} ended early \\(.+\\); transcribed the \\d+\\.\\d s that are there\\.$`));
    const session = (await getSession(db, imported.sessionId))!;
    expect(session.title).toBe(`Cut ${ext}`);
    const full = (await decodeAudioFile(whole)).durationSec;
    expect(session.durationSec!).toBeGreaterThan(full * 0.3);
    expect(session.durationSec!).toBeLessThan(full * 0.9);
    // The note's seconds are the stored session's.
    expect(imported.notes[0]).toContain(`transcribed the ${session.durationSec!.toFixed(1)} s`);

    const complete = await call('capture:importAudio', { path: whole });
    expect(complete.notes).toEqual([]);
  });
});
