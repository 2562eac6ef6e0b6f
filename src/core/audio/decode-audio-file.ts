import fs from 'node:fs/promises';
import path from 'node:path';
import { UserFacingError } from '../errors.js';
import { decodeStream, deinterleave, DecodeFailure, probeAudio } from './ffmpeg-decode.js';
import { decryptAudio, looksEncryptedAudio } from '../privacy/encrypted-audio.js';
import { readWavHeader, WAV_FORMAT_PCM, wavDataBytesPresent } from './wav.js';
import { declaredFrames, describeTruncation, sniffContainer, SUPPORTED_FORMATS_TEXT, wavHeaderTruncation, type AudioContainer } from './audio-container.js';

export interface DecodedAudio {
  sampleRate: number;
  /** One Float32Array per channel, all the same length, samples in [-1, 1]. */
  channels: Float32Array[];
  durationSec: number;
  /** The container found by content (not by file name): 'wav', 'mp3', 'flac', 'ogg', 'opus', 'm4a', 'webm', … */
  format: string;
  /** Set only with `allowTruncated`: how the file was cut short; the audio is what survived. */
  truncated?: string;
}

interface RawDecoded {
  channelData: Float32Array[];
  sampleRate: number;
}

export interface DecodeAudioFileOptions {
  /** Decode what survives of a file that was cut short instead of failing with 'audio-corrupt'. */
  allowTruncated?: boolean;
  /** Give up after this long; default 60 s plus 2 s per MB, far beyond any real decode. */
  timeoutMs?: number;
  /** The install's data key, for tracks Debrief recorded encrypted at rest. */
  encryptionKey?: Buffer;
}

/** fs.readFile cannot hold more than 2 GiB; beyond that a streaming decoder would be needed. */
const MAX_FILE_BYTES = 2 ** 31 - 1;

const AUDIO_EXTENSIONS = new Set(['.wav', '.wave', '.mp3', '.flac', '.ogg', '.oga', '.opus', '.m4a', '.mp4', '.aac', '.mov', '.webm', '.mkv', '.aif', '.aiff', '.caf', '.wma', '.amr']);

/**
 * Reads and decodes an audio file of any common format to Float32 channels. Every failure is a
 * UserFacingError naming the file: 'audio-not-found', 'audio-empty', 'audio-unsupported',
 * 'audio-corrupt' (damaged or cut short), 'audio-too-large'.
 */
export async function decodeAudioFile(file: string, opts: DecodeAudioFileOptions = {}): Promise<DecodedAudio> {
  const streamed = await decodeOwnWavFile(file, opts);
  if (streamed) return streamed;
  const bytes = await readAudioBytes(file);
  if (looksEncryptedAudio(bytes)) return decodeEncrypted(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), file, opts);
  const container = sniffContainer(bytes);
  if (!container) throw unsupported(file);

  // A cut file decodes to a plausible but shorter recording, so check the structure first.
  let truncated: string | null;
  try {
    truncated = describeTruncation(bytes, container, file);
  } catch (err) {
    if (err instanceof UserFacingError) throw err;
    truncated = null; // the check itself is best effort; the decoder still validates the data
  }
  if (truncated && !opts.allowTruncated) throw cutShort(file, truncated);

  const timeoutMs = opts.timeoutMs ?? 60_000 + (bytes.length / 1_000_000) * 2_000;
  const promised = declaredFrames(bytes, container);
  const decoded = await decodeOrExplain(file, container, timeoutMs);
  const frames = decoded.channelData[0]?.length ?? 0;
  if (!(decoded.sampleRate > 0) || frames === 0) {
    throw new UserFacingError(`${file}: the ${container.toUpperCase()} file contains no decodable audio (it may be damaged or cut short).`, 'audio-corrupt');
  }
  if (!truncated && promised !== null && frames < promised) {
    // Frames lost in the middle would shift every later timestamp, so this is an error too.
    truncated = `the header promises ${(promised / decoded.sampleRate).toFixed(2)} s of audio but only ${(frames / decoded.sampleRate).toFixed(2)} s could be decoded`;
    if (!opts.allowTruncated) {
      throw new UserFacingError(`${file} is damaged or cut short: ${truncated}.`, 'audio-corrupt');
    }
  }
  return {
    sampleRate: decoded.sampleRate,
    channels: decoded.channelData,
    durationSec: frames / decoded.sampleRate,
    format: container,
    ...(truncated ? { truncated } : {}),
  };
}

