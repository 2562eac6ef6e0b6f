import path from 'node:path';
import { UserFacingError } from '../errors.js';
import { decodeAudioFile } from '../audio/decode-audio-file.js';
import { toMono16k } from '../audio/resample.js';
import type { Transcript } from '../transcript/transcript.js';
import type { Transcriber } from './transcriber.js';
import { findSpeech, transcribeSpeech } from './transcribe-speech.js';

export type PipelineStage = 'decode' | 'transcribe';

export interface AudioFileFacts {
  path: string;
  format: string;
  sampleRate: number;
  channels: number;
  durationSec: number;
  /** Seconds handed to Whisper: the speech regions, not the silence between them. */
  speechSec: number;
  /** How the file was cut short (a crash, a full disk), when it was; the transcript is of what survived. */
  truncated?: string;
}

export interface TranscribeAudioFileOptions {
  transcriber: Transcriber;
  speaker?: string | null;
  language?: string;
  signal?: AbortSignal;
  onProgress?: (stage: PipelineStage, fraction: number) => void;
}

/** What the CLI and the app say about a recording cut short: it was transcribed as far as it goes. */
export function endedEarlyNote(file: string, how: string, durationSec: number): string {
  return `${path.basename(file)} ended early (${how}); transcribed the ${durationSec.toFixed(1)} s that are there.`;
}

/**
 * Any common audio file → 16 kHz mono → speech regions → Whisper → a guarded, word-timed
 * transcript. "Silent" is decided on speech, not on the whole file's average level; a file that
 * ended early is transcribed as far as it goes, and `notes` says so.
 */
export async function transcribeAudioFile(
  file: string,
  options: TranscribeAudioFileOptions,
): Promise<{ transcript: Transcript; audio: AudioFileFacts; notes: string[] }> {
  options.onProgress?.('decode', 0);
  const { pcm, facts } = await decodeForWhisper(file);
  options.onProgress?.('decode', 1);
  const regions = await findSpeech(pcm, options.transcriber);
  if (regions.length === 0) {
    throw new UserFacingError(`No speech in ${file}: nothing in its ${facts.durationSec.toFixed(1)} s sounds like speech.`, 'audio-silent');
  }
  const audio: AudioFileFacts = { ...facts, speechSec: regions.reduce((sum, r) => sum + (r.end - r.start), 0) };
  const transcript = await transcribeSpeech(pcm, regions, options.transcriber, {
    speaker: options.speaker ?? null,
    language: options.language,
    signal: options.signal,
    onProgress: (percent) => options.onProgress?.('transcribe', percent / 100),
  });
  const notes = facts.truncated ? [endedEarlyNote(file, facts.truncated, facts.durationSec)] : [];
  return { transcript: { ...transcript, durationSec: facts.durationSec }, audio, notes };
}

/**
 * The file as Whisper's 16 kHz mono, and what is known about it. The decoded channels at the file's
 * own rate (212 MB for 10 minutes of 44.1 kHz stereo) are left to the collector here, not referenced
 * for as long as Whisper runs.
 */
async function decodeForWhisper(file: string): Promise<{ pcm: Float32Array; facts: Omit<AudioFileFacts, 'speechSec'> }> {
  const decoded = await decodeAudioFile(file, { allowTruncated: true });
  const pcm = await toMono16k(decoded);
  return {
    pcm,
    facts: {
      path: file,
      format: decoded.format,
      sampleRate: decoded.sampleRate,
      channels: decoded.channels.length,
      durationSec: decoded.durationSec,
      ...(decoded.truncated ? { truncated: decoded.truncated } : {}),
    },
  };
}
