import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRecordingWriter, type RecordingWriter } from '../../src/core/capture/recording-writer.js';
import { findUnfinishedRecordings, recoverRecording } from '../../src/core/capture/recover-recordings.js';
import { readJournal } from '../../src/core/capture/recording-journal.js';
import type { UserFacingError } from '../../src/core/errors.js';
import { scratchDir } from './support/scratch-dir.js';
import { firstCounterMismatch } from './fixtures/counter-signal.js';
import { feedCounter } from './support/feed-counter.js';
import {
  mountExt4,
  mountExt4Image,
  mountTmpfs,
  mountUnavailableReason,
  repairExt4Image,
  triggerExt4Error,
  unmount,
} from './support/scratch-mounts.js';
import { readValidWav } from './support/wav-file-check.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const RATE = 48000;

const mountProblem = mountUnavailableReason(scratchDir('debrief-probe-'));
if (mountProblem) {
  // Only when the kernel refuses mounts; the RLIMIT_FSIZE test below still covers a full disk.
  console.warn(`disk-failures: ${mountProblem}; the tmpfs and read-only tests are skipped`);
}

const mounted: string[] = [];
afterEach(() => {
  for (const dir of mounted.splice(0).reverse()) unmount(dir);
});

function twoTrackWriter(dir: string): Promise<RecordingWriter> {
  return createRecordingWriter({
    dir,
    sessionId: path.basename(dir),
    flushIntervalMs: 100,
    tracks: [
      { id: 'mic', source: 'mic', sampleRate: RATE, channels: 1 },
      { id: 'system', source: 'system', sampleRate: RATE, channels: 1 },
    ],
  });
}

/** Both track files are valid WAVs holding an unbroken prefix of what was fed; returns their frames. */
function expectValidPrefixes(dir: string, fed: number, options: { allowTrailing?: boolean } = {}): number[] {
  return (['mic', 'system'] as const).map((id) => {
    const wav = readValidWav(path.join(dir, `${id}.wav`), options);
    expect(wav.sampleRate).toBe(RATE);
    expect(wav.channels).toBe(1);
    expect(wav.frames).toBeGreaterThan(0);
    expect(wav.frames).toBeLessThanOrEqual(fed);
    expect(firstCounterMismatch(id, wav.samples), `${id}: samples are the fed signal, in order`).toBe(-1);
    return wav.frames;
  });
}

describe('recording onto a disk that fills up', () => {
  it.skipIf(mountProblem !== null)('stops with recording-disk-full and leaves valid WAV files (200 KiB tmpfs)', async () => {
    const mnt = path.join(scratchDir('debrief-full-'), 'mnt');
    mountTmpfs(mnt, 200);
    mounted.push(mnt);
    const dir = path.join(mnt, 'session');
    const writer = await twoTrackWriter(dir);
    const errors: UserFacingError[] = [];
    writer.onError((err) => errors.push(err));

    const fed = await feedCounter(writer, { sampleRate: RATE, maxSeconds: 20, speed: 20 });
    // On a busy machine the feed can end before the flush that hits the limit has run.
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0), { timeout: 10_000 });

    expect(errors.map((e) => e.code)).toEqual(['recording-disk-full']);
    expect(errors[0]!.message).toMatch(/disk is full.*session[/\\](mic|system)\.wav/);
    expect(writer.stats().state).toBe('failed');
    expect(writer.write('mic', new Int16Array(480))).toBe(false);
    const summary = await writer.stop();
    expect(summary.error?.code).toBe('recording-disk-full');

    const frames = expectValidPrefixes(dir, fed);
    // The disk holds ~200 KiB: together the tracks got most of it.
    expect(frames[0]! + frames[1]!).toBeGreaterThan(60_000);
    expect(summary.tracks.map((t) => t.frames)).toEqual(frames);
  });

  it('maps a file-size limit (EFBIG, via ulimit -f in a child) to recording-disk-full with valid WAV files', () => {
    const dir = path.join(scratchDir('debrief-fsize-'), 'session');
    const child = path.join(here, 'fixtures', 'fill-disk-child.ts');
    const out = execFileSync('bash', ['-c', 'ulimit -f 256 && exec "$0" --import tsx "$1" "$2"', process.execPath, child, dir], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { fed: number; errors: { code: string; message: string }[]; tracks: { frames: number }[]; summaryError: string };
    expect(result.errors.map((e) => e.code)).toEqual(['recording-disk-full']);
    expect(result.errors[0]!.message).toMatch(/EFBIG/);
    expect(result.summaryError).toBe('recording-disk-full');
    const frames = expectValidPrefixes(dir, result.fed);
    expect(result.tracks.map((t) => t.frames)).toEqual(frames);
    // 256 KiB limit per file: each track stops just under it.
    for (const f of frames) expect(f * 2 + 44).toBeGreaterThan(250 * 1024);
  });
});

describe('recording into a folder that becomes read-only', () => {
  it.skipIf(mountProblem !== null)('stops with recording-unwritable, leaves valid WAV files, and recovers once writable', async () => {
    const scratch = scratchDir('debrief-ro-');
    const image = path.join(scratch, 'disk.img');
    const mnt = path.join(scratch, 'mnt');
    mountExt4Image(mnt, image, 16);
    mounted.push(mnt);
    const dir = path.join(mnt, 'session');
    const writer = await twoTrackWriter(dir);
    const errors: UserFacingError[] = [];
    writer.onError((err) => errors.push(err));

    let broken = false;
    const fed = await feedCounter(writer, {
      sampleRate: RATE,
      maxSeconds: 10,
      speed: 4,
      onProgress: (frames) => {
        if (!broken && frames >= RATE * 1.5) {
          broken = true;
          triggerExt4Error(mnt); // the kernel remounts the file system read-only
        }
      },
    });
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0), { timeout: 10_000 });

    expect(errors.map((e) => e.code)).toEqual(['recording-unwritable']);
    // A write in flight when ext4 turns read-only fails with EIO; later ones with EROFS. Either is this error.
    expect(errors[0]!.message).toMatch(/Cannot write to the recording folder .*session \((EROFS|EIO)/);
    const summary = await writer.stop();
    expect(summary.error?.code).toBe('recording-unwritable');
    // Readable while still read-only. The disk can turn read-only between an append and its header
    // patch, so the header may declare a little less than landed: still a valid WAV of a prefix.
    const frames = expectValidPrefixes(dir, fed, { allowTrailing: true });
    summary.tracks.forEach((t, i) => {
      expect(frames[i]).toBeLessThanOrEqual(t.frames);
      expect(t.frames - frames[i]!).toBeLessThanOrEqual(RATE);
    });
    expect(Math.min(...frames)).toBeGreaterThan(RATE * 0.5);

    // The journal could not be finalized on a read-only disk, so the app finds the session once
    // the disk is back, and recovery completes it.
    expect((await readJournal(dir)).state).toBe('recording');
    unmount(mnt);
    mounted.pop();
    repairExt4Image(image);
    mountExt4(mnt, image);
    mounted.push(mnt);
    expect((await findUnfinishedRecordings(mnt)).map((u) => u.dir)).toEqual([dir]);
    const recovered = await recoverRecording(dir);
    expect(recovered.recovered).toBe(true);
    const after = expectValidPrefixes(dir, fed);
    expect(recovered.tracks.map((t) => t.frames)).toEqual(after);
    after.forEach((f, i) => expect(f).toBeGreaterThanOrEqual(frames[i]!));
    expect((await readJournal(dir)).state).toBe('stopped');
    expect(fs.readdirSync(dir).sort()).toEqual(['mic.wav', 'recording.json', 'system.wav']);
  });
});
