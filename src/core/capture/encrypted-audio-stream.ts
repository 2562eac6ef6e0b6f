import type { AudioStream } from '../audio/decode-audio-file.js';
import { UserFacingError } from '../errors.js';
import { indexEncryptedAudio, readPcmRange } from '../privacy/encrypted-audio.js';
import { LiveResampler } from './live-resampler.js';

/** Decrypted and converted this many seconds at a time: memory stays bounded for any length. */
const PIECE_SEC = 30;

/**
 * A recording Debrief made encrypted at rest, opened like any file to import: every record is
 * authenticated first (a damaged one is refused by name, not imported as silence), then the audio is
 * decrypted piece by piece and converted to 16 kHz with each channel one continuous signal.
 */
export async function openEncryptedAudioStream(file: string, key: Buffer | undefined): Promise<AudioStream> {
  if (!key) throw new UserFacingError(`${file} is encrypted at rest; only Debrief with this data folder's key can read it.`, 'audio-encrypted');
  const index = await indexEncryptedAudio(file, key);
  if (index.damaged.length > 0) {
    const spans = index.damaged.map((d) => `${d.startSec.toFixed(1)}–${d.endSec.toFixed(1)} s`).join(', ');
    throw new UserFacingError(`${file} is damaged: ${spans} failed its integrity check. Nothing was imported.`, 'audio-corrupt');
  }
  if (index.pcmBytes === 0) throw new UserFacingError(`${file}: the encrypted recording holds no audio.`, 'audio-empty');
  const { channels, sampleRate } = index;
  const frameBytes = channels * 2;
  return {
    format: 'debrief-encrypted',
    sampleRate,
    channels,
    // A cut record is dropped at recovery and a damaged one refused above, so what is left is whole.
    truncated: null,
    async decode16k(onPcm, signal) {
      const resamplers = Array.from({ length: channels }, () => new LiveResampler(sampleRate, 16000));
      const emit = async (perChannel: Float32Array[]) => {
        const frames = Math.min(...perChannel.map((c) => c.length));
        if (frames === 0) return;
        const interleaved = new Float32Array(frames * channels);
        for (let f = 0; f < frames; f++) for (let c = 0; c < channels; c++) interleaved[f * channels + c] = perChannel[c]![f]!;
        await onPcm(interleaved);
      };
      const pieceBytes = PIECE_SEC * sampleRate * frameBytes;
      for (let at = 0; at < index.pcmBytes; at += pieceBytes) {
        if (signal?.aborted) throw new UserFacingError('The import was cancelled.', 'import-cancelled');
        const pcm = await readPcmRange(index, at, Math.min(index.pcmBytes, at + pieceBytes));
        const frames = pcm.length / frameBytes;
        const split = Array.from({ length: channels }, () => new Float32Array(frames));
        for (let f = 0; f < frames; f++) for (let c = 0; c < channels; c++) split[c]![f] = pcm.readInt16LE((f * channels + c) * 2) / 32768;
        await emit(await Promise.all(split.map((s, c) => resamplers[c]!.push(s))));
      }
      await emit(await Promise.all(resamplers.map((r) => r.flush())));
    },
  };
}
