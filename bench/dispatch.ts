// The engine built for distribution (every ggml-cpu variant, the best loaded at start) against the
// one built for this CPU (GGML_NATIVE), and a forced older variant: one 30-s encode each, every
// side in its own process, interleaved. Needs `node scripts/build-engine.mjs --dispatch` first.
import fs from 'node:fs';
import { nativeAddonPath } from '../src/core/transcribe/engine/native-engine.js';
import { dispatchedAddonPath, encodeInChildArgs, engineChildEnv, parseEncodeChild, type EncodeChildResult } from '../test/support/engine-child.js';
import { randomWeightModelPath } from '../test/support/test-models.js';
import { runCommand } from './support/run-command.js';
import { printMetric } from './support/metrics.js';

const THREADS = 2;
const ROUNDS = 3;
// On a loaded machine wall time is noise. One thread's CPU time per encode is the work itself (no
// spinning workers, no waiting for a core); callgrind cannot stand in here: valgrind has no AVX-512,
// which the GGML_NATIVE build uses on such CPUs, and a VM often exposes no instruction counters to perf.
const CPU_THREADS = 1;
const CPU_ROUNDS = 3;
const OLDER_VARIANT = 'haswell'; // AVX2 without AVX-512: the CPU of many laptops still in use

async function encode(model: string, addon: string, variant?: string, threads = THREADS): Promise<EncodeChildResult> {
  const { stdout } = await runCommand(process.execPath, encodeInChildArgs(model, threads, 2), { env: engineChildEnv(addon, variant) });
  return parseEncodeChild(stdout);
}

export async function run(): Promise<void> {
  if (!fs.existsSync(dispatchedAddonPath())) {
    printMetric('dispatch-skipped', 'no dispatched build: run node scripts/build-engine.mjs --dispatch (compiles ggml-cpu once per CPU variant)');
    return;
  }
  const model = randomWeightModelPath();
  const native: number[] = [];
  const dispatched: number[] = [];
  const older: number[] = [];
  let loaded = '';
  for (let i = 0; i < ROUNDS; i++) {
    native.push(...(await encode(model, nativeAddonPath())).encodeMs);
    const d = await encode(model, dispatchedAddonPath());
    loaded = d.cpuVariant;
    dispatched.push(...d.encodeMs);
    if (i === 0) older.push(...(await encode(model, dispatchedAddonPath(), OLDER_VARIANT)).encodeMs);
  }
  const nativeCpu: number[] = [];
  const dispatchedCpu: number[] = [];
  for (let i = 0; i < CPU_ROUNDS; i++) {
    nativeCpu.push(...(await encode(model, nativeAddonPath(), undefined, CPU_THREADS)).encodeCpuMs);
    dispatchedCpu.push(...(await encode(model, dispatchedAddonPath(), undefined, CPU_THREADS)).encodeCpuMs);
  }
  printMetric('dispatch-threads', THREADS);
  printMetric('dispatch-options', 'both: whisper.cpp context defaults (flash attention on), CPU only, fastest encode of one 30-s window');
  printMetric('dispatch-native-build', 'GGML_NATIVE=ON, static');
  printMetric('dispatch-build', 'GGML_BACKEND_DL=ON GGML_CPU_ALL_VARIANTS=ON, shared');
  printMetric('dispatch-cpu-variant-loaded', loaded);
  printMetric('native-encode-ms', Math.min(...native), 0);
  printMetric('dispatch-encode-ms', Math.min(...dispatched), 0);
  printMetric('dispatch-vs-native-encode-ratio', Math.min(...dispatched) / Math.min(...native));
  printMetric('dispatch-cpu-time-threads', CPU_THREADS);
  printMetric('native-encode-cpu-ms', Math.min(...nativeCpu), 0);
  printMetric('dispatch-encode-cpu-ms', Math.min(...dispatchedCpu), 0);
  printMetric('dispatch-vs-native-encode-cpu-ratio', Math.min(...dispatchedCpu) / Math.min(...nativeCpu));
  printMetric('dispatch-forced-variant', OLDER_VARIANT);
  printMetric('dispatch-forced-encode-ms', Math.min(...older), 0);
  printMetric('dispatch-forced-vs-native-encode-ratio', Math.min(...older) / Math.min(...native));
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
