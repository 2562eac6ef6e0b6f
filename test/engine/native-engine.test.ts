import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEngine } from '../../src/core/transcribe/engine/load-engine.js';
import { loadNativeBinding, nativeAddonPath } from '../../src/core/transcribe/engine/native-engine.js';
import type { WhisperEngine } from '../../src/core/transcribe/engine/whisper-engine.js';
import { Transcriber } from '../../src/core/transcribe/transcriber.js';
import { randomWeightModelPath, sileroVadModelPath, weightlessModelPath } from '../support/test-models.js';
import { readPcm16k, speechWav, tempDir } from '../support/speech.js';

const SENTENCE = 'Tell me about a time you disagreed with your manager and how you resolved it.';

describe('native whisper.cpp engine', () => {
  let engine: WhisperEngine;
  let speech: Float32Array;
  let dir: string;

  beforeAll(() => {
    expect(fs.existsSync(nativeAddonPath()), 'npm install builds native/build/debrief_whisper.node').toBe(true);
    engine = loadEngine('native');
    dir = tempDir();
    speech = readPcm16k(speechWav(SENTENCE, dir, 'speech', { padSec: 2 }));
  });

  it('is the CPU-tuned build', () => {
    expect(engine.kind).toBe('native');
    expect(engine.description).toMatch(/AVX|NEON|SSE/);
  });

  it('runs the full graph on the weightless model: empty text, progress to 100, model kept across jobs', async () => {
    const t = new Transcriber({ engine, modelPath: weightlessModelPath(), threads: 2 });
    const progress: number[] = [];
    const first = await t.transcribe({ pcm: speech, onProgress: (p) => progress.push(p) });
    expect(first.segments).toEqual([]);
    expect(first.durationSec).toBeCloseTo(speech.length / 16000, 3);
    expect(progress.at(-1)).toBe(100);
    const model = await t.loadedModel();
    await t.transcribe({ pcm: speech });
    expect(await t.loadedModel()).toBe(model);
    await t.dispose();
  });

  it('runs the job off the event loop: timers and progress callbacks run while it is in flight', async () => {
    // Recorded facts, not a wall-clock bound (timing lives in bench/): a job that held the main
    // thread would let no timer fire and deliver its progress only after it resolved.
    const t = new Transcriber({ engine, modelPath: weightlessModelPath(), threads: 2 });
    await t.loadedModel();
    const threeWindows = new Float32Array(16000 * 85); // whisper.cpp reports progress as each 30-s window starts
    for (let at = 0; at + speech.length <= threeWindows.length; at += speech.length) threeWindows.set(speech, at);
    let inFlight = true;
    let ticksInFlight = 0;
    const progressInFlight: number[] = [];
    const timer = setInterval(() => {
      if (inFlight) ticksInFlight++;
    }, 5);
    await t.transcribe({ pcm: threeWindows, onProgress: (p) => inFlight && progressInFlight.push(p) });
    inFlight = false;
    clearInterval(timer);
    await t.dispose();
    expect(ticksInFlight).toBeGreaterThan(0);
    expect(progressInFlight.some((p) => p > 0 && p < 100)).toBe(true);
  });

  it('returns timed segments and words inside the audio with the random-weight model', async () => {
    const t = new Transcriber({ engine, modelPath: randomWeightModelPath(), threads: 2 });
    const result = await t.transcribe({ pcm: speech, speaker: 'Them', offsetSec: 100 });
    await t.dispose();
    const duration = speech.length / 16000;
    expect(result.segments.length).toBeGreaterThan(0);
    for (const s of result.segments) {
      expect(s.speaker).toBe('Them');
      expect(s.start).toBeGreaterThanOrEqual(100);
      expect(s.end).toBeLessThanOrEqual(100 + duration + 0.01);
      expect(s.end).toBeGreaterThanOrEqual(s.start);
      expect(s.text.length).toBeGreaterThan(0);
      for (const w of s.words) {
        expect(w.end).toBeGreaterThanOrEqual(w.start);
        expect(w.text.trim()).toBe(w.text);
      }
    }
    expect(result.segments.some((s) => s.words.length > 0)).toBe(true);
  });

  it('gives the same result for the same audio, one job after another or two side by side', async () => {
    const model = await engine.loadModel(randomWeightModelPath(), { useGpu: false });
    try {
      const job = () => model.transcribe(speech, { threads: 1, language: 'en', wordTimestamps: true }).then((r) => r.segments.map((s) => [s.start, s.end, s.text]));
      const first = await job();
      expect(first.length).toBeGreaterThan(0);
      expect(await job()).toEqual(first);
      expect(await Promise.all([job(), job()])).toEqual([first, first]);
    } finally {
      await model.release();
    }
  });

  it('cancels a running job through an AbortSignal', async () => {
    const t = new Transcriber({ engine, modelPath: weightlessModelPath(), threads: 2 });
    await t.loadedModel();
    const long = new Float32Array(16000 * 120).fill(0.01);
    const controller = new AbortController();
    const progress: number[] = [0];
    const job = t.transcribe({ pcm: long, signal: controller.signal, onProgress: (p) => progress.push(p) });
    setTimeout(() => controller.abort(), 200);
    await expect(job).rejects.toMatchObject({ code: 'cancelled' });
    // Four 30-s windows; stopping inside the first half proves the flag reached whisper.cpp mid-job.
    expect(Math.max(...progress)).toBeLessThan(50);
    const after = await t.transcribe({ pcm: speech });
    expect(after.segments).toEqual([]);
    await t.dispose();
  });

  it('finds speech with the Silero VAD and nothing in silence, loading the VAD model once', async () => {
    const vad = { modelPath: sileroVadModelPath() };
    const binding = loadNativeBinding();
    const spans = await engine.detectSpeech(speech, vad);
    const loadsAfterFirst = binding.vadLoads();
    expect(await engine.detectSpeech(speech, vad)).toEqual(spans);
    expect(await Promise.all([engine.detectSpeech(speech, vad), engine.detectSpeech(speech, vad)])).toEqual([spans, spans]);
    expect(binding.vadLoads()).toBe(loadsAfterFirst);
    expect(spans.length).toBeGreaterThan(0);
    expect(spans[0]!.start).toBeGreaterThan(1.5);
    expect(spans.at(-1)!.end).toBeLessThan(speech.length / 16000 - 1.5);
    expect(await engine.detectSpeech(new Float32Array(16000 * 5), vad)).toEqual([]);
  });

  it('skips silence with VAD during transcription', async () => {
    const t = new Transcriber({ engine, modelPath: randomWeightModelPath(), vadModelPath: sileroVadModelPath(), threads: 2 });
    const padded = new Float32Array(speech.length + 16000 * 20);
    padded.set(speech, 16000 * 20);
    const result = await t.transcribe({ pcm: padded });
    await t.dispose();
    for (const s of result.segments) expect(s.end).toBeGreaterThan(20);
  });

  it('refuses another language on an English-only model, and names the model', async () => {
    const t = new Transcriber({ engine, modelPath: weightlessModelPath() });
    expect((await t.loadedModel()).info.multilingual).toBe(false);
    await expect(t.transcribe({ pcm: speech, language: 'de' })).rejects.toMatchObject({ code: 'model-english-only' });
    await t.dispose();
  });

  it('rejects a file that is not a Whisper model with a clear error', async () => {
    const bogus = path.join(dir, 'not-a-model.bin');
    fs.writeFileSync(bogus, 'RIFF....WAVEfmt not a model at all');
    const t = new Transcriber({ engine, modelPath: bogus });
    await expect(t.transcribe({ pcm: speech })).rejects.toMatchObject({ code: 'model-load-failed' });
  });
});
