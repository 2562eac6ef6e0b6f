// Engine encode speed: Debrief's addon vs a plain C++ program over the same whisper.cpp build
// (native/build/whisper-reference), and vs the prebuilt @fugood/whisper.node binary.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNativeEngine } from '../src/core/transcribe/engine/native-engine.js';
import { loadPrebuiltEngine } from '../src/core/transcribe/engine/prebuilt-engine.js';
import { randomWeightModelPath } from '../test/support/test-models.js';
import { median, printMetric } from './support/metrics.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const THREADS = 2;
const RUNS = 7;

function referenceEncodeMs(model: string, runs: number): number[] {
  const exe = path.join(root, 'native', 'build', 'whisper-reference');
  const r = spawnSync(exe, ['encode', model, String(THREADS), String(runs + 1)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`whisper-reference failed: ${r.stderr || r.error}`);
  return [...r.stdout.matchAll(/encode-ms ([\d.]+)/g)].map((m) => Number(m[1])).slice(1); // first run warms caches
}

export async function run(): Promise<void> {
  const modelPath = randomWeightModelPath();
  const engine = loadNativeEngine();
  const model = await engine.loadModel(modelPath, { useGpu: false });
  await model.benchEncode(THREADS); // warm-up, as for the reference
  // Interleave the two so background load on the machine hits both alike.
  const ours: number[] = [];
  const reference: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(await model.benchEncode(THREADS));
    reference.push(...referenceEncodeMs(modelPath, 1));
  }
  await model.release();
  // The fastest run is each side's cost with the least interference from other processes (noise
  // only ever adds time); the medians are printed too, so a noisy run shows itself.
  const oursMs = Math.min(...ours);
  const refMs = Math.min(...reference);
  printMetric('engine-threads', THREADS);
  printMetric('engine-encode-ms', oursMs);
  printMetric('native-reference-encode-ms', refMs);
  printMetric('engine-vs-native-encode-ratio', oursMs / refMs);
  printMetric('engine-vs-native-encode-ratio-median', median(ours) / median(reference));

  if (process.env.DEBRIEF_BENCH_SKIP_PREBUILT !== '1') {
    const prebuilt = await loadPrebuiltEngine().loadModel(modelPath, { useGpu: false });
    const prebuiltMs = await prebuilt.benchEncode(THREADS);
    await prebuilt.release();
    printMetric('prebuilt-encode-ms', prebuiltMs);
    printMetric('prebuilt-vs-native-encode-ratio', prebuiltMs / refMs);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
