import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEngine } from '../../src/core/transcribe/engine/load-engine.js';
import { Transcriber } from '../../src/core/transcribe/transcriber.js';
import type { WhisperEngine } from '../../src/core/transcribe/engine/whisper-engine.js';
import { readPcm16k, speechWav, tempDir } from '../support/speech.js';
import { randomWeightModelPath } from '../support/test-models.js';
import { quantizedModelPath, type QuantType } from '../support/upstream-whisper.js';

// The catalog offers quantized models: made here from the random-weight tiny.en with whisper.cpp's
// own quantize tool (built from the same source, cached in .cache), they must load and transcribe.
describe('quantized models', () => {
  let engine: WhisperEngine;
  let speech: Float32Array;

  beforeAll(() => {
    engine = loadEngine('native');
    speech = readPcm16k(speechWav('Walk me through the last incident you handled on call.', tempDir(), 'speech', { padSec: 1 }));
  }, 60_000);

  for (const type of ['q5_1', 'q8_0'] satisfies QuantType[]) {
    it(`loads and transcribes a ${type} model`, { timeout: 600_000 }, async () => {
      const file = quantizedModelPath(type); // builds whisper-quantize once (minutes) when not cached
      expect(fs.statSync(file).size).toBeLessThan(fs.statSync(randomWeightModelPath()).size * 0.75);
      const transcriber = new Transcriber({ engine, modelPath: file, threads: 2 });
      try {
        expect((await transcriber.loadedModel()).info.type).toBe('tiny');
        const { segments } = await transcriber.transcribe({ pcm: speech });
        expect(segments.length).toBeGreaterThan(0);
        const duration = speech.length / 16000;
        for (const s of segments) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(duration + 0.01);
          expect(s.text.length).toBeGreaterThan(0);
        }
      } finally {
        await transcriber.dispose();
      }
    });
  }
});
