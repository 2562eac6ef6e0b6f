import type { Segment } from '../transcript/transcript.js';
import type { SpeechSpan } from './engine/whisper-engine.js';
import { SAMPLE_RATE, type Transcriber } from './transcriber.js';

/** Finds speech in 16 kHz mono audio: Silero VAD through the engine, or the energy fallback. */
export type SpeechDetector = (pcm: Float32Array) => Promise<SpeechSpan[]>;

export interface LiveTrack {
  id: string;
  /** 'You', 'Them', or the person's name. */
  speaker: string;
}

export interface LiveTranscriberOptions {
  transcriber: Transcriber;
  detectSpeech: SpeechDetector;
  tracks: LiveTrack[];
  /**
   * Called as soon as a chunk is transcribed, with its segments (in track time, seconds from the
   * recording's start; possibly none) and the span of audio the chunk covered.
   */
  onSegments: (trackId: string, segments: Segment[], chunk: { startSec: number; endSec: number }) => void | Promise<void>;
  onError?: (err: unknown) => void;
  /** Silence that ends an utterance. */
  minSilenceSec?: number;
  /** Longest chunk before a cut is forced (Whisper's window is 30 s). */
  maxChunkSec?: number;
  /** How much new audio to gather before looking for a cut. */
  checkEverySec?: number;
}

interface TrackState {
  track: LiveTrack;
  /** Pending samples not yet cut into a chunk, and their start in the recording. */
  pending: Float32Array[];
  pendingSamples: number;
  pendingStartSec: number;
  samplesSinceCheck: number;
  checking: Promise<void> | null;
}

/**
 * Cuts each track's live audio into utterances at pauses and transcribes them in the background,
 * so that after Stop only the tail is left to do. Work that can't keep up queues in the
 * Transcriber and `backlogSec` says how far behind it is.
 */
export class LiveTranscriber {
  private readonly tracks = new Map<string, TrackState>();
  private readonly inflight = new Set<Promise<void>>();
  private queuedSamples = 0;
  private stopped = false;
  private readonly minSilence: number;
  private readonly maxChunk: number;
  private readonly checkEvery: number;

  constructor(private readonly opts: LiveTranscriberOptions) {
    this.minSilence = opts.minSilenceSec ?? 0.6;
    this.maxChunk = opts.maxChunkSec ?? 25;
    this.checkEvery = opts.checkEverySec ?? 1;
    for (const track of opts.tracks) {
      this.tracks.set(track.id, { track, pending: [], pendingSamples: 0, pendingStartSec: 0, samplesSinceCheck: 0, checking: null });
    }
  }

  /**
   * Seconds of audio waiting for transcription: chunks cut and queued, plus whatever has piled up
   * uncut beyond one chunk's length (the utterance still being spoken is not behind).
   */
  get backlogSec(): number {
    let uncut = 0;
    for (const state of this.tracks.values()) uncut += Math.max(0, state.pendingSamples - this.maxChunk * SAMPLE_RATE);
    return (this.queuedSamples + uncut) / SAMPLE_RATE;
  }

  push(trackId: string, pcm16k: Float32Array): void {
    if (this.stopped) throw new Error('live transcription already stopped');
    const state = this.tracks.get(trackId);
    if (!state) throw new Error(`unknown track "${trackId}"`);
    state.pending.push(pcm16k);
    state.pendingSamples += pcm16k.length;
    state.samplesSinceCheck += pcm16k.length;
    this.maybeCheck(state);
  }

  private maybeCheck(state: TrackState): void {
    if (this.stopped || state.checking !== null) return;
    // Audio that piled up past one chunk is checked again at once, without waiting for more to come
    // (a fast feed or a slow VAD would otherwise leave it uncut: each such check cuts a chunk).
    if (state.samplesSinceCheck < this.checkEvery * SAMPLE_RATE && state.pendingSamples <= this.maxChunk * SAMPLE_RATE) return;
    state.samplesSinceCheck = 0;
    state.checking = this.findCut(state)
      .catch((err) => this.opts.onError?.(err))
      .finally(() => {
        state.checking = null;
        this.maybeCheck(state);
      });
  }

