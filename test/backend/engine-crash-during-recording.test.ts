import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineProcessEngine } from '../../src/backend/engine-client.js';
import { CaptureService } from '../../src/core/capture/capture-service.js';
import type { WhisperEngine } from '../../src/core/transcribe/engine/whisper-engine.js';
import { energySpeechDetector } from '../../src/core/transcribe/live-transcriber.js';
import { Transcriber } from '../../src/core/transcribe/transcriber.js';
import { openDatabase, recordingStore, type Database } from '../../src/db/index.js';
import { scratchDir } from '../capture/support/scratch-dir.js';
import { readValidWav } from '../capture/support/wav-file-check.js';
import { readPcm16k, speechWav, tempDir } from '../support/speech.js';
import { weightlessModelPath } from '../support/test-models.js';

const RATE = 16000;

/** The engine process's transcriptions as they complete, with the pid that did each (observed, not replaced). */
function observed(engine: ReturnType<typeof engineProcessEngine>, done: number[]): WhisperEngine {
  return {
    kind: engine.kind,
    description: engine.description,
    detectSpeech: (pcm, vad) => engine.detectSpeech(pcm, vad),
    loadModel: async (modelPath, options) => {
      const model = await engine.loadModel(modelPath, options);
      return {
        path: model.path,
        info: model.info,
        benchEncode: (threads) => model.benchEncode(threads),
        release: () => model.release(),
        transcribe: async (pcm, opts) => {
          const result = await model.transcribe(pcm, opts);
          done.push(engine.processId() ?? -1);
          return result;
        },
      };
    },
  };
}

/** Waits for `condition`; only the test's own timeout bounds it (no clock assertion). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 50));
}

describe('the engine in its own process', () => {
  let db: Database | undefined;
  let engine: ReturnType<typeof engineProcessEngine> | undefined;
  afterAll(async () => {
    await engine?.close();
    await db?.destroy();
  });

  it('is killed mid-recording: the recording is intact to the sample and live transcription resumes in a new process', { timeout: 120_000 }, async () => {
    const home = scratchDir('debrief-engine-crash-');
    db = await openDatabase(path.join(home, 'debrief.sqlite'));
    const pids: number[] = [];
    const crashes: string[] = [];
    engine = engineProcessEngine({ onSpawn: (pid) => pids.push(pid), onCrash: (detail) => crashes.push(detail) });
    const done: number[] = [];
    const transcriber = new Transcriber({ engine: observed(engine, done), modelPath: weightlessModelPath(), threads: 1 });
    const liveErrors: unknown[] = [];
    const service = new CaptureService({
      recordingsDir: path.join(home, 'recordings'),
      store: recordingStore(db),
      transcriber: async () => transcriber,
      detectSpeech: energySpeechDetector(),
      onLiveError: (_sessionId, err) => liveErrors.push(err),
    });

    const utterance = readPcm16k(speechWav('Tell me about the last system you designed and why.', tempDir(), 'question'));
    const pause = new Float32Array(RATE * 1.5);
    const { sessionId, tracks } = await service.start({
      title: 'Engine crash',
      kind: 'interview',
      consentText: 'Recorded for a test.',
      consentAcknowledgedAt: new Date().toISOString(),
      tracks: [{ source: 'mic', speakerLabel: 'You', sampleRate: RATE }],
    });
    const fed: Int16Array[] = [];
    const say = async () => {
      for (const part of [utterance, pause]) {
        for (let i = 0; i < part.length; i += RATE / 10) {
          const block = Int16Array.from(part.subarray(i, i + RATE / 10), (s) => Math.round(Math.max(-1, Math.min(1, s)) * 32767));
          fed.push(block);
          if (!service.write(sessionId, tracks[0]!.id, block)) await service.whenDrained(sessionId);
          await new Promise((r) => setTimeout(r, 5));
        }
      }
    };

    await say();
    await until(() => done.length >= 1);
    const firstPid = engine.processId()!;
    process.kill(firstPid, 'SIGKILL');
    await until(() => crashes.length >= 1);

    // The recording goes on as if nothing happened, and so does transcription, in a new engine process.
    await say();
    await say();
    await until(() => done.some((pid) => pid !== firstPid));
    const status = await service.stop(sessionId);

    expect(status.state).toBe('stopped');
    expect(status.error).toBeNull();
    expect(pids.length).toBeGreaterThanOrEqual(2);
    expect(done.filter((pid) => pid !== firstPid).length).toBeGreaterThanOrEqual(1);
    for (const err of liveErrors) expect(String((err as { code?: string }).code ?? err)).toMatch(/engine-crashed/);

    const row = await db.selectFrom('tracks').selectAll().where('id', '=', tracks[0]!.id).executeTakeFirstOrThrow();
    const session = await db.selectFrom('sessions').select('status').where('id', '=', sessionId).executeTakeFirstOrThrow();
    expect(session.status).toBe('complete');
    const wav = readValidWav(row.path!);
    const expected = Int16Array.from(fed.flatMap((b) => Array.from(b)));
    expect(wav.frames).toBe(expected.length);
    expect(Buffer.from(wav.samples.buffer, wav.samples.byteOffset, wav.samples.byteLength).equals(Buffer.from(expected.buffer))).toBe(true);
  });
});
