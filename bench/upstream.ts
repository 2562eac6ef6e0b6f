// Debrief against upstream: `debrief transcribe` vs whisper.cpp's own whisper-cli, built from the
// same whisper.cpp source with its default options, end to end (process start to exit) on the same
// 10-minute espeak-ng file, model and threads, with each side's peak resident memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { upstreamWhisperTools } from '../test/support/upstream-whisper.js';
import { weightlessModelPath } from '../test/support/test-models.js';
import { interviewWav, wavSeconds } from './support/interview-audio.js';
import { measureProcess, type ProcessCost } from './support/measure-process.js';
import { printMetric } from './support/metrics.js';
import { buildCompiledCli } from './support/compiled-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const THREADS = 2;
// DEBRIEF_BENCH_RUNS=1 for a quick look on a loaded machine (peak memory does not depend on load; time does).
const RUNS = Math.max(1, Number(process.env.DEBRIEF_BENCH_RUNS) || 2);

export async function run(): Promise<void> {
  const tools = upstreamWhisperTools();
  const audio = await interviewWav(600);
  const model = weightlessModelPath();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-bench-upstream-'));
  await buildCompiledCli();
  try {
    // Debrief decodes greedily (best of 5 on fallback), with token timestamps for word times and
    // non-speech tokens suppressed, without VAD here: whisper-cli is told to do the same work
    // (-bs 1 greedy, -ojf token timestamps, -sns). Its plain defaults (5-beam search, no token
    // timestamps) are timed too. Both load the model with whisper.cpp's context defaults (flash attention on).
    const debriefArgs = ['bin/debrief.mjs', 'transcribe', audio, '-m', model, '-t', String(THREADS), '--no-vad', '--engine', 'native', '--title', 'bench'];
    const cliArgs = ['-m', model, '-f', audio, '-t', String(THREADS), '-l', 'en', '-bs', '1', '-sns', '-ojf', '-of', path.join(work, 'cli'), '-np'];
    const cliDefaultArgs = ['-m', model, '-f', audio, '-t', String(THREADS), '-np'];
    const env = { ...process.env, DEBRIEF_HOME: path.join(work, 'home') };
    const sides: Record<'debrief' | 'cli' | 'cliDefaults', ProcessCost[]> = { debrief: [], cli: [], cliDefaults: [] };
    // Interleaved so that load from other processes on the machine falls on every side alike.
    for (let i = 0; i < RUNS; i++) {
      sides.debrief.push(await measureProcess(process.execPath, debriefArgs, { ...env, DEBRIEF_HOME: path.join(work, `home-${i}`) }));
      sides.cli.push(await measureProcess(tools.cli, cliArgs));
      sides.cliDefaults.push(await measureProcess(tools.cli, cliDefaultArgs));
    }
    // Fastest run: noise only ever adds time. Peak memory barely moves between runs; the largest is kept.
    const startup = await measureProcess(process.execPath, ['bin/debrief.mjs', '--help'], env);
    const fastest = (runs: ProcessCost[]) => Math.min(...runs.map((r) => r.seconds));
    const peak = (runs: ProcessCost[]) => Math.max(...runs.map((r) => r.peakRssMb));
    printMetric('upstream-audio-sec', await wavSeconds(audio), 1);
    printMetric('upstream-model', path.basename(model));
    printMetric('upstream-threads', THREADS);
    printMetric('debrief-command', `node ${debriefArgs.join(' ').replace(audio, 'AUDIO').replace(model, 'MODEL')}`);
    printMetric('whisper-cli-command', `whisper-cli ${cliArgs.join(' ').replace(audio, 'AUDIO').replace(model, 'MODEL').replace(work, 'TMP')}`);
    printMetric('whisper-cli-source', path.relative(root, tools.sourceDir));
    printMetric('debrief-transcribe-sec', fastest(sides.debrief));
    printMetric('whisper-cli-sec', fastest(sides.cli));
    printMetric('whisper-cli-defaults-sec', fastest(sides.cliDefaults));
    printMetric('debrief-vs-whisper-cli-ratio', fastest(sides.debrief) / fastest(sides.cli));
    printMetric('debrief-peak-rss-mb', peak(sides.debrief), 0);
    printMetric('whisper-cli-peak-rss-mb', peak(sides.cli), 0);
    printMetric('whisper-cli-defaults-peak-rss-mb', peak(sides.cliDefaults), 0);
    printMetric('debrief-vs-whisper-cli-rss-ratio', peak(sides.debrief) / peak(sides.cli));
    printMetric('debrief-startup-peak-rss-mb', startup.peakRssMb, 0);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
