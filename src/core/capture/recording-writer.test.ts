import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors.js';
import { readJournal } from './recording-journal.js';
import { createRecordingWriter, type RecordingWriterOptions } from './recording-writer.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'debrief-writer-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const tracks: RecordingWriterOptions['tracks'] = [
  { id: 'mic', source: 'mic', sampleRate: 16000, channels: 1 },
  { id: 'system', source: 'system', sampleRate: 16000, channels: 2 },
];

/** Reads a WAV as written on disk: header data size and the samples it covers. */
function onDisk(file: string): { dataSize: number; length: number; samples: number[] } {
  const b = readFileSync(file);
  const dataSize = b.readUInt32LE(40);
  return { dataSize, length: b.length, samples: Array.from({ length: dataSize / 2 }, (_, i) => b.readInt16LE(44 + i * 2)) };
}

const ramp = (from: number, n: number) => Int16Array.from({ length: n }, (_, i) => from + i);

describe('createRecordingWriter', () => {
  it('writes each track to its own WAV file and finalizes on stop', async () => {
    const dir = path.join(root, 's1');
    const w = await createRecordingWriter({ dir, sessionId: 's1', tracks });
    expect((await readJournal(dir)).state).toBe('recording');
    expect(w.write('mic', ramp(0, 1600))).toBe(true);
    expect(w.write('mic', new Float32Array([0.5, -0.5]))).toBe(true);
    expect(w.write('system', ramp(-100, 400))).toBe(true); // 200 stereo frames

    const summary = await w.stop();
    expect(summary.error).toBeUndefined();
    expect(summary.tracks.map((t) => [t.id, t.frames, t.file])).toEqual([
      ['mic', 1602, path.join(dir, 'mic.wav')],
      ['system', 200, path.join(dir, 'system.wav')],
    ]);
    expect(summary.durationSec).toBeCloseTo(1602 / 16000, 9);
    const mic = onDisk(path.join(dir, 'mic.wav'));
    expect(mic.samples).toEqual([...ramp(0, 1600), 16384, -16384]);
    expect(mic.length).toBe(44 + mic.dataSize);
    expect(onDisk(path.join(dir, 'system.wav')).samples).toEqual([...ramp(-100, 400)]);

    const journal = await readJournal(dir);
    expect(journal).toMatchObject({ state: 'stopped', session_id: 's1', tracks: [{ id: 'mic', frames: 1602, file: 'mic.wav', sample_rate: 16000, channels: 1 }, { id: 'system', frames: 200, channels: 2 }] });
    expect(journal.stopped_at).toBe(summary.stoppedAt);
    expect(await w.stop()).toEqual(summary); // idempotent
    expect(w.write('mic', ramp(0, 10))).toBe(false);
  });

  it('makes written audio durable within the flush interval, with a valid header, while still recording', async () => {
    const dir = path.join(root, 's2');
    const w = await createRecordingWriter({ dir, sessionId: 's2', tracks, flushIntervalMs: 200 });
    w.write('mic', ramp(0, 3200));
    await sleep(260);
    const mid = onDisk(path.join(dir, 'mic.wav'));
    expect(mid.dataSize).toBe(6400);
    expect(mid.length).toBe(44 + 6400);
    expect(w.stats().tracks[0]).toMatchObject({ framesReceived: 3200, framesDurable: 3200 });
    expect(w.stats().bufferedBytes).toBe(0);
    await w.stop();
  });

  it('signals backpressure past the high-water mark and drains', async () => {
    const dir = path.join(root, 's3');
    const w = await createRecordingWriter({ dir, sessionId: 's3', tracks, highWaterMarkBytes: 64 * 1024 });
    let accepted = true;
    let from = 0;
    while (accepted) {
      accepted = w.write('mic', ramp(from % 30000, 4000));
      from += 4000;
    }
    expect(w.bufferedBytes).toBeGreaterThanOrEqual(64 * 1024);
    await w.whenDrained();
    expect(w.bufferedBytes).toBeLessThan(64 * 1024);
    const summary = await w.stop();
    expect(summary.tracks[0]!.frames).toBe(from);
  });

  it('drops audio while paused and records the state in the journal', async () => {
    const dir = path.join(root, 's4');
    const w = await createRecordingWriter({ dir, sessionId: 's4', tracks });
    w.write('mic', ramp(0, 100));
    await w.pause();
    expect((await readJournal(dir)).state).toBe('paused');
    expect(onDisk(path.join(dir, 'mic.wav')).dataSize).toBe(200); // pause flushes
    expect(w.write('mic', ramp(5000, 50))).toBe(true);
    await w.resume();
    expect((await readJournal(dir)).state).toBe('recording');
    w.write('mic', ramp(100, 100));
    const summary = await w.stop();
    expect(onDisk(summary.tracks[0]!.file).samples).toEqual([...ramp(0, 200)]);
    expect(w.stats().tracks[0]!.framesDroppedWhilePaused).toBe(50);
  });

  it('keeps memory flat: queued chunks are reused across many flushes', async () => {
    const dir = path.join(root, 's5');
    const w = await createRecordingWriter({ dir, sessionId: 's5', tracks: [tracks[0]!], flushIntervalMs: 20 });
    const chunk = ramp(0, 160);
    for (let i = 0; i < 3000; i++) {
      w.write('mic', chunk);
      // Every 32 KB, wait for a flush: what the queue holds then depends on reuse, not on how busy the machine is.
      if (i % 100 === 99) {
        const flushed = w.stats().flushes;
        while (w.stats().flushes === flushed) await sleep(5);
      }
    }
    const summary = await w.stop();
    expect(summary.tracks[0]!.frames).toBe(3000 * 160);
    const stats = w.stats();
    expect(stats.flushes).toBeGreaterThan(10);
    // 960 KB went through; the queue never held more than a few 64 KiB chunks.
    expect(stats.queueMemoryBytes).toBeLessThanOrEqual(4 * 64 * 1024);
  });

  it('refuses to record over an existing recording', async () => {
    const dir = path.join(root, 's6');
    const w = await createRecordingWriter({ dir, sessionId: 's6', tracks });
    await w.stop();
    const err = await createRecordingWriter({ dir, sessionId: 's6b', tracks }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect(err).toMatchObject({ code: 'recording-exists' });
    expect((err as Error).message).toContain('recording.json');
  });

  it('refuses a leftover track file rather than overwrite its audio', async () => {
    const dir = path.join(root, 's7');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'mic.wav'), 'precious');
    const err = await createRecordingWriter({ dir, sessionId: 's7', tracks }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect(readFileSync(path.join(dir, 'mic.wav'), 'utf8')).toBe('precious');
  });

  it('validates options, naming the field', async () => {
    const bad: [Partial<RecordingWriterOptions>, RegExp][] = [
      [{ tracks: [{ ...tracks[0]!, id: '../x' }] }, /tracks\[0\]\.id/],
      [{ tracks: [tracks[0]!, tracks[0]!] }, /unique/],
      [{ flushIntervalMs: 5000 }, /flushIntervalMs/],
      [{ tracks: [{ ...tracks[0]!, sampleRate: 12.5 }] }, /sampleRate/],
    ];
    for (const [patch, message] of bad) {
      const err = await createRecordingWriter({ dir: path.join(root, 'bad'), sessionId: 'x', tracks, ...patch }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'recording-invalid-options' });
      expect((err as Error).message).toMatch(message);
    }
    expect(existsSync(path.join(root, 'bad'))).toBe(false);
  });

  it('throws on an unknown track or a partial frame (programming errors)', async () => {
    const w = await createRecordingWriter({ dir: path.join(root, 's8'), sessionId: 's8', tracks });
    expect(() => w.write('camera', ramp(0, 2))).toThrow(/unknown track "camera"/);
    expect(() => w.write('system', ramp(0, 3))).toThrow(/2 channels/);
    await w.stop();
  });
});
