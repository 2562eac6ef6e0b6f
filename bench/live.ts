// Live transcription during a call, through the app's own capture path (CaptureService: crash-safe
// writer, VAD cuts, the loaded Transcriber, the SQLite store):
// - live lag: from the end of a spoken chunk (the moment its last sample was recorded) to its segments
//   being stored, with a minute of a scripted interview fed in real time (goal ≤ 3 s);
// - stop-to-final: a 45-minute interview fed as fast as the transcriber keeps up (what a live call
//   looks like when the machine keeps up), then Stop → the final transcript stored (goal ≤ 10 s).
// Tiny-model compute on 2 threads. The weightless tiny.en runs the full encoder and a real decoder
// pass but writes no words, which is close to a real tiny model on speech (a few tokens per second);
// the random-weight model's decoder writes garbage until its token limit, with temperature fallbacks,
// so its lag is printed as a pessimistic bound.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readWavHeader } from '../src/core/audio/wav.js';
import { CaptureService } from '../src/core/capture/capture-service.js';
import { loadEngine } from '../src/core/transcribe/engine/load-engine.js';
import { Transcriber } from '../src/core/transcribe/transcriber.js';
import { openDatabase, recordingStore } from '../src/db/index.js';
import { randomWeightModelPath, sileroVadModelPath, weightlessModelPath } from '../test/support/test-models.js';
import { interviewWav } from './support/interview-audio.js';
import { median, printMetric } from './support/metrics.js';

const RATE = 16_000;
const CHUNK = RATE / 10; // the recorder sends 100 ms at a time
const THREADS = 2;

async function interviewPcm(seconds: number): Promise<Int16Array> {
  const file = await interviewWav(seconds);
  const bytes = fs.readFileSync(file);
  const header = readWavHeader(bytes, file);
  const data = bytes.subarray(header.dataOffset, header.dataOffset + header.dataBytes);
  return new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

async function withCapture<T>(
  modelPath: string,
  onChunkStored: (chunk: { startSec: number; endSec: number }) => void,
  body: (service: CaptureService, sessionId: string, trackId: string) => Promise<T>,
): Promise<T> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-bench-live-'));
  const db = await openDatabase(path.join(home, 'bench.sqlite'));
  const engine = loadEngine('native');
  const vadModelPath = sileroVadModelPath();
  const transcriber = new Transcriber({ engine, modelPath, vadModelPath, threads: THREADS });
  await transcriber.loadedModel();
  const service = new CaptureService({
    recordingsDir: path.join(home, 'recordings'),
    store: recordingStore(db),
    transcriber: async () => transcriber,
    detectSpeech: (pcm) => engine.detectSpeech(pcm, { modelPath: vadModelPath }),
    onChunkStored: (_session, _track, chunk) => onChunkStored(chunk),
  });
  try {
    const { sessionId, tracks } = await service.start({
      title: 'bench',
      kind: 'interview',
      consentText: 'Recorded for a benchmark.',
      consentAcknowledgedAt: new Date().toISOString(),
      tracks: [{ source: 'mic', speakerLabel: 'You', sampleRate: RATE }],
    });
    return await body(service, sessionId, tracks[0]!.id);
  } finally {
    await service.stopAll();
    await transcriber.dispose();
    await db.destroy();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** Feeds `seconds` of the interview in real time; returns each chunk's lag, seconds. */
async function liveLags(modelPath: string, pcm: Int16Array): Promise<number[]> {
  const lags: number[] = [];
  let t0 = 0;
  await withCapture(
    modelPath,
    (chunk) => lags.push((performance.now() - t0) / 1000 - chunk.endSec),
    async (service, sessionId, trackId) => {
      t0 = performance.now();
      for (let at = 0; at < pcm.length; at += CHUNK) {
        // Wait until this chunk's audio "has been spoken".
        const due = t0 + ((at + CHUNK) / RATE) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        service.write(sessionId, trackId, pcm.subarray(at, at + CHUNK));
      }
      // Chunks still queued at the end are the stop-to-final case, not live lag.
      const cutoff = lags.length;
      await service.stop(sessionId);
      lags.length = cutoff;
    },
  );
  return lags;
}

async function stopToFinal(modelPath: string, pcm: Int16Array): Promise<{ stopSec: number; fedSec: number; chunks: number }> {
  let chunks = 0;
  return withCapture(
    modelPath,
    () => chunks++,
    async (service, sessionId, trackId) => {
      const started = performance.now();
      for (let at = 0; at < pcm.length; at += CHUNK) {
        if (!service.write(sessionId, trackId, pcm.subarray(at, at + CHUNK))) await service.whenDrained(sessionId);
        // Keep the backlog to what a live call that keeps up would have (a couple of seconds).
        while (service.status(sessionId).backlogSec > 2) await new Promise((r) => setTimeout(r, 5));
        if (at % (RATE * 10) === 0) await new Promise((r) => setImmediate(r));
      }
      const fedSec = (performance.now() - started) / 1000;
      const stopStarted = performance.now();
      await service.stop(sessionId);
      return { stopSec: (performance.now() - stopStarted) / 1000, fedSec, chunks };
    },
  );
}

export async function run(): Promise<void> {
  const minute = await interviewPcm(60);
  const lags = await liveLags(weightlessModelPath(), minute);
  printMetric('live-lag-chunks', lags.length);
  printMetric('live-lag-sec', median(lags), 2);
  printMetric('live-lag-max-sec', Math.max(...lags), 2);
  printMetric('live-lag-goal-sec', 3);

  const randomLags = await liveLags(randomWeightModelPath(), minute);
  printMetric('live-lag-random-weights-sec', median(randomLags), 2);
  printMetric('live-lag-random-weights-max-sec', Math.max(...randomLags), 2);

  const session = await interviewPcm(45 * 60);
  const final = await stopToFinal(weightlessModelPath(), session);
  printMetric('stop-to-final-session-min', 45);
  printMetric('stop-to-final-chunks', final.chunks);
  printMetric('stop-to-final-feed-sec', final.fedSec, 1);
  printMetric('stop-to-final-sec', final.stopSec, 2);
  printMetric('stop-to-final-goal-sec', 10);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
