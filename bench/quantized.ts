// What quantized models buy: one 30-s encode and the peak memory of a process that loads the model
// and encodes, per weight type, for the random-weight tiny.en (tiny.en's real compute) quantized
// with whisper.cpp's own tool. Each type runs in its own process so its memory is its own.
import fs from 'node:fs';
import { encodeInChildArgs, parseEncodeChild } from '../test/support/engine-child.js';
import { randomWeightModelPath } from '../test/support/test-models.js';
import { quantizedModelPath } from '../test/support/upstream-whisper.js';
import { measureProcess, type ProcessCost } from './support/measure-process.js';
import { printMetric } from './support/metrics.js';

const THREADS = 2;
const ROUNDS = 2;

export async function run(): Promise<void> {
  const models = { f16: randomWeightModelPath(), q8_0: quantizedModelPath('q8_0'), q5_1: quantizedModelPath('q5_1') };
  const runs: Record<string, { encodeMs: number[]; cost: ProcessCost[] }> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [type, file] of Object.entries(models)) {
      const cost = await measureProcess(process.execPath, encodeInChildArgs(file, THREADS, 3));
      const entry = (runs[type] ??= { encodeMs: [], cost: [] });
      entry.encodeMs.push(...parseEncodeChild(cost.stdout).encodeMs);
      entry.cost.push(cost);
    }
  }
  printMetric('quantized-threads', THREADS);
  printMetric('quantized-options', 'whisper.cpp context defaults (flash attention on), CPU, one 30-s window, fastest of 6');
  for (const [type, file] of Object.entries(models)) {
    const { encodeMs, cost } = runs[type]!;
    printMetric(`${type.replace('_', '-')}-model-mb`, fs.statSync(file).size / 2 ** 20, 1);
    printMetric(`${type.replace('_', '-')}-encode-ms`, Math.min(...encodeMs), 0);
    printMetric(`${type.replace('_', '-')}-peak-rss-mb`, Math.max(...cost.map((c) => c.peakRssMb)), 0);
  }
  const f16 = Math.min(...runs.f16!.encodeMs);
  for (const type of ['q8_0', 'q5_1']) printMetric(`${type.replace('_', '-')}-vs-f16-encode-ratio`, Math.min(...runs[type]!.encodeMs) / f16);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
