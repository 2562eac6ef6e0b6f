import { pcm16WavHeader, WAV_HEADER_BYTES } from '../../core/capture/wav-header.js';
import { cachedEncryptedAudioIndex, readPcmRange } from '../../core/privacy/encrypted-audio.js';

/** A range is decrypted and sent this many bytes at a time, so a whole-file request is never held in memory. */
const PIECE_BYTES = 1 << 20;
/**
 * A recording encrypted at rest, served as the WAV it holds (44-byte header + PCM) with the same
 * range rules as plain files; only the records a range touches are decrypted. Records that fail
 * authentication play as silence, and `X-Debrief-Damaged` lists their spans in seconds.
 */
export async function encryptedRangeResponse(
  file: string,
  key: Buffer,
  range: (size: number) => { start: number; end: number } | 'unsatisfiable' | undefined,
  headers: Record<string, string>,
): Promise<Response> {
  const index = await cachedEncryptedAudioIndex(file, key);
  const size = WAV_HEADER_BYTES + index.pcmBytes;
  const all = { ...headers, 'Content-Type': 'audio/wav', ...(index.damaged.length > 0 ? { 'X-Debrief-Damaged': JSON.stringify(index.damaged) } : {}) };
  const r = range(size);
  if (r === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...all, 'Content-Range': `bytes */${size}` } });
  const { start, end } = r ?? { start: 0, end: size - 1 };
  const wavHeader = pcm16WavHeader(index, index.pcmBytes);
  let at = start;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (at > end) {
        controller.close();
        return;
      }
      const stop = Math.min(end + 1, at + PIECE_BYTES);
      const parts: Buffer[] = [];
      if (at < WAV_HEADER_BYTES) parts.push(wavHeader.subarray(at, Math.min(WAV_HEADER_BYTES, stop)));
      if (stop > WAV_HEADER_BYTES) parts.push(await readPcmRange(index, Math.max(0, at - WAV_HEADER_BYTES), stop - WAV_HEADER_BYTES));
      controller.enqueue(new Uint8Array(Buffer.concat(parts)));
      at = stop;
    },
  });
  if (r === undefined) return new Response(body, { status: 200, headers: { ...all, 'Content-Length': String(size) } });
  return new Response(body, { status: 206, headers: { ...all, 'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/${size}` } });
}
