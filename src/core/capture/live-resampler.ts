import { gcd, resampleChannel } from '../audio/resample.js';

/**
 * Converts one track's live audio to another rate chunk by chunk, with the same result as converting
 * the whole recording at once. Converting each 100 ms chunk on its own would treat the audio beyond
 * its edges as silence, denting every chunk boundary: ten clicks a second in what the VAD and Whisper
 * hear. So each chunk is converted together with a few milliseconds of its neighbours, and output is
 * held back until the audio after it has arrived (a few milliseconds of delay).
 */
export class LiveResampler {
  private readonly up: number;
  private readonly down: number;
  /** Input samples of context each output needs on either side: more than the filter's half-width. */
  private readonly margin: number;
  /** Input from `bufferStart` (absolute index, a multiple of `down` so output phases line up) on. */
  private buffer = new Float32Array(0);
  private bufferStart = 0;
  private received = 0;
  private emitted = 0;

  constructor(
    private readonly fromRate: number,
    private readonly toRate: number,
  ) {
    const g = gcd(fromRate, toRate);
    this.up = toRate / g;
    this.down = fromRate / g;
    // The converter's filter spans at most ~11 samples of the lower rate each side (≤ 1.4 ms at 8 kHz);
    // 5 ms is ample for any rate a sound card offers.
    this.margin = Math.ceil((fromRate * 0.005) / this.down) * this.down;
  }

  /** The next stretch of converted audio (possibly a little shorter or longer than this chunk's share). */
  async push(samples: Float32Array): Promise<Float32Array> {
    if (this.fromRate === this.toRate) return samples;
    const joined = new Float32Array(this.buffer.length + samples.length);
    joined.set(this.buffer);
    joined.set(samples, this.buffer.length);
    this.buffer = joined;
    this.received += samples.length;
    // Outputs whose input window lies inside what has arrived, given `margin` samples of look-ahead.
    const ready = Math.floor(((this.received - this.margin) * this.up) / this.down);
    return this.emit(Math.max(this.emitted, ready));
  }

  /** The rest, at the end of the stream (silence is assumed after it, as for a whole file). */
  flush(): Promise<Float32Array> {
    if (this.fromRate === this.toRate) return Promise.resolve(new Float32Array(0));
    return this.emit(Math.ceil((this.received * this.up) / this.down));
  }

  private async emit(until: number): Promise<Float32Array> {
    if (until <= this.emitted) return new Float32Array(0);
    const converted = await resampleChannel(this.buffer, this.fromRate, this.toRate);
    const firstOut = (this.bufferStart * this.up) / this.down;
    const out = converted.slice(this.emitted - firstOut, until - firstOut);
    this.emitted = until;
    // Keep what the next output still needs as left context, from a multiple of `down`.
    const keepFrom = Math.max(this.bufferStart, Math.floor(((until * this.down) / this.up - this.margin) / this.down) * this.down);
    this.buffer = this.buffer.slice(keepFrom - this.bufferStart);
    this.bufferStart = keepFrom;
    return out;
  }
}
