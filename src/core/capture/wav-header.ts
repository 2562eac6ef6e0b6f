import fs from 'node:fs/promises';
import { readWavHeader } from '../audio/wav.js';
import { UserFacingError } from '../errors.js';

/**
 * The recorder's WAV files are canonical 44-byte-header PCM16 LE files. The header is written up
 * front and its two size fields are patched as audio lands, so a file cut short by a crash is still
 * readable; `repairWavFile` recomputes the sizes from the file length afterwards.
 */

export const WAV_HEADER_BYTES = 44;
/** The RIFF size field is 32-bit and counts the 36 header bytes after it plus the data. */
export const MAX_WAV_DATA_BYTES = 0xffffffff - 36;

const RIFF_SIZE_OFFSET = 4;
const DATA_SIZE_OFFSET = 40;
const PCM_FORMAT = 1;

export interface Pcm16Format {
  sampleRate: number;
  channels: number;
}

export const pcm16FrameBytes = (channels: number): number => channels * 2;

/** The largest whole-frame data size a WAV file can declare. */
export const maxWavDataBytes = (channels: number): number =>
  MAX_WAV_DATA_BYTES - (MAX_WAV_DATA_BYTES % pcm16FrameBytes(channels));

export function pcm16WavHeader(format: Pcm16Format, dataBytes: number): Buffer {
  const blockAlign = pcm16FrameBytes(format.channels);
  const h = Buffer.alloc(WAV_HEADER_BYTES);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, RIFF_SIZE_OFFSET);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(PCM_FORMAT, 20);
  h.writeUInt16LE(format.channels, 22);
  h.writeUInt32LE(format.sampleRate, 24);
  h.writeUInt32LE(format.sampleRate * blockAlign, 28);
  h.writeUInt16LE(blockAlign, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, DATA_SIZE_OFFSET);
  return h;
}

export interface ParsedWavHeader {
  audioFormat: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  blockAlign: number;
  /** Byte offset of the first audio byte. */
  dataOffset: number;
  declaredRiffBytes: number;
  declaredDataBytes: number;
}

/**
 * Reads the fmt and data chunk positions from the start of a WAV file. Returns null when `head`
 * is not RIFF/WAVE or holds no fmt chunk followed by a data chunk header: recovery then rewrites
 * the header from the journal instead of failing.
 */
export function parseWavHeader(head: Buffer): ParsedWavHeader | null {
  try {
    const h = readWavHeader(head);
    return {
      audioFormat: h.formatTag,
      sampleRate: h.sampleRate,
      channels: h.channels,
      bitsPerSample: h.bitsPerSample,
      blockAlign: h.blockAlign,
      dataOffset: h.dataOffset,
      declaredRiffBytes: head.readUInt32LE(RIFF_SIZE_OFFSET),
      declaredDataBytes: h.dataBytes,
    };
  } catch {
    return null;
  }
}

export interface WavRepair {
  file: string;
  sampleRate: number;
  channels: number;
  frames: number;
  dataBytes: number;
  durationSec: number;
  /** True when anything in the file changed. */
  repaired: boolean;
  /** A trailing partial frame cut off (never more than one frame minus a byte). */
  truncatedBytes: number;
  /** True when the header was unreadable or disagreed with `expected` and was written afresh. */
  headerRewritten: boolean;
}

function isUsablePcm16(h: ParsedWavHeader | null, expected: Pcm16Format | undefined): h is ParsedWavHeader {
  if (!h || h.audioFormat !== PCM_FORMAT || h.bitsPerSample !== 16 || h.channels < 1 || h.sampleRate < 1) return false;
  if (h.blockAlign !== pcm16FrameBytes(h.channels)) return false;
  return !expected || (h.sampleRate === expected.sampleRate && h.channels === expected.channels);
}

/**
 * Makes `file` a valid PCM16 WAV whose sizes match its length: a trailing half frame is cut, the
 * size fields are recomputed, and a header that is missing or garbled is rewritten from `expected`
 * (the format the recording journal promised). Audio bytes are never removed beyond that half
 * frame. Idempotent: a second call changes nothing.
 */
export async function repairWavFile(file: string, expected?: Pcm16Format): Promise<WavRepair> {
  const fh = await fs.open(file, 'r+');
  try {
    const size = (await fh.stat()).size;
    const head = Buffer.alloc(Math.min(size, 4096));
    await fh.read(head, 0, head.length, 0);
    const parsed = parseWavHeader(head);
    let format: Pcm16Format;
    let dataOffset: number;
    let headerRewritten = false;
    if (isUsablePcm16(parsed, expected)) {
      format = { sampleRate: parsed.sampleRate, channels: parsed.channels };
      dataOffset = parsed.dataOffset;
    } else if (expected) {
      format = expected;
      dataOffset = WAV_HEADER_BYTES;
      headerRewritten = true;
    } else {
      throw new UserFacingError(`${file}: not a 16-bit PCM WAV file, and no recording journal says what format it should be`, 'recording-unrepairable');
    }
    const blockAlign = pcm16FrameBytes(format.channels);
    const available = Math.max(0, size - dataOffset);
    const dataBytes = Math.min(available - (available % blockAlign), maxWavDataBytes(format.channels));
    // Only a half frame is ever cut; bytes past the 4 GiB WAV limit stay on disk untouched.
    const tail = available - dataBytes;
    const truncatedBytes = tail > 0 && tail < blockAlign ? tail : 0;
    if (truncatedBytes > 0) await fh.truncate(dataOffset + dataBytes);

    let changed = truncatedBytes > 0 || headerRewritten;
    if (headerRewritten) {
      await fh.write(pcm16WavHeader(format, dataBytes), 0, WAV_HEADER_BYTES, 0);
    } else {
      const riffBytes = dataOffset - 8 + dataBytes;
      if (parsed!.declaredRiffBytes !== riffBytes) {
        const b = Buffer.alloc(4);
        b.writeUInt32LE(riffBytes);
        await fh.write(b, 0, 4, RIFF_SIZE_OFFSET);
        changed = true;
      }
      if (parsed!.declaredDataBytes !== dataBytes) {
        const b = Buffer.alloc(4);
        b.writeUInt32LE(dataBytes);
        await fh.write(b, 0, 4, dataOffset - 4);
        changed = true;
      }
    }
    if (changed) await fh.sync();
    const frames = dataBytes / blockAlign;
    return {
      file,
      sampleRate: format.sampleRate,
      channels: format.channels,
      frames,
      dataBytes,
      durationSec: frames / format.sampleRate,
      repaired: changed,
      truncatedBytes,
      headerRewritten,
    };
  } finally {
    await fh.close();
  }
}
