import { beforeAll, describe, expect, it } from 'vitest';
import { loadEngine } from '../../src/core/transcribe/engine/load-engine.js';
import { LiveTranscriber, energySpeechDetector, type SpeechDetector } from '../../src/core/transcribe/live-transcriber.js';
import { Transcriber } from '../../src/core/transcribe/transcriber.js';
import type { Segment } from '../../src/core/transcript/transcript.js';
import { readPcm16k, speechWav, tempDir } from '../support/speech.js';
import { randomWeightModelPath, sileroVadModelPath } from '../support/test-models.js';

/** Utterances separated by known pauses: [speech][1.5 s][speech][1.5 s][speech]. */
function conversation(parts: Float32Array[], pauseSec: number) {
  const pause = Math.round(pauseSec * 16000);
  const total = parts.reduce((n, p) => n + p.length, 0) + pause * (parts.length + 1);
  const pcm = new Float32Array(total);
  const spans: { start: number; end: number }[] = [];
  let at = pause;
  for (const p of parts) {
    pcm.set(p, at);
    spans.push({ start: at / 16000, end: (at + p.length) / 16000 });
    at += p.length + pause;
  }
  return { pcm, spans };
}

/** Pushes audio in blocks at `speed` times real time, as a recorder would (but faster). */
async function feed(live: LiveTranscriber, trackId: string, pcm: Float32Array, blockSec = 0.1, speed = 10) {
  const block = Math.round(blockSec * 16000);
  for (let i = 0; i < pcm.length; i += block) {
    live.push(trackId, pcm.slice(i, i + block));
    await new Promise((r) => setTimeout(r, (blockSec * 1000) / speed));
  }
}

describe('live transcription', () => {
  let them: ReturnType<typeof conversation>;
  let you: ReturnType<typeof conversation>;

  beforeAll(() => {
    const dir = tempDir();
    const say = (text: string, name: string) => readPcm16k(speechWav(text, dir, name));
    them = conversation([say('I led the migration of our billing system.', 'a'), say('It took four months and two rollbacks.', 'b')], 1.5);
    you = conversation([say('Tell me about a project you led.', 'c')], 2);
  });

  for (const [name, detector] of [
    ['Silero VAD', () => ((pcm: Float32Array) => loadEngine('native').detectSpeech(pcm, { modelPath: sileroVadModelPath() })) as SpeechDetector],
    ['energy fallback', () => energySpeechDetector()],
  ] as const) {
    it(`cuts each track at pauses and transcribes the utterances in the background (${name})`, async () => {
      const transcriber = new Transcriber({ engine: loadEngine('native'), modelPath: randomWeightModelPath(), threads: 2 });
      const got: { trackId: string; segments: Segment[]; at: number }[] = [];
      const errors: unknown[] = [];
      const live = new LiveTranscriber({
        transcriber,
        detectSpeech: detector(),
        tracks: [
          { id: 'mic', speaker: 'You' },
          { id: 'system', speaker: 'Them' },
        ],
        onSegments: (trackId, segments) => void got.push({ trackId, segments, at: Date.now() }),
        onError: (e) => errors.push(e),
      });
      await Promise.all([feed(live, 'system', them.pcm), feed(live, 'mic', you.pcm)]);
      // Utterances that ended before the feed did were already cut and queued (or done) before Stop.
      const workedBeforeStop = live.backlogSec + got.length;
      await live.stop();
      await transcriber.dispose();
      expect(errors).toEqual([]);
      expect(workedBeforeStop).toBeGreaterThan(0);
      const themSegs = got.filter((g) => g.trackId === 'system').flatMap((g) => g.segments);
      const youSegs = got.filter((g) => g.trackId === 'mic').flatMap((g) => g.segments);
      expect(themSegs.length).toBeGreaterThan(0);
      expect(youSegs.length).toBeGreaterThan(0);
      expect(themSegs.every((s) => s.speaker === 'Them')).toBe(true);
      expect(youSegs.every((s) => s.speaker === 'You')).toBe(true);
      // Segments are placed in recording time, overlapping the speech they came from.
      const overlapsSpeech = (s: Segment, spans: { start: number; end: number }[]) => spans.some((sp) => s.start < sp.end + 0.5 && s.end > sp.start - 0.5);
      for (const s of themSegs) expect(overlapsSpeech(s, them.spans)).toBe(true);
      for (const s of youSegs) expect(overlapsSpeech(s, you.spans)).toBe(true);
      expect(live.backlogSec).toBe(0);
    });
  }

  it('keeps memory flat over long silence', async () => {
    const transcriber = new Transcriber({ engine: loadEngine('native'), modelPath: randomWeightModelPath(), threads: 2 });
    const live = new LiveTranscriber({ transcriber, detectSpeech: energySpeechDetector(), tracks: [{ id: 'mic', speaker: 'You' }], onSegments: () => {} });
    const silence = new Float32Array(16000 * 600);
    await feed(live, 'mic', silence, 1, 1000);
    await live.stop();
    await transcriber.dispose();
    expect(live.backlogSec).toBe(0);
  });
  it('leaves a silent tail at Stop untranscribed, so no words are made up for it', async () => {
    const transcriber = new Transcriber({ engine: loadEngine('native'), modelPath: randomWeightModelPath(), threads: 2 });
    const chunks: { startSec: number; endSec: number }[] = [];
    const live = new LiveTranscriber({
      transcriber,
      detectSpeech: energySpeechDetector(),
      tracks: [{ id: 'mic', speaker: 'You' }],
      onSegments: (_track, _segments, chunk) => void chunks.push(chunk),
      // Never cut before Stop: all of it is the tail.
      checkEverySec: 1000,
    });
    live.push('mic', new Float32Array(16000 * 3));
    await live.stop();
    await transcriber.dispose();
    expect(chunks).toEqual([]);
  });
});
