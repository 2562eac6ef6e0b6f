// Capture writer: memory and CPU over a simulated 2-hour two-track recording, and audio lost when
// the recorder is killed mid-stream, each with the tracks in the clear and encrypted at rest.
// Goals: peak RSS growth < 50 MB, lost audio <= 1000 ms (both ways).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRecordingWriter } from '../src/core/capture/recording-writer.js';
import { runKillScenario } from '../test/capture/fixtures/kill-scenario.js';
import { printMetric } from './support/metrics.js';

const RATE = 48000;
const HOURS = 2;
const CHUNK = RATE / 100; // 10 ms, as an audio callback delivers it
const KILL_POINTS_MS = [1450, 2330, 3170];

/** One second of two different tones, fed over and over as Float32 like real capture. */
function tone(hz: number): Float32Array {
  return Float32Array.from({ length: RATE }, (_, i) => 0.4 * Math.sin((2 * Math.PI * hz * i) / RATE));
}

/** `prefix` is '' for plain tracks, 'encrypted-' with a key: the plain names stay as they were. */
async function twoHourRecording(encryptionKey?: Buffer): Promise<void> {
  const prefix = encryptionKey ? 'encrypted-' : '';
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-bench-capture-'));
  try {
    const mic = tone(220);
    const system = tone(330);
    const writer = await createRecordingWriter({
      dir: path.join(root, 'session'),
      sessionId: 'bench',
      tracks: [
        { id: 'mic', source: 'mic', sampleRate: RATE, channels: 1 },
        { id: 'system', source: 'system', sampleRate: RATE, channels: 1 },
      ],
      ...(encryptionKey ? { encryptionKey } : {}),
    });
    const baselineRss = process.memoryUsage.rss();
    let peakRss = baselineRss;
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    const chunks = (HOURS * 3600 * RATE) / CHUNK;
    for (let i = 0; i < chunks; i++) {
      const at = (i * CHUNK) % RATE;
      const a = writer.write('mic', mic.subarray(at, at + CHUNK));
      const b = writer.write('system', system.subarray(at, at + CHUNK));
      if (!a || !b) {
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
        await writer.whenDrained();
      }
    }
    const summary = await writer.stop();
    const cpu = process.cpuUsage(cpuStart);
    const wallSec = (performance.now() - wallStart) / 1000;
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (summary.error) throw summary.error;
    const recordedHours = summary.durationSec / 3600;
    printMetric(metricName(prefix, 'capture-2h-recorded-hours'), recordedHours, 3);
    printMetric(metricName(prefix, 'capture-2h-peak-rss-growth-mb'), (peakRss - baselineRss) / 2 ** 20);
    printMetric(metricName(prefix, 'capture-2h-queue-memory-mb'), writer.stats().queueMemoryBytes / 2 ** 20);
    printMetric(metricName(prefix, 'capture-writer-cpu-ms-per-recorded-hour'), (cpu.user + cpu.system) / 1000 / recordedHours, 0);
    printMetric(metricName(prefix, 'capture-2h-wall-s'), wallSec, 1);
    printMetric(metricName(prefix, 'capture-2h-max-flush-ms'), writer.stats().maxFlushMs, 1);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** capture-2h-wall-s → capture-2h-encrypted-wall-s, capture-writer-… → capture-writer-encrypted-…. */
function metricName(prefix: string, name: string): string {
  return name.replace(/^capture-(2h-|writer-)/, `capture-$1${prefix}`);
}

async function killRecovery(encryptionKey?: Buffer): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-bench-kill-'));
  try {
    const lost: number[] = [];
    for (const [i, killAfterMs] of KILL_POINTS_MS.entries()) {
      const r = await runKillScenario({ recordingsDir: root, name: `kill-${i}`, killAfterMs, encryptionKey });
      if (r.tracks.some((t) => t.firstMismatch !== -1)) throw new Error(`kill at ${killAfterMs} ms: recovered audio does not match what was fed`);
      lost.push(r.lostMs);
    }
    // The worst of the kill points: the promise is about every crash, not the typical one.
    const prefix = encryptionKey ? 'encrypted-' : '';
    printMetric(`kill-recovery-${prefix}lost-ms`, Math.max(...lost), 0);
    printMetric(`kill-recovery-${prefix}runs`, lost.length, 0);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const key = randomBytes(32);
  await twoHourRecording();
  await twoHourRecording(key);
  await killRecovery();
  await killRecovery(key);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
