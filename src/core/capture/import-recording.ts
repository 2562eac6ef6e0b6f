import { decodeAudioFile } from '../audio/decode-audio-file.js';
import { toMono16k } from '../audio/resample.js';
import { UserFacingError } from '../errors.js';
import { findSpeech, transcribeSpeech } from '../transcribe/transcribe-speech.js';
import type { Transcriber } from '../transcribe/transcriber.js';
import type { Segment } from '../transcript/transcript.js';

export interface ImportedTrack {
  source: 'mic' | 'system' | 'file';
  speaker: string | null;
  segments: Segment[];
}

export interface ImportedRecording {
  format: string;
  sampleRate: number;
  channels: number;
  durationSec: number;
  tracks: ImportedTrack[];
}

/**
 * An existing recording becomes a session like a live one. A two-channel file can be split: the left
 * channel is You (the interviewer's microphone), the right is Them, each transcribed with its speaker,
 * which is how most call recorders lay out a two-party call.
 */
export async function importRecording(
  file: string,
  opts: { transcriber: Transcriber; splitStereo?: boolean; signal?: AbortSignal },
): Promise<ImportedRecording> {
  const decoded = await decodeAudioFile(file);
  const split = opts.splitStereo === true;
  if (split && decoded.channels.length !== 2) {
    throw new UserFacingError(
      `${file} has ${decoded.channels.length} channel${decoded.channels.length === 1 ? '' : 's'}; only a two-channel (stereo) recording can be split into You and Them.`,
      'audio-not-stereo',
    );
  }
  const parts = split
    ? [
        { source: 'mic' as const, speaker: 'You', channels: [decoded.channels[0]!] },
        { source: 'system' as const, speaker: 'Them', channels: [decoded.channels[1]!] },
      ]
    : [{ source: 'file' as const, speaker: null, channels: decoded.channels }];

  const tracks: ImportedTrack[] = [];
  let heard = false;
  for (const part of parts) {
    const pcm = await toMono16k({ ...decoded, channels: part.channels });
    // One silent side (a muted microphone) is a normal call; both silent is an empty recording.
    const regions = await findSpeech(pcm, opts.transcriber);
    if (regions.length === 0) {
      tracks.push({ source: part.source, speaker: part.speaker, segments: [] });
      continue;
    }
    heard = true;
    const { segments } = await transcribeSpeech(pcm, regions, opts.transcriber, { speaker: part.speaker, signal: opts.signal });
    tracks.push({ source: part.source, speaker: part.speaker, segments });
  }
  if (!heard) {
    throw new UserFacingError(`No speech in ${file}: nothing in its ${decoded.durationSec.toFixed(1)} s sounds like speech.`, 'audio-silent');
  }
  return { format: decoded.format, sampleRate: decoded.sampleRate, channels: decoded.channels.length, durationSec: decoded.durationSec, tracks };
}
