import fs from 'node:fs';

/**
 * An independent reader for the recorder's canonical 44-byte-header PCM16 WAV files: it checks
 * every header field against the file itself and throws a message naming the first field that is
 * wrong, so tests do not validate the writer with the writer's own parser.
 */
export interface CheckedWav {
  sampleRate: number;
  channels: number;
  dataBytes: number;
  frames: number;
  samples: Int16Array;
}

/**
 * `allowTrailing`: the header may declare fewer bytes than follow it, as when the disk turned
 * read-only between appending audio and patching the header; readers then see a valid prefix.
 */
export function readValidWav(file: string, options: { allowTrailing?: boolean } = {}): CheckedWav {
  const buf = fs.readFileSync(file);
  const fail = (what: string): never => {
    throw new Error(`${file}: invalid WAV: ${what}`);
  };
  if (buf.length < 44) fail(`only ${buf.length} bytes, shorter than a header`);
  if (buf.toString('ascii', 0, 4) !== 'RIFF') fail('no RIFF magic');
  if (buf.toString('ascii', 8, 16) !== 'WAVEfmt ') fail('no WAVE/fmt chunk');
  if (buf.readUInt32LE(16) !== 16) fail('fmt chunk size is not 16');
  if (buf.readUInt16LE(20) !== 1) fail('not PCM');
  const channels = buf.readUInt16LE(22);
  const sampleRate = buf.readUInt32LE(24);
  const bits = buf.readUInt16LE(34);
  if (bits !== 16) fail(`bits per sample ${bits}`);
  if (buf.readUInt16LE(32) !== channels * 2) fail('block align');
  if (buf.readUInt32LE(28) !== sampleRate * channels * 2) fail('byte rate');
  if (buf.toString('ascii', 36, 40) !== 'data') fail('no data chunk at byte 36');
  const dataBytes = buf.readUInt32LE(40);
  if (buf.readUInt32LE(4) !== dataBytes + 36) fail(`RIFF size ${buf.readUInt32LE(4)} != data size + 36 (${dataBytes + 36})`);
  const after = buf.length - 44;
  if (options.allowTrailing ? dataBytes > after : dataBytes !== after) fail(`data size ${dataBytes} != bytes after the header (${after})`);
  if (dataBytes % (channels * 2) !== 0) fail(`data size ${dataBytes} is not whole frames`);
  const samples = new Int16Array(dataBytes / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(44 + i * 2);
  return { sampleRate, channels, dataBytes, frames: dataBytes / (channels * 2), samples };
}
