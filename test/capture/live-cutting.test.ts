import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadEngine } from '../../src/core/transcribe/engine/load-engine.js';
import { LiveTranscriber } from '../../src/core/transcribe/live-transcriber.js';
import { Transcriber } from '../../src/core/transcribe/transcriber.js';
import { readPcm16k, speechWav, tempDir } from '../support/speech.js';
import { sileroVadModelPath, weightlessModelPath } from '../support/test-models.js';

const RATE = 16000;

/** Parts laid end to end with the given silences between them; returns the audio and each part's span. */
function layout(parts: (Float32Array | number)[]) {
  const total = parts.reduce<number>((n, p) => n + (typeof p === 'number' ? Math.round(p * RATE) : p.length), 0);
  const pcm = new Float32Array(total);
  const spans: { start: number; end: number }[] = [];
  let at = 0;
  for (const p of parts) {
    if (typeof p === 'number') at += Math.round(p * RATE);
    else {
      pcm.set(p, at);
      spans.push({ start: at / RATE, end: (at + p.length) / RATE });
      at += p.length;
    }
  }
  return { pcm, spans };
}

// Where live transcription cuts the audio, with the real engine (the weightless model: full compute,
// no words, so the chunks themselves are what is observed) and Silero VAD.
describe('live transcription cuts', () => {
  const engine = loadEngine('native');
  let transcriber: Transcriber;
  let question: Float32Array;
  let answer: Float32Array;

  beforeAll(() => {
    const dir = tempDir();
    transcriber = new Transcriber({ engine, modelPath: weightlessModelPath(), threads: 2 });
    question = readPcm16k(speechWav('Tell me about the last project you led.', dir, 'question'));
    answer = readPcm16k(speechWav('I led the billing migration, which took four months and two rollbacks, and then we moved every region.', dir, 'answer'));
  });

  afterAll(() => transcriber?.dispose());

  function live(chunks: { startSec: number; endSec: number }[]) {
    return new LiveTranscriber({
      transcriber,
      detectSpeech: (pcm) => engine.detectSpeech(pcm, { modelPath: sileroVadModelPath() }),
      tracks: [{ id: 'mic', speaker: 'You' }],
      onSegments: (_track, _segments, chunk) => void chunks.push(chunk),
    });
  }

  it('cuts after a finished utterance while the next one is still being spoken', async () => {
    // A short pause (0.8 s) between question and answer, then the answer still going when we look.
    const { pcm, spans } = layout([0.5, question, 0.8, answer]);
    const chunks: { startSec: number; endSec: number }[] = [];
    const transcription = live(chunks);
    for (let at = 0; at < pcm.length; at += RATE / 10) {
      transcription.push('mic', pcm.slice(at, at + RATE / 10));
      await new Promise((r) => setTimeout(r, 5));
    }
    // Before Stop: the question is its own chunk, cut inside the pause.
    await vi.waitFor(() => expect(chunks.length).toBeGreaterThan(0), { timeout: 30_000 });
    expect(chunks[0]!.endSec).toBeGreaterThan(spans[0]!.end);
    expect(chunks[0]!.endSec).toBeLessThan(spans[1]!.start);
    await transcription.stop();
    // After Stop the rest (the answer) is a chunk too, and together they cover the recording.
    expect(chunks.at(-1)!.endSec).toBeCloseTo(pcm.length / RATE, 2);
    expect(transcription.backlogSec).toBe(0);
  });

  it('keeps cutting audio that arrived all at once, without waiting for more', async () => {
    // Ninety seconds delivered in one go (a stalled sender catching up): the backlog drains on its own.
    const turn = layout([question, 1.2, answer, 1.5]).pcm;
    const chunks: { startSec: number; endSec: number }[] = [];
    const transcription = live(chunks);
    for (let fed = 0; fed < 90 * RATE; fed += turn.length) transcription.push('mic', turn);
    expect(transcription.backlogSec).toBeGreaterThan(30);
    await vi.waitFor(() => expect(transcription.backlogSec).toBeLessThanOrEqual(1), { timeout: 120_000, interval: 200 });
    // Cut into chunks Whisper takes in one window, at pauses, up to the last chunk's worth.
    const fedSec = Math.ceil((90 * RATE) / turn.length) * (turn.length / RATE);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const c of chunks) expect(c.endSec - c.startSec).toBeLessThanOrEqual(25);
    expect(chunks.at(-1)!.endSec).toBeGreaterThan(fedSec - 25);
    await transcription.stop();
    expect(chunks.at(-1)!.endSec).toBeCloseTo(fedSec, 2);
  });
});
