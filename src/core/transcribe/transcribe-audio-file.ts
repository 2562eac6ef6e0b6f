import { UserFacingError } from '../errors.js';
import { isSilent } from '../audio/audio-level.js';
import { decodeAudioFile } from '../audio/decode-audio-file.js';
import { toMono16k } from '../audio/resample.js';
import type { Transcript } from '../transcript/transcript.js';
import type { Transcriber } from './transcriber.js';

export type PipelineStage = 'decode' | 'transcribe';

export interface AudioFileFacts {
  path: string;
  format: string;
  sampleRate: number;
  channels: number;
  durationSec: number;
}

export interface TranscribeAudioFileOptions {
  transcriber: Transcriber;
  speaker?: string | null;
  language?: string;
  signal?: AbortSignal;
  onProgress?: (stage: PipelineStage, fraction: number) => void;
}

/** Any common audio file → 16 kHz mono → Whisper → a guarded, word-timed transcript. */
export async function transcribeAudioFile(
  path: string,
  options: TranscribeAudioFileOptions,
): Promise<{ transcript: Transcript; audio: AudioFileFacts }> {
  options.onProgress?.('decode', 0);
  const decoded = await decodeAudioFile(path);
  const pcm = await toMono16k(decoded);
  options.onProgress?.('decode', 1);
  const audio: AudioFileFacts = {
    path,
    format: decoded.format,
    sampleRate: decoded.sampleRate,
    channels: decoded.channels.length,
    durationSec: decoded.durationSec,
  };
  if (isSilent(pcm)) {
    throw new UserFacingError(`No speech in ${path}: the audio is silent (${decoded.durationSec.toFixed(1)} s below -50 dBFS).`, 'audio-silent');
  }
  const transcript = await options.transcriber.transcribe({
    pcm,
    speaker: options.speaker ?? null,
    language: options.language,
    signal: options.signal,
    onProgress: (percent) => options.onProgress?.('transcribe', percent / 100),
  });
  return { transcript: { ...transcript, durationSec: decoded.durationSec }, audio };
}
