// One engine in a fresh process (a dispatched build picks its CPU variant once per process):
//   node --import tsx test/support/encode-in-child.ts MODEL THREADS RUNS
// with DEBRIEF_WHISPER_ADDON / DEBRIEF_ENGINE_CPU_VARIANT choosing the build; prints one JSON line.
import { loadNativeEngine } from '../../src/core/transcribe/engine/native-engine.js';

const [modelPath, threads = '2', runs = '3'] = process.argv.slice(2);
if (!modelPath) throw new Error('usage: encode-in-child.ts MODEL [THREADS] [RUNS]');
const engine = loadNativeEngine();
const model = await engine.loadModel(modelPath, { useGpu: false });
await model.benchEncode(Number(threads)); // warm-up
const encodeMs: number[] = [];
// CPU time of the whole process over each encode (all threads): unlike wall time, barely moved by other load on the machine.
const encodeCpuMs: number[] = [];
for (let i = 0; i < Number(runs); i++) {
  const cpu = process.cpuUsage();
  encodeMs.push(await model.benchEncode(Number(threads)));
  const used = process.cpuUsage(cpu);
  encodeCpuMs.push((used.user + used.system) / 1000);
}
await model.release();
process.stdout.write(`${JSON.stringify({ cpuVariant: engine.cpuVariant ?? 'native', description: engine.description, encodeMs, encodeCpuMs })}\n`);
