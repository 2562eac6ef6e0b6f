// Runs on the audio rendering thread: turns 128-frame float blocks into 100 ms chunks of 16-bit PCM
// and posts each chunk's buffer (transferred, not copied) with its peak level to the recorder.

declare abstract class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: { processorOptions?: unknown });
  abstract process(inputs: Float32Array[][]): boolean;
}
declare function registerProcessor(name: string, processor: new (options: { processorOptions: { chunkFrames: number } }) => AudioWorkletProcessor): void;

export interface PcmChunkMessage {
  pcm: ArrayBuffer;
  /** Highest absolute sample in the chunk, 0..1, for the level meter. */
  peak: number;
}

class PcmCaptureProcessor extends AudioWorkletProcessor {
  private readonly chunkFrames: number;
  private chunk: Int16Array;
  private filled = 0;
  private peak = 0;

  constructor(options: { processorOptions: { chunkFrames: number } }) {
    super(options);
    this.chunkFrames = options.processorOptions.chunkFrames;
    this.chunk = new Int16Array(this.chunkFrames);
  }

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0] ?? [];
    const first = channels[0];
    if (!first) return true;
    for (let i = 0; i < first.length; i++) {
      // A stereo microphone is mixed down: the track is one voice.
      let v = 0;
      for (const ch of channels) v += ch[i]!;
      v /= channels.length;
      v = v > 1 ? 1 : v < -1 ? -1 : v;
      const a = v < 0 ? -v : v;
      if (a > this.peak) this.peak = a;
      this.chunk[this.filled++] = v < 0 ? v * 0x8000 : v * 0x7fff;
      if (this.filled === this.chunkFrames) {
        const message: PcmChunkMessage = { pcm: this.chunk.buffer as ArrayBuffer, peak: this.peak };
        this.port.postMessage(message, [message.pcm]);
        this.chunk = new Int16Array(this.chunkFrames);
        this.filled = 0;
        this.peak = 0;
      }
    }
    return true;
  }
}

registerProcessor('pcm-capture', PcmCaptureProcessor);