  /** Transcribes what is left on every track and waits for all queued work. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const state of this.tracks.values()) {
      await state.checking;
      // Audio that piled up faster than it was cut goes in chunks Whisper can take, cut at pauses.
      while (state.pendingSamples > this.maxChunk * SAMPLE_RATE) {
        const before = state.pendingSamples;
        await this.findCut(state);
        if (state.pendingSamples === before) this.cut(state, this.maxChunk * SAMPLE_RATE);
      }
      // The tail is transcribed only if someone spoke in it: Whisper hallucinates words into silence.
      if (state.pendingSamples > 0 && (await this.opts.detectSpeech(this.pendingAudio(state))).length > 0) this.cut(state, state.pendingSamples);
    }
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }

  private async findCut(state: TrackState): Promise<void> {
    // Look at one chunk's worth at most: when audio piles up (a slow machine, a long monologue)
    // each cut still yields a chunk Whisper can take in one window.
    const pending = this.pendingAudio(state);
    const audio = pending.subarray(0, Math.min(pending.length, this.maxChunk * SAMPLE_RATE));
    const spans = await this.opts.detectSpeech(audio);
    const durationSec = audio.length / SAMPLE_RATE;
    if (spans.length === 0) {
      // Only silence so far: drop all but a short lead-in so the buffer never grows.
      const keep = Math.min(audio.length, Math.round(0.3 * SAMPLE_RATE));
      this.discard(state, audio.length - keep);
      return;
    }
    const last = spans[spans.length - 1]!;
    if (durationSec - last.end >= this.minSilence) {
      // The last utterance has ended: cut in the middle of the pause after it.
      this.cut(state, Math.round(((last.end + durationSec) / 2) * SAMPLE_RATE));
      return;
    }
    for (let i = spans.length - 1; i > 0; i--) {
      // Someone is still talking, but after a pause: what was said before it need not wait.
      if (spans[i]!.start - spans[i - 1]!.end >= this.minSilence) {
        this.cut(state, Math.round(((spans[i - 1]!.end + spans[i]!.start) / 2) * SAMPLE_RATE));
        return;
      }
    }
    if (durationSec >= this.maxChunk) {
      // Someone is talking without a long pause: cut at the widest gap between utterances.
      let at = last.start;
      let widest = 0;
      for (let i = 1; i < spans.length; i++) {
        const gap = spans[i]!.start - spans[i - 1]!.end;
        if (gap > widest) {
          widest = gap;
          at = (spans[i]!.start + spans[i - 1]!.end) / 2;
        }
      }
      this.cut(state, Math.round((at > 1 ? at : durationSec) * SAMPLE_RATE));
    }
  }

  private pendingAudio(state: TrackState): Float32Array {
    if (state.pending.length === 1) return state.pending[0]!;
    const all = new Float32Array(state.pendingSamples);
    let o = 0;
    for (const part of state.pending) {
      all.set(part, o);
      o += part.length;
    }
    state.pending = [all];
    return all;
  }

  private discard(state: TrackState, samples: number): void {
    if (samples <= 0) return;
    const audio = this.pendingAudio(state);
    state.pending = [audio.subarray(samples)];
    state.pendingSamples -= samples;
    state.pendingStartSec += samples / SAMPLE_RATE;
  }

  private cut(state: TrackState, samples: number): void {
    const audio = this.pendingAudio(state);
    const chunk = audio.slice(0, samples);
    const offsetSec = state.pendingStartSec;
    this.discard(state, samples);
    this.queuedSamples += chunk.length;
    const job = this.opts.transcriber
      .transcribe({ pcm: chunk, speaker: state.track.speaker, offsetSec })
      .then((t) => this.opts.onSegments(state.track.id, t.segments, { startSec: offsetSec, endSec: offsetSec + chunk.length / SAMPLE_RATE }))
      .catch((err) => this.opts.onError?.(err))
      .finally(() => {
        this.queuedSamples -= chunk.length;
        this.inflight.delete(job);
      });
    this.inflight.add(job);
  }
}

/** A speech detector from frame energy, for when no VAD model is installed. */
export function energySpeechDetector(thresholdDb = -45, frameSec = 0.03): SpeechDetector {
  return async (pcm) => {
    const frame = Math.round(frameSec * SAMPLE_RATE);
    const spans: SpeechSpan[] = [];
    let open: number | null = null;
    for (let i = 0; i + frame <= pcm.length; i += frame) {
      let sum = 0;
      for (let j = i; j < i + frame; j++) sum += pcm[j]! * pcm[j]!;
      const loud = 10 * Math.log10(sum / frame || 1e-12) > thresholdDb;
      const t = i / SAMPLE_RATE;
      if (loud && open === null) open = t;
      if (!loud && open !== null) {
        spans.push({ start: open, end: t });
        open = null;
      }
    }
    if (open !== null) spans.push({ start: open, end: pcm.length / SAMPLE_RATE });
    // Join flickers shorter than 200 ms so one word isn't many spans.
    const merged: SpeechSpan[] = [];
    for (const s of spans) {
      const prev = merged[merged.length - 1];
      if (prev && s.start - prev.end < 0.2) prev.end = s.end;
      else merged.push({ ...s });
    }
    return merged.filter((s) => s.end - s.start >= 0.1);
  };
}
