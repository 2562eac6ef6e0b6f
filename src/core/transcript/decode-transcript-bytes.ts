import chardet from 'chardet';

/**
 * Bytes → text without inventing characters: a BOM decides; otherwise valid UTF-8 is UTF-8; anything
 * else goes to a detector (Windows tools still write Windows-1252 and UTF-16 files), so "café" is
 * stored as café and not as U+FFFD replacement characters.
 */
export function decodeTranscriptBytes(raw: Uint8Array): { text: string; encoding: string } {
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) return { text: decode('utf-8', raw.subarray(3)), encoding: 'UTF-8' };
  if (raw[0] === 0xff && raw[1] === 0xfe) return { text: decode('utf-16le', raw.subarray(2)), encoding: 'UTF-16LE' };
  if (raw[0] === 0xfe && raw[1] === 0xff) return { text: decode('utf-16be', raw.subarray(2)), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(raw), encoding: 'UTF-8' };
  } catch {
    // Not UTF-8: ask the detector, and fall back to Windows-1252, which every byte decodes in.
  }
  const detected = chardet.detect(raw);
  const label = detected && detected !== 'UTF-8' && isDecodable(detected) ? detected : 'windows-1252';
  return { text: decode(label, raw), encoding: label };
}

const decode = (label: string, bytes: Uint8Array): string => new TextDecoder(label).decode(bytes);

function isDecodable(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}
