// The full pipeline (decode, resample, VAD, transcribe, store) vs the bare engine call on the same
// audio, with the same loaded model, VAD and threads. The gap is Debrief's own overhead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeAudioFile } from '../src/core/audio/decode-audio-file.js';
import { toMono16k } from '../src/core/audio/resample.js';
import { loadEngine } from '../src/core/transcribe/engine/load-engine.js';
import { transcribeAudioFile } from '../src/core/transcribe/transcribe-audio-file.js';
import { Transcriber } from '../src/core/transcribe/transcriber.js';
import { createSessionWithTranscript, openDatabase } from '../src/db/index.js';
import { randomWeightModelPath, sileroVadModelPath } from '../test/support/test-models.js';
import { interviewWav } from './support/interview-audio.js';
import { median, printMetric, timeOnce } from './support/metrics.js';

const THREADS = 2;
const RUNS = 3;
const AUDIO_SEC = 120;

export async function run(): Promise<void> {
  const audioPath = await interviewWav(AUDIO_SEC);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-bench-'));
  const db = await openDatabase(path.join(home, 'bench.sqlite'));
  const vadModelPath = sileroVadModelPath();
  const transcriber = new Transcriber({ engine: loadEngine('native'), modelPath: randomWeightModelPath(), vadModelPath, threads: THREADS });
  const model = await transcriber.loadedModel();
  const pcm = await toMono16k(await decodeAudioFile(audioPath));

  const bare = () => model.transcribe(pcm, { threads: THREADS, language: 'en', wordTimestamps: true, vad: { modelPath: vadModelPath } });
  const pipeline = async () => {
    const { transcript, audio } = await transcribeAudioFile(audioPath, { transcriber });
    return createSessionWithTranscript(db, {
      title: 'bench',
      kind: 'interview',
      source: 'audio-file',
      durationSec: audio.durationSec,
      tracks: [{ source: 'file', path: audioPath, sampleRate: audio.sampleRate, channels: audio.channels, durationSec: audio.durationSec }],
      segments: transcript.segments,
    });
  };
  await bare(); // warm caches once, like every later run
  const bareSec: number[] = [];
  const pipelineSec: number[] = [];
  // Alternate so load from other processes hits both alike.
  for (let i = 0; i < RUNS; i++) {
    bareSec.push((await timeOnce(bare)).seconds);
    pipelineSec.push((await timeOnce(pipeline)).seconds);
  }
  await transcriber.dispose();
  await db.destroy();
  fs.rmSync(home, { recursive: true, force: true });
  printMetric('pipeline-audio-sec', AUDIO_SEC);
  printMetric('bare-engine-sec', median(bareSec));
  printMetric('pipeline-sec', median(pipelineSec));
  printMetric('pipeline-vs-bare-engine-ratio', median(pipelineSec) / median(bareSec), 3);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
