import type { Transcript } from '../transcript/transcript.js';
import { loudestSecondDbfs, SILENCE_DBFS, speechRegions, type SpeechRegion } from './speech-regions.js';
import { SAMPLE_RATE, type TranscribeJob, type Transcriber } from './transcriber.js';

/**
 * Where someone speaks in 16 kHz mono audio: by Silero VAD when the transcriber has a VAD model,
 * otherwise the whole file unless not one second of it is above the silence level. [] means silent.
 */
export async function findSpeech(pcm: Float32Array, transcriber: Transcriber): Promise<SpeechRegion[]> {
  const durationSec = pcm.length / SAMPLE_RATE;
  const spans = await transcriber.detectSpeech(pcm);
  if (spans === null) return loudestSecondDbfs(pcm, SAMPLE_RATE) < SILENCE_DBFS ? [] : [{ start: 0, end: durationSec }];
  return speechRegions(spans, durationSec);
}

/**
 * Transcribes only `regions` of `pcm`, each at its place in the recording, so silence between them
 * costs nothing (whisper.cpp still runs its encoder over every 30 s window it is given).
 */
export async function transcribeSpeech(
  pcm: Float32Array,
  regions: SpeechRegion[],
  transcriber: Transcriber,
  job: Omit<TranscribeJob, 'pcm' | 'offsetSec' | 'vad'>,
): Promise<Transcript> {
  const total = regions.reduce((sum, r) => sum + (r.end - r.start), 0) || 1;
  let done = 0;
  let language: string | null = null;
  const segments: Transcript['segments'] = [];
  for (const region of regions) {
    const length = region.end - region.start;
    const part = await transcriber.transcribe({
      ...job,
      pcm: pcm.subarray(Math.round(region.start * SAMPLE_RATE), Math.round(region.end * SAMPLE_RATE)),
      offsetSec: region.start,
      vad: false,
      onProgress: (percent) => job.onProgress?.(((done + (percent / 100) * length) / total) * 100),
    });
    done += length;
    language ??= part.language ?? null;
    segments.push(...part.segments);
  }
  return { durationSec: pcm.length / SAMPLE_RATE, language, segments };
}