/** A track Debrief recorded encrypted: every record authenticated; a damaged one is silence, named in `truncated`. */
function decodeEncrypted(bytes: Buffer, file: string, opts: DecodeAudioFileOptions): DecodedAudio {
  if (!opts.encryptionKey) {
    throw new UserFacingError(`${file} is encrypted at rest; only Debrief with this data folder's key can read it.`, 'audio-encrypted');
  }
  const audio = decryptAudio(bytes, opts.encryptionKey, file);
  const frames = audio.pcm.length / 2 / audio.channels;
  if (frames === 0) throw new UserFacingError(`${file}: the encrypted recording holds no audio.`, 'audio-empty');
  const problems = [
    ...audio.damaged.map((d) => `the audio from ${d.startSec.toFixed(1)} s to ${d.endSec.toFixed(1)} s failed its authentication check and is silence`),
    ...(audio.tailBytes > 0 ? ['the last piece was cut short while being written'] : []),
  ];
  if (problems.length > 0 && !opts.allowTruncated) throw new UserFacingError(`${file} is damaged: ${problems.join('; ')}.`, 'audio-corrupt');
  const samples = new Int16Array(audio.pcm.buffer, audio.pcm.byteOffset, audio.pcm.length / 2);
  const channels = Array.from({ length: audio.channels }, () => new Float32Array(frames));
  for (let f = 0; f < frames; f++) for (let c = 0; c < audio.channels; c++) channels[c]![f] = samples[f * audio.channels + c]! / 32768;
  return { sampleRate: audio.sampleRate, channels, durationSec: frames / audio.sampleRate, format: 'debrief-encrypted', ...(problems.length > 0 ? { truncated: problems.join('; ') } : {}) };
}

async function readAudioBytes(file: string): Promise<Uint8Array> {
  await checkAudioFile(file);
  try {
    return await fs.readFile(file); // a Buffer is a Uint8Array; no copy
  } catch (err) {
    throw new UserFacingError(`Cannot read audio file ${file}: ${(err as Error).message}`, 'audio-unreadable', { cause: err });
  }
}

export interface AudioStream {
  /** The container, or 'debrief-encrypted' for a recording Debrief made encrypted at rest. */
  format: AudioContainer | 'debrief-encrypted';
  sampleRate: number;
  channels: number;
  /** How the file was cut short (a crash, a full disk), when its structure says so; null when whole or unknown. */
  truncated: string | null;
  /**
   * Decodes at 16 kHz, `channels` kept (interleaved), chunk by chunk in bounded memory: the file is
   * never read whole. Fails like decodeAudioFile, with the file's name.
   */
  decode16k(onPcm: (interleaved: Float32Array) => void | Promise<void>, signal?: AbortSignal): Promise<void>;
}

/** The streaming counterpart of decodeAudioFile, for files of any length (imports). */
export async function openAudioStream(file: string, opts: Pick<DecodeAudioFileOptions, 'timeoutMs'> = {}): Promise<AudioStream> {
  const size = await checkAudioFile(file, { anySize: true });
  const handle = await fs.open(file, 'r');
  const head = new Uint8Array(64 * 1024);
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const container = sniffContainer(head);
  if (!container) throw unsupported(file);
  const timeoutMs = opts.timeoutMs ?? 60_000 + (size / 1_000_000) * 2_000;
  const explain = (err: unknown) => explainDecodeFailure(err, file, container);
  const facts = await probeAudio(file, timeoutMs).catch((err: unknown) => {
    throw explain(err);
  });
  return {
    format: container,
    ...facts,
    truncated: await streamTruncation(file, container, size),
    decode16k: (onPcm, signal) =>
      decodeStream(file, { sampleRate: 16000, timeoutMs, signal }, onPcm).catch((err: unknown) => {
        throw err instanceof DecodeFailure ? explain(err) : err;
      }),
  };
}

