import { deinterleave } from '../audio/ffmpeg-decode.js';
import { openAudioStream } from '../audio/decode-audio-file.js';
import { isEncryptedAudioFile } from '../privacy/encrypted-audio.js';
import { openEncryptedAudioStream } from './encrypted-audio-stream.js';
import { loudestSecondDbfs, SILENCE_DBFS } from '../transcribe/speech-regions.js';
import { UserFacingError } from '../errors.js';
import { endedEarlyNote } from '../transcribe/transcribe-audio-file.js';
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
  /** For the user: e.g. that the file ended early and what was transcribed of it. */
  notes: string[];
}

const RATE = 16000;
/** Audio is transcribed ten minutes at a time, so memory stays bounded for a recording of any length. */
export const IMPORT_PIECE_SEC = 600;
/** Each piece ends at the quietest tenth of a second in its last five, not inside a word. */
const CUT_SEARCH_SEC = 5;

/**
 * An existing recording becomes a session like a live one. A two-channel file can be split: the left
 * channel is You (the interviewer's microphone), the right is Them, each transcribed with its speaker,
 * which is how most call recorders lay out a two-party call. The file is decoded as a stream at 16 kHz
 * and transcribed piece by piece; without a `transcriber` it only decodes (the import benchmark).
 */
export async function importRecording(
  file: string,
  opts: {
    transcriber?: Transcriber;
    splitStereo?: boolean;
    signal?: AbortSignal;
    /** `background`: a stored session transcribed again, giving way to live recording. */
    priority?: 'live' | 'background';
    /** Seconds of audio transcribed so far, after each piece. */
    onProgress?: (doneSec: number) => void;
    /** Reads Debrief's own recordings encrypted at rest. */
    encryptionKey?: Buffer;
  },
): Promise<ImportedRecording> {
  const audio = (await isEncryptedAudioFile(file).catch(() => false)) ? await openEncryptedAudioStream(file, opts.encryptionKey) : await openAudioStream(file);
  const split = opts.splitStereo === true;
  if (split && audio.channels !== 2) {
    throw new UserFacingError(
      `${file} has ${audio.channels} channel${audio.channels === 1 ? '' : 's'}; only a two-channel (stereo) recording can be split into You and Them.`,
      'audio-not-stereo',
    );
  }
  const parts = (
    split
      ? [
          { source: 'mic' as const, speaker: 'You' },
          { source: 'system' as const, speaker: 'Them' },
        ]
      : [{ source: 'file' as const, speaker: null }]
  ).map((p) => ({ ...p, pieces: new PieceBuffer(), segments: [] as Segment[], heard: false }));

  const transcribePiece = async (part: (typeof parts)[number], piece: { pcm: Float32Array; offsetSec: number }) => {
    // One silent side (a muted microphone) is a normal call; both silent is an empty recording.
    // Speech is decided by Silero VAD (or the loudest second without a VAD model), never the average level.
    if (!opts.transcriber) {
      if (loudestSecondDbfs(piece.pcm, RATE) >= SILENCE_DBFS) part.heard = true;
      return;
    }
    const regions = await findSpeech(piece.pcm, opts.transcriber);
    if (regions.length === 0) return;
    part.heard = true;
    const { segments } = await transcribeSpeech(piece.pcm, regions, opts.transcriber, {
      speaker: part.speaker,
      signal: opts.signal,
      priority: opts.priority,
      onProgress: (percent) => opts.onProgress?.(piece.offsetSec + (percent / 100) * (piece.pcm.length / RATE)),
    });
    part.segments.push(...segments.map((s) => shift(s, piece.offsetSec)));
  };

  let frames = 0;
  await audio.decode16k(async (interleaved) => {
    const channels = split ? deinterleave(interleaved, audio.channels) : [mixDown(interleaved, audio.channels)];
    frames += channels[0]!.length;
    for (const [i, part] of parts.entries()) {
      const piece = part.pieces.push(channels[i]!);
      if (piece) await transcribePiece(part, piece);
    }
  }, opts.signal);
  for (const part of parts) await transcribePiece(part, part.pieces.rest());

  const durationSec = frames / RATE;
  if (!parts.some((p) => p.heard)) {
    throw new UserFacingError(`No speech in ${file}: nothing in its ${durationSec.toFixed(1)} s sounds like speech.`, 'audio-silent');
  }
  return {
    format: audio.format,
    sampleRate: audio.sampleRate,
    channels: audio.channels,
    durationSec,
    tracks: parts.map((p) => ({ source: p.source, speaker: p.speaker, segments: p.segments })),
    notes: audio.truncated ? [endedEarlyNote(file, audio.truncated, durationSec)] : [],
  };
}

/** Averages interleaved channels into one (what toMono16k did for whole files). */
function mixDown(interleaved: Float32Array, channels: number): Float32Array {
  if (channels === 1) return interleaved;
  const frames = Math.floor(interleaved.length / channels);
  const out = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += interleaved[f * channels + c]!;
    out[f] = sum / channels;
  }
  return out;
}

function shift(segment: Segment, by: number): Segment {
  return {
    ...segment,
    start: segment.start + by,
    end: segment.end + by,
    words: segment.words.map((w) => ({ ...w, start: w.start + by, end: w.end + by })),
  };
}

/** Collects one channel's 16 kHz audio and hands out pieces of about IMPORT_PIECE_SEC, cut in a quiet spot. */
class PieceBuffer {
  private buffer = new Float32Array(Math.ceil(IMPORT_PIECE_SEC * RATE * 1.05));
  private length = 0;
  private offsetFrames = 0;

  push(pcm: Float32Array): { pcm: Float32Array; offsetSec: number } | undefined {
    if (this.length + pcm.length > this.buffer.length) {
      const grown = new Float32Array(this.length + pcm.length);
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(pcm, this.length);
    this.length += pcm.length;
    if (this.length < IMPORT_PIECE_SEC * RATE) return undefined;
    const cut = this.quietestCut();
    const piece = { pcm: this.buffer.slice(0, cut), offsetSec: this.offsetFrames / RATE };
    this.buffer.copyWithin(0, cut, this.length);
    this.length -= cut;
    this.offsetFrames += cut;
    return piece;
  }

  rest(): { pcm: Float32Array; offsetSec: number } {
    return { pcm: this.buffer.slice(0, this.length), offsetSec: this.offsetFrames / RATE };
  }

  private quietestCut(): number {
    const window = RATE / 10;
    let best = this.length;
    let bestEnergy = Infinity;
    for (let end = this.length; end - window >= this.length - CUT_SEARCH_SEC * RATE; end -= window) {
      let energy = 0;
      for (let i = end - window; i < end; i++) energy += this.buffer[i]! * this.buffer[i]!;
      if (energy < bestEnergy) {
        bestEnergy = energy;
        best = end - window / 2;
      }
    }
    return best;
  }
}
