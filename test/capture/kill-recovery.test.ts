import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverRecording } from '../../src/core/capture/recover-recordings.js';
import { scratchDir } from './support/scratch-dir.js';
import { counterChunk } from './fixtures/counter-signal.js';
import { runKillScenario } from './fixtures/kill-scenario.js';
import { readValidWav } from './support/wav-file-check.js';

describe('a recorder killed with SIGKILL mid-stream', () => {
  // Two kill points at different phases of the flush cycle.
  for (const killAfterMs of [1870, 3320]) {
    it(`loses at most 1 s of audio (killed ${killAfterMs} ms in)`, async () => {
      const recordingsDir = scratchDir('debrief-kill-');
      const result = await runKillScenario({ recordingsDir, name: 'session', killAfterMs });
      console.log(`killed at ${killAfterMs} ms: handed ${result.handedFrames} frames, lost ${result.tracks.map((t) => `${t.id} ${t.lostMs.toFixed(0)} ms`).join(', ')}`);

      expect(result.foundUnfinished).toBe(true);
      expect(result.recovery.recovered).toBe(true);
      expect(result.recovery.previousState).toBe('recording');
      // The child fed about killAfterMs of audio in real time.
      expect(result.handedFrames).toBeGreaterThan(((killAfterMs - 300) / 1000) * 48000);
      for (const t of result.tracks) {
        expect(t.firstMismatch, `${t.id}: every recovered sample is the right counter value`).toBe(-1);
        expect(t.recoveredFrames).toBeGreaterThan(0);
        expect(t.lostFrames).toBeGreaterThanOrEqual(0);
        expect(t.lostMs, `${t.id}: lost ${t.lostMs.toFixed(0)} ms`).toBeLessThanOrEqual(1000);
        const rt = result.recovery.tracks.find((r) => r.id === t.id)!;
        expect(rt.frames).toBe(t.recoveredFrames);
        expect(rt.durationSec).toBeCloseTo(t.recoveredFrames / 48000, 6);
      }
      expect(result.recovery.notice).toMatch(/^Recovered an interrupted recording .*You \dm \d+s, Them \dm \d+s/);
    });
  }

  // The same proof with the tracks encrypted at rest: a record cut by the kill is dropped, the rest
  // authenticates and decrypts to exactly what was fed.
  it('loses at most 1 s of audio with encryption on (killed 2610 ms in)', async () => {
    const recordingsDir = scratchDir('debrief-kill-enc-');
    const encryptionKey = randomBytes(32);
    const result = await runKillScenario({ recordingsDir, name: 'session', killAfterMs: 2610, encryptionKey });
    console.log(`encrypted, killed at 2610 ms: handed ${result.handedFrames} frames, lost ${result.tracks.map((t) => `${t.id} ${t.lostMs.toFixed(0)} ms`).join(', ')}`);
    expect(result.foundUnfinished).toBe(true);
    expect(result.recovery.recovered).toBe(true);
    expect(result.handedFrames).toBeGreaterThan(((2610 - 300) / 1000) * 48000);
    for (const t of result.tracks) {
      expect(t.firstMismatch, `${t.id}: every recovered sample is the right counter value`).toBe(-1);
      expect(t.recoveredFrames).toBeGreaterThan(0);
      expect(t.lostMs, `${t.id}: lost ${t.lostMs.toFixed(0)} ms`).toBeLessThanOrEqual(1000);
      expect(result.recovery.tracks.find((r) => r.id === t.id)!.frames).toBe(t.recoveredFrames);
    }
    // Nothing of the audio is readable without the key: the counter's first second is not in the file.
    const dir = path.join(recordingsDir, 'session');
    const plainStart = Buffer.from(counterChunk('mic', 0, 4800).buffer);
    expect(fs.readFileSync(path.join(dir, 'mic.dbaudio')).includes(plainStart.subarray(0, 256))).toBe(false);
    const again = await recoverRecording(dir);
    expect(again.recovered).toBe(false);
    expect(again.tracks.map((t) => [t.frames, t.repaired])).toEqual(result.recovery.tracks.map((t) => [t.frames, false]));
  });

  it('recovery is idempotent and never removes audio', async () => {
    const recordingsDir = scratchDir('debrief-kill-');
    const first = await runKillScenario({ recordingsDir, name: 'session', killAfterMs: 1200 });
    const dir = path.join(recordingsDir, 'session');
    const before = fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))] as const);

    const again = await recoverRecording(dir);
    expect(again.recovered).toBe(false);
    expect(again.previousState).toBe('stopped');
    expect(again.tracks.map((t) => [t.frames, t.repaired])).toEqual(first.recovery.tracks.map((t) => [t.frames, false]));
    for (const [f, bytes] of before) expect(fs.readFileSync(path.join(dir, f)).equals(bytes), `${f} unchanged`).toBe(true);
    for (const t of first.tracks) expect(readValidWav(path.join(dir, `${t.id}.wav`)).frames).toBe(t.recoveredFrames);
  });
});