/**
 * The same structural check as decodeAudioFile's, for the streaming import: ffmpeg decodes a cut
 * webm/m4a/mp3 without complaint, so only the container's own bookkeeping tells. The walk needs the
 * whole file; beyond STRUCTURE_CHECK_MAX_BYTES (hours of compressed audio) it is skipped rather than
 * holding that much in memory, and the import goes on as for a whole file.
 */
async function streamTruncation(file: string, container: AudioContainer, size: number): Promise<string | null> {
  if (size > STRUCTURE_CHECK_MAX_BYTES) return null;
  try {
    return describeTruncation(await fs.readFile(file), container, file);
  } catch {
    return null; // best effort, as in decodeAudioFile: the decoder still validates the data
  }
}

const STRUCTURE_CHECK_MAX_BYTES = 256 * 2 ** 20;

/** The file exists, is a regular non-empty file, and (unless `anySize`) fits in memory; returns its size. */
async function checkAudioFile(file: string, opts: { anySize?: boolean } = {}): Promise<number> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserFacingError(`Audio file not found: ${file}`, 'audio-not-found', { cause: err });
    throw new UserFacingError(`Cannot read audio file ${file}: ${(err as Error).message}`, 'audio-unreadable', { cause: err });
  }
  if (!stat.isFile()) throw new UserFacingError(`${file} is not a file (it is a folder or a device); expected an audio file.`, 'audio-not-found');
  if (stat.size === 0) throw new UserFacingError(`${file} is empty (0 bytes); nothing to transcribe.`, 'audio-empty');
  if (!opts.anySize && stat.size > MAX_FILE_BYTES) {
    throw new UserFacingError(
      `${file} is ${(stat.size / 2 ** 30).toFixed(1)} GiB; audio files over 2 GiB are not supported. Convert it to a compressed format (e.g. MP3, Opus) first.`,
      'audio-too-large',
    );
  }
  return stat.size;
}

function unsupported(file: string): UserFacingError {
  const ext = path.extname(file).toLowerCase();
  const why = AUDIO_EXTENSIONS.has(ext)
    ? `its name ends in ${ext}, but its contents are not ${ext.slice(1).toUpperCase()} audio (renamed or not an audio file?)`
    : `it is not in a format Debrief can read`;
  return new UserFacingError(`${file}: ${why}. Supported formats: ${SUPPORTED_FORMATS_TEXT}.`, 'audio-unsupported');
}

function cutShort(file: string, how: string): UserFacingError {
  return new UserFacingError(`${file} is incomplete: ${how}. The file was probably cut off while copying, downloading or recording.`, 'audio-corrupt');
}

/**
 * PCM16 WAV (what Debrief records, and the common export) read from the file a piece at a time straight
 * into the channels: the file's bytes are never all in memory beside the samples (19 MB less at the
 * peak for 10 minutes of 16 kHz mono). Null for anything else, which decodeAudioFile reads whole.
 */
