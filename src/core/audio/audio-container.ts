import { readWavHeader, wavDataBytesPresent, type WavHeader } from './wav.js';

/**
 * Container sniffing and truncation checks, done on the raw bytes before decoding. The decoders
 * happily return whatever audio precedes a cut (or nothing at all), so a file that lost its end in
 * a copy or a crash would otherwise come back as a shorter recording with no warning.
 */

export type AudioContainer = 'wav' | 'mp3' | 'flac' | 'ogg' | 'opus' | 'm4a' | 'webm' | 'aiff' | 'caf' | 'wma' | 'amr';

export const SUPPORTED_FORMATS_TEXT = 'WAV, MP3, FLAC, OGG (Vorbis), Opus, M4A/AAC/MP4, WebM/MKV, AIFF, CAF, WMA and AMR';

const ascii = (b: Uint8Array, at: number, n: number): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', at, at + n);

/** The container the bytes start with, or null when they are not audio we know. */
export function sniffContainer(b: Uint8Array): AudioContainer | null {
  if (b.length < 12) return null;
  const head4 = ascii(b, 0, 4);
  if (head4 === 'RIFF' && ascii(b, 8, 4) === 'WAVE') return 'wav';
  if (head4 === 'FORM' && /^AIF[FC]$/.test(ascii(b, 8, 4))) return 'aiff';
  if (head4 === 'fLaC') return 'flac';
  if (head4 === 'caff') return 'caf';
  if (head4 === 'OggS') return ascii(b, 28, 8) === 'OpusHead' ? 'opus' : ascii(b, 29, 4) === 'FLAC' ? 'flac' : 'ogg';
  if (ascii(b, 4, 4) === 'ftyp') return 'm4a';
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'webm';
  if (ascii(b, 0, 6) === '#!AMR\n') return 'amr';
  // ASF header object GUID 30 26 B2 75 8E 66 CF 11.
  if (b[0] === 0x30 && b[1] === 0x26 && b[2] === 0xb2 && b[3] === 0x75 && b[4] === 0x8e && b[5] === 0x66) return 'wma';
  const audioStart = skipId3v2(b);
  if (audioStart > 0 && audioStart >= b.length) return 'mp3'; // a tag and nothing after it: a cut mp3
  if (audioStart > 0 && ascii(b, audioStart, 4) === 'fLaC') return 'flac';
  const frameLength = mpegFrameLength(b, audioStart);
  if (frameLength === null) return null;
  // A lone 0xFFE sync is common in random bytes; without an ID3 tag, demand a second frame right after.
  const next = audioStart + frameLength;
  return audioStart > 0 || next >= b.length || isMpegFrameHeader(b, next) ? 'mp3' : null;
}

/** A sentence saying how the file is cut short, or null when it looks complete (or we cannot tell). */
export function describeTruncation(b: Uint8Array, container: AudioContainer, source: string): string | null {
  switch (container) {
    case 'wav':
      return wavTruncation(b, source);
    case 'mp3':
      return mp3Truncation(b);
    case 'ogg':
    case 'opus':
      return oggTruncation(b);
    case 'flac':
      return flacTruncation(b);
    case 'm4a':
      return isoBmffTruncation(b);
    case 'webm':
      return ebmlTruncation(b);
    default:
      return null;
  }
}

/** Sample frames the container promises per channel, when it says; used to catch cuts after decoding. */
export function declaredFrames(b: Uint8Array, container: AudioContainer): number | null {
  if (container === 'flac' && ascii(b, 0, 4) === 'fLaC' && b.length >= 42 && (b[4]! & 0x7f) === 0) {
    // STREAMINFO: total samples is the low 36 bits of bytes 21..25 (of the block body at 8); 0 = unknown.
    const at = 8 + 13;
    const total = (b[at]! & 0x0f) * 2 ** 32 + ((b[at + 1]! << 24) >>> 0) + (b[at + 2]! << 16) + (b[at + 3]! << 8) + b[at + 4]!;
    return total > 0 ? total : null;
  }
  return null;
}

