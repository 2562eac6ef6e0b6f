import { toDbfs } from '../audio/audio-level.js';
import type { SpeechSpan } from './engine/whisper-engine.js';

/** Where in a recording someone speaks, in seconds; what is between is skipped, not transcribed. */
export interface SpeechRegion {
  start: number;
  end: number;
}

export interface RegionOptions {
  /** Silence kept either side of speech, so Whisper hears each word's onset and tail. */
  padSec?: number;
  /** Gaps shorter than this are kept: cutting a pause mid-turn costs more context than it saves. */
  mergeGapSec?: number;
}

/** VAD spans → padded, merged regions within [0, durationSec]. */
export function speechRegions(spans: SpeechSpan[], durationSec: number, opts: RegionOptions = {}): SpeechRegion[] {
  const pad = opts.padSec ?? 0.5;
  const gap = opts.mergeGapSec ?? 3;
  const regions: SpeechRegion[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(0, span.start - pad);
    const end = Math.min(durationSec, span.end + pad);
    if (end <= start) continue;
    const last = regions.at(-1);
    if (last && start - last.end < gap) last.end = Math.max(last.end, end);
    else regions.push({ start, end });
  }
  return regions;
}

/**
 * Without a VAD model, the loudest second decides: a whole file's average level calls a long
 * recording with one quiet sentence "silent", a one-second window does not.
 */
export function loudestSecondDbfs(pcm: Float32Array, sampleRate: number): number {
  const window = Math.max(1, Math.round(sampleRate));
  let loudest = 0;
  for (let at = 0; at < pcm.length; at += window) {
    const end = Math.min(pcm.length, at + window);
    let sum = 0;
    for (let i = at; i < end; i++) sum += pcm[i]! * pcm[i]!;
    loudest = Math.max(loudest, sum / (end - at));
  }
  return toDbfs(Math.sqrt(loudest));
}

/** Below this, a second holds no speech: quiet speech is around -35 dBFS, room tone under -60. */
export const SILENCE_DBFS = -50;
