import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordingWriter } from '../../../src/core/capture/recording-writer.js';
import { counterChunk } from '../fixtures/counter-signal.js';

/**
 * Feeds the counter signal to the `mic` and `system` tracks in 10 ms chunks, `speed` times faster
 * than real time, honouring backpressure, until `maxSeconds` of audio or the writer fails.
 * Returns the frames handed to each track. `onProgress` runs after each chunk (e.g. to break the disk).
 */
export async function feedCounter(
  writer: RecordingWriter,
  opts: { sampleRate: number; maxSeconds: number; speed: number; onProgress?: (fedFrames: number) => void },
): Promise<number> {
  const chunk = opts.sampleRate / 100;
  const chunkMs = 10 / opts.speed;
  let fed = 0;
  let owedMs = 0;
  while (fed < opts.maxSeconds * opts.sampleRate) {
    const s = writer.stats().state;
    if (s === 'failed' || s === 'stopped') break;
    const a = writer.write('mic', counterChunk('mic', fed, chunk));
    const b = writer.write('system', counterChunk('system', fed, chunk));
    fed += chunk;
    opts.onProgress?.(fed);
    if (!a || !b) await writer.whenDrained();
    owedMs += chunkMs;
    if (owedMs >= 5) {
      await sleep(owedMs);
      owedMs = 0;
    }
  }
  return fed;
}