async function decodeOwnWavFile(file: string, opts: DecodeAudioFileOptions): Promise<DecodedAudio | null> {
  const size = await checkAudioFile(file);
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (err) {
    throw new UserFacingError(`Cannot read audio file ${file}: ${(err as Error).message}`, 'audio-unreadable', { cause: err });
  }
  try {
    const head = new Uint8Array(Math.min(size, 1 << 20));
    await handle.read(head, 0, head.length, 0);
    if (sniffContainer(head) !== 'wav') return null;
    const header = readWavHeader(head, file);
    if (header.formatTag !== WAV_FORMAT_PCM || header.bitsPerSample !== 16) return null;
    const truncated = wavHeaderTruncation(header, size);
    if (truncated && !opts.allowTruncated) throw cutShort(file, truncated);
    const n = header.channels;
    const frames = Math.floor(wavDataBytesPresent(header, size) / header.blockAlign);
    if (!(header.sampleRate > 0) || frames === 0) {
      throw new UserFacingError(`${file}: the WAV file contains no decodable audio (it may be damaged or cut short).`, 'audio-corrupt');
    }
    const channels = Array.from({ length: n }, () => new Float32Array(frames));
    const piece = Buffer.alloc(header.blockAlign * 65_536);
    const samples = new Int16Array(piece.buffer, piece.byteOffset, piece.length / 2); // WAV is little-endian, as every host Node runs on
    for (let frame = 0; frame < frames; ) {
      const want = Math.min(frames - frame, 65_536);
      const { bytesRead } = await handle.read(piece, 0, want * header.blockAlign, header.dataOffset + frame * header.blockAlign);
      const got = Math.floor(bytesRead / header.blockAlign);
      if (got === 0) throw new UserFacingError(`${file} changed while it was being read (it is shorter than a moment ago).`, 'audio-corrupt');
      for (let c = 0; c < n; c++) {
        const out = channels[c]!;
        for (let i = 0, k = c; i < got; i++, k += n) out[frame + i] = samples[k]! / 32768;
      }
      frame += got;
    }
    return { sampleRate: header.sampleRate, channels, durationSec: frames / header.sampleRate, format: 'wav', ...(truncated ? { truncated } : {}) };
  } finally {
    await handle.close();
  }
}

/** Whole-file decode through ffmpeg (see ffmpeg-decode.ts); importRecording streams instead. */
async function decodeWithFfmpeg(file: string, timeoutMs: number): Promise<RawDecoded> {
  const started = Date.now();
  const { sampleRate, channels } = await probeAudio(file, timeoutMs);
  const chunks: Float32Array[] = [];
  await decodeStream(file, { timeoutMs: Math.max(1, timeoutMs - (Date.now() - started)) }, (pcm) => void chunks.push(pcm));
  const interleaved = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks.splice(0)) {
    interleaved.set(chunk, at);
    at += chunk.length;
  }
  return { sampleRate, channelData: deinterleave(interleaved, channels) };
}

async function decodeOrExplain(file: string, container: AudioContainer, timeoutMs: number): Promise<RawDecoded> {
  try {
    return await decodeWithFfmpeg(file, timeoutMs);
  } catch (err) {
    throw explainDecodeFailure(err, file, container);
  }
}

function explainDecodeFailure(err: unknown, file: string, container: AudioContainer): UserFacingError {
  const detail = err instanceof Error ? err.message : String(err);
  const kind = container.toUpperCase();
  if (err instanceof DecodeFailure && err.reason === 'decoder-missing') {
    return new UserFacingError(`${file}: reading ${kind} audio needs ffmpeg, which is not installed. Install ffmpeg (ffmpeg.org, or your system's package manager) and try again.`, 'decoder-missing', { cause: err });
  }
  if (err instanceof DecodeFailure && err.reason !== 'decoder-error') {
    return new UserFacingError(`${file}: the ${kind} file could not be decoded (${detail}); it is probably damaged.`, 'audio-corrupt', { cause: err });
  }
  if (/no audio track/i.test(detail)) {
    return new UserFacingError(`${file}: the ${kind} file has no audio track we can decode (${detail}).`, 'audio-unsupported', { cause: err });
  }
  if (/unsupported|not supported|no decoder/i.test(detail)) {
    return new UserFacingError(`${file}: the ${kind} file uses an encoding Debrief cannot decode (${detail}). Supported formats: ${SUPPORTED_FORMATS_TEXT}.`, 'audio-unsupported', { cause: err });
  }
  return new UserFacingError(`${file}: the ${kind} audio data is damaged and cannot be decoded (${detail}).`, 'audio-corrupt', { cause: err });
}
