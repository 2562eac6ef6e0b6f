// Engine encode speed: Debrief's addon vs a plain C++ program over the same whisper.cpp build
// (native/build/whisper-reference), both loading the model with whisper.cpp's context defaults,
// and vs the prebuilt @fugood/whisper.node binary. Also what a fresh whisper state per job costs.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNativeBinding, loadNativeEngine } from '../src/core/transcribe/engine/native-engine.js';
import { loadPrebuiltEngine } from '../src/core/transcribe/engine/prebuilt-engine.js';
import { readPcm16k } from '../test/support/speech.js';
import { randomWeightModelPath } from '../test/support/test-models.js';
import { interviewWav } from './support/interview-audio.js';
import { median, printMetric } from './support/metrics.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const THREADS = 2;
const RUNS = 7;

function referenceEncode(model: string, runs: number): { ms: number[]; options: string } {
  const exe = path.join(root, 'native', 'build', 'whisper-reference');
  const r = spawnSync(exe, ['encode', model, String(THREADS), String(runs + 1)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`whisper-reference failed: ${r.stderr || r.error}`);
  const options = `flash-attention=${/flash-attention (\d)/.exec(r.stdout)?.[1]} use-gpu=${/use-gpu (\d)/.exec(r.stdout)?.[1]}`;
  return { ms: [...r.stdout.matchAll(/encode-ms ([\d.]+)/g)].map((m) => Number(m[1])).slice(1), options }; // first run warms caches
}

export async function run(): Promise<void> {
  const modelPath = randomWeightModelPath();
  const engine = loadNativeEngine();
  const model = await engine.loadModel(modelPath); // whisper.cpp's context defaults, as the reference uses
  await model.benchEncode(THREADS); // warm-up, as for the reference
  // Interleave the two so background load on the machine hits both alike.
  const ours: number[] = [];
  const reference: number[] = [];
  let referenceOptions = '';
  for (let i = 0; i < RUNS; i++) {
    ours.push(await model.benchEncode(THREADS));
    const r = referenceEncode(modelPath, 1);
    reference.push(...r.ms);
    referenceOptions = r.options;
  }
  await model.release();
  // The fastest run is each side's cost with the least interference from other processes (noise
  // only ever adds time); the medians are printed too, so a noisy run shows itself.
  const oursMs = Math.min(...ours);
  const refMs = Math.min(...reference);
  printMetric('engine-threads', THREADS);
  printMetric('engine-options', `flash-attention=${Number(model.info.flashAttention)} use-gpu=${Number(model.info.useGpu)}`);
  printMetric('native-reference-options', referenceOptions);
  printMetric('engine-encode-ms', oursMs);
  printMetric('native-reference-encode-ms', refMs);
  printMetric('engine-vs-native-encode-ratio', oursMs / refMs);
  printMetric('engine-vs-native-encode-ratio-median', median(ours) / median(reference));

  // A fresh whisper state per job keeps transcripts independent of the jobs before them (see
  // addon.cpp); this is its price next to the job it serves, on 30 s of speech.
  const raw = await loadNativeBinding().loadModel(modelPath, {});
  const speech = readPcm16k(await interviewWav(30));
  const jobs = [];
  for (let i = 0; i < 3; i++) jobs.push(await raw.transcribe(speech, { threads: THREADS, language: 'en' }));
  raw.release();
  printMetric('engine-state-init-ms', Math.min(...jobs.map((j) => j.stateInitMs)));
  printMetric('engine-transcribe-30s-ms', Math.min(...jobs.map((j) => j.elapsedMs)), 0);

  if (process.env.DEBRIEF_BENCH_SKIP_PREBUILT !== '1') {
    const prebuilt = await loadPrebuiltEngine().loadModel(modelPath, { useGpu: false });
    const prebuiltMs = await prebuilt.benchEncode(THREADS);
    await prebuilt.release();
    printMetric('prebuilt-options', 'flash-attention=0 use-gpu=0 (what @fugood/whisper.node initialises with here)');
    printMetric('prebuilt-encode-ms', prebuiltMs);
    printMetric('prebuilt-vs-native-encode-ratio', prebuiltMs / refMs);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