function wavTruncation(b: Uint8Array, source: string): string | null {
  return wavHeaderTruncation(readWavHeader(b.subarray(0, Math.min(b.length, 1 << 20)), source), b.length);
}

/** How a WAV file of `fileBytes` bytes falls short of what its header promises; null when it does not. */
export function wavHeaderTruncation(h: WavHeader, fileBytes: number): string | null {
  if (h.dataSizeUnknown) return null;
  const present = wavDataBytesPresent(h, fileBytes);
  if (present >= h.dataBytes) return null;
  const bytesPerSec = h.sampleRate * h.blockAlign;
  return `the header promises ${(h.dataBytes / bytesPerSec).toFixed(2)} s of audio but the file holds only ${(present / bytesPerSec).toFixed(2)} s`;
}

function skipId3v2(b: Uint8Array): number {
  if (b.length < 10 || ascii(b, 0, 3) !== 'ID3') return 0;
  const size = ((b[6]! & 0x7f) << 21) | ((b[7]! & 0x7f) << 14) | ((b[8]! & 0x7f) << 7) | (b[9]! & 0x7f);
  return 10 + size + (b[5]! & 0x10 ? 10 : 0);
}

const MPEG_BITRATES: Record<string, number[]> = {
  // [version-group][layer] → kbps by index; V1 = MPEG-1, V2 = MPEG-2/2.5.
  'V1L1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  'V1L2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  'V1L3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  'V2L1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  'V2L2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  'V2L3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MPEG_RATES = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] } as Record<number, number[]>;

function isMpegFrameHeader(b: Uint8Array, at: number): boolean {
  return mpegFrameLength(b, at) !== null;
}

