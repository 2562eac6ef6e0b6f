import type { CaptureStream } from '../../../shared/ipc/contract.js';
import workletUrl from './pcm-capture-worklet.ts?worker&url';
import type { PcmChunkMessage } from './pcm-capture-worklet.js';

/** 100 ms per chunk: small enough that a crash loses little, large enough that IPC costs nothing. */
const CHUNK_SEC = 0.1;

/**
 * One audio source (the microphone, or system audio) recorded as one track: an AudioWorklet turns it
 * into 16-bit PCM chunks, which go to the writer one at a time. Each send resolves when the writer has
 * room, so a slow disk holds chunks here (and `queuedSec` says so) instead of anything being dropped.
 */
export class TrackCapture {
  private readonly queue: ArrayBuffer[] = [];
  private sending = false;
  private stream: CaptureStream | null = null;
  private paused = false;
  private failed: string | null = null;
  private closing = false;
  /** Seconds already in the track when this capture started sending (a reattach after a reload), and frames sent since. */
  private startSec = 0;
  private framesTaken = 0;
  /** Last chunk's peak, 0..1. */
  level = 0;

  private constructor(
    readonly media: MediaStream,
    private readonly context: AudioContext,
    private readonly node: AudioWorkletNode,
    private readonly onError: (message: string) => void,
  ) {
    node.port.onmessage = (event: MessageEvent<PcmChunkMessage>) => this.onChunk(event.data);
    // A device unplugged, or the system stopped sharing its audio: say so rather than record silence.
    for (const track of media.getAudioTracks()) {
      track.addEventListener('ended', () => {
        if (!this.closing) this.onError(`${track.label || 'An audio source'} stopped delivering audio (unplugged or no longer shared).`);
      });
    }
  }

  /** `sampleRate`: the rate a track already being written has (reattaching after a reload); the device's otherwise. */
  static async open(stream: MediaStream, onError: (message: string) => void, sampleRate?: number): Promise<TrackCapture> {
    const context = new AudioContext(sampleRate ? { sampleRate } : {});
    await context.audioWorklet.addModule(workletUrl);
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, 'pcm-capture', {
      numberOfOutputs: 0,
      processorOptions: { chunkFrames: Math.round(context.sampleRate * CHUNK_SEC) },
    });
    source.connect(node);
    return new TrackCapture(stream, context, node, onError);
  }

  get sampleRate(): number {
    return this.context.sampleRate;
  }

  /** Seconds of audio waiting to reach the writer. */
  get queuedSec(): number {
    return this.queue.length * CHUNK_SEC;
  }

  /**
   * The track's length as captured here, queued chunks included: the recording's own clock at this
   * instant, which the writer's count (polled, and behind by the queue) is not.
   */
  get recordedSec(): number {
    return this.startSec + this.framesTaken / this.context.sampleRate;
  }

  /** From now on chunks go to this session's track (before that they only drive the meter); `alreadySec`: what the track holds. */
  startSending(sessionId: string, trackId: string, alreadySec = 0): void {
    this.startSec = alreadySec;
    this.framesTaken = 0;
    this.stream = window.debrief.openCaptureStream(sessionId, trackId);
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
  }

  /** Waits for queued chunks to reach the writer, then releases the device. */
  async close(): Promise<void> {
    this.closing = true;
    this.node.port.onmessage = null;
    while (this.sending || (this.queue.length > 0 && this.stream && !this.failed)) await new Promise((r) => setTimeout(r, 20));
    this.stream?.close();
    this.stream = null;
    for (const track of this.media.getTracks()) track.stop();
    await this.context.close();
  }

  private onChunk(message: PcmChunkMessage): void {
    this.level = message.peak;
    if (!this.stream || this.paused || this.failed) return;
    this.framesTaken += message.pcm.byteLength / Int16Array.BYTES_PER_ELEMENT;
    this.queue.push(message.pcm);
    if (!this.sending) void this.drain();
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      while (this.queue.length > 0 && this.stream && !this.failed) {
        const pcm = this.queue[0]!;
        const result = await this.stream.write(pcm);
        if (!result.ok) {
          this.failed = result.error.message;
          this.onError(result.error.message);
          return;
        }
        this.queue.shift();
      }
    } catch (error) {
      this.failed = error instanceof Error ? error.message : String(error);
      this.onError(this.failed);
    } finally {
      this.sending = false;
    }
  }
}

/** A PulseAudio/PipeWire monitor source: what the speakers play, i.e. the other side of the call. */
export function isMonitorDevice(device: MediaDeviceInfo): boolean {
  return /^monitor of /i.test(device.label) || /\.monitor$/i.test(device.deviceId);
}