/** Byte length of the MPEG audio frame starting at `at`, or null when no valid header is there. */
function mpegFrameLength(b: Uint8Array, at: number): number | null {
  if (at < 0 || at + 4 > b.length || b[at] !== 0xff || (b[at + 1]! & 0xe0) !== 0xe0) return null;
  const version = (b[at + 1]! >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5, 1 reserved
  const layer = 4 - ((b[at + 1]! >> 1) & 3); // 1..3; 4 = reserved
  const bitrateIndex = b[at + 2]! >> 4;
  const rateIndex = (b[at + 2]! >> 2) & 3;
  const padding = (b[at + 2]! >> 1) & 1;
  if (version === 1 || layer === 4 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const kbps = MPEG_BITRATES[`${version === 3 ? 'V1' : 'V2'}L${layer}`]![bitrateIndex]!;
  const rate = MPEG_RATES[version]![rateIndex]!;
  if (layer === 1) return Math.floor((12 * kbps * 1000) / rate + padding) * 4;
  const perFrame = layer === 3 && version !== 3 ? 72 : 144;
  return Math.floor((perFrame * kbps * 1000) / rate) + padding;
}

function mp3Truncation(b: Uint8Array): string | null {
  let at = skipId3v2(b);
  if (at > b.length) return `the ID3 tag at the start says it is ${at} bytes, but the file is only ${b.length} bytes`;
  let frames = 0;
  // Trailing tags are not frames; stop before them.
  let end = b.length;
  if (end >= 128 && ascii(b, end - 128, 3) === 'TAG') end -= 128;
  while (at < end) {
    const len = mpegFrameLength(b, at);
    if (len === null) return null; // junk or an unknown trailer: leave judgement to the decoder
    if (at + len > end) {
      return frames === 0
        ? 'it ends inside its first MP3 frame'
        : `it ends inside MP3 frame ${frames + 1} (byte ${at} of ${b.length}); the rest of the file is missing`;
    }
    at += len;
    frames++;
  }
  return null;
}

function oggTruncation(b: Uint8Array): string | null {
  // Walk the pages: each has a 27-byte header, a segment table, and the segments' bytes.
  let at = 0;
  let pages = 0;
  let sawEnd = false;
  while (at + 27 <= b.length && ascii(b, at, 4) === 'OggS') {
    const segments = b[at + 26]!;
    if (at + 27 + segments > b.length) break;
    let body = 0;
    for (let i = 0; i < segments; i++) body += b[at + 27 + i]!;
    const next = at + 27 + segments + body;
    if (next > b.length) return `it ends inside Ogg page ${pages + 1}; the rest of the file is missing`;
    // Header type bit 2: end of stream.
    if (b[at + 5]! & 0x04) sawEnd = true;
    at = next;
    pages++;
  }
  if (at < b.length && !sawEnd) return `it ends inside Ogg page ${pages + 1}; the rest of the file is missing`;
  return sawEnd ? null : 'its last Ogg page is not marked end-of-stream; the rest of the file is missing';
}

function flacTruncation(b: Uint8Array): string | null {
  if (ascii(b, 0, 4) !== 'fLaC') return null;
  // Metadata blocks: 1 byte (last flag + type) and a 24-bit length each.
  let at = 4;
  for (;;) {
    if (at + 4 > b.length) return 'it ends inside its header (FLAC metadata)';
    const last = b[at]! & 0x80;
    const len = (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
    at += 4 + len;
    if (at > b.length) return 'it ends inside its header (FLAC metadata)';
    if (last) break;
  }
  return at === b.length ? 'it holds no audio frames after its header' : null;
}

function isoBmffTruncation(b: Uint8Array): string | null {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 0;
  let sawMoov = false;
  while (at + 8 <= b.length) {
    let size = dv.getUint32(at);
    const type = ascii(b, at + 4, 4);
    if (size === 1) {
      if (at + 16 > b.length) return `it ends inside the "${type}" box header`;
      size = Number(dv.getBigUint64(at + 8));
    } else if (size === 0) {
      size = b.length - at; // "to end of file"
    }
    if (size < 8) return null; // not a box structure we understand; let the decoder judge
    if (type === 'moov') sawMoov = true;
    if (at + size > b.length) {
      return `its "${type}" box needs ${size} bytes from byte ${at}, but the file ends after ${b.length - at}`;
    }
    at += size;
  }
  if (!sawMoov) return 'it has no "moov" index box (the recording was not finished or the file was cut)';
  return null;
}

/** EBML variable-length integer at `at`: its byte length and value (null value = "unknown size"). */
function readVint(b: Uint8Array, at: number): { len: number; value: number | null } | null {
  const first = b[at];
  if (first === undefined || first === 0) return null;
  const len = Math.clz32(first) - 23;
  if (at + len > b.length) return null;
  let value = first & (0xff >> len);
  let allOnes = value === 0xff >> len;
  for (let i = 1; i < len; i++) {
    value = value * 256 + b[at + i]!;
    if (b[at + i] !== 0xff) allOnes = false;
  }
  return { len, value: allOnes ? null : value };
}

function ebmlTruncation(b: Uint8Array): string | null {
  // EBML header element (id 1A45DFA3) then the Segment (id 18538067) whose size covers the rest.
  const headerSize = readVint(b, 4);
  if (!headerSize || headerSize.value === null) return null;
  const segmentAt = 4 + headerSize.len + headerSize.value;
  if (segmentAt + 4 > b.length) return 'it ends inside its WebM/Matroska header';
  if (!(b[segmentAt] === 0x18 && b[segmentAt + 1] === 0x53 && b[segmentAt + 2] === 0x80 && b[segmentAt + 3] === 0x67)) return null;
  const segmentSize = readVint(b, segmentAt + 4);
  if (!segmentSize) return 'it ends inside its WebM/Matroska header';
  // Live recorders (MediaRecorder) write "unknown size"; nothing to compare then.
  if (segmentSize.value === null) return null;
  const end = segmentAt + 4 + segmentSize.len + segmentSize.value;
  if (end > b.length) return `its header promises ${end} bytes but the file has only ${b.length}; the rest is missing`;
  return null;
}
