import fs from 'node:fs/promises';
import path from 'node:path';
import { recordingsDir } from '../../core/app-paths.js';
import { readWavHeader, WAV_FORMAT_PCM } from '../../core/audio/wav.js';
import { ENCRYPTED_AUDIO_EXTENSION, EncryptedAudioWriter } from '../../core/privacy/encrypted-audio.js';
import { secureUnlink } from '../../core/privacy/secure-unlink.js';
import { syncFolder } from '../../core/privacy/store-key.js';
import type { Database } from '../open-database.js';

/** Seconds of audio per record when converting: big records, few syncs; the player decrypts whole records. */
const RECORD_SEC = 10;
const PARTIAL = '.partial';

export type EncryptRecordingStep = 'copied' | 'renamed' | 'switched' | 'unlinked';

export interface EncryptRecordingsReport {
  /** Tracks whose WAV became encrypted audio. */
  encrypted: number;
  /** Leftovers of an interrupted run tidied (half-written copies, WAVs already replaced). */
  tidied: number;
  /** Tracks left as they are, with the reason (not PCM16, unreadable…); their audio is untouched. */
  skipped: { trackId: string; reason: string }[];
}

/**
 * Recordings made before encryption was on are encrypted in place, crash-safely. For each track the
 * store still points at a WAV in the recordings folder: an encrypted copy is written beside it
 * (`.dbaudio.partial`), synced and renamed; the store is pointed at it; then the WAV is securely
 * unlinked. A kill at any point leaves the store pointing at a whole file, and the next run finishes
 * the job: a partial copy or an unreferenced encrypted copy is redone, a WAV already replaced is
 * removed. `isRecording` keeps a session being recorded out of it.
 */
export async function encryptRecordingsInPlace(
  db: Database,
  home: string,
  key: Buffer,
  options: {
    isRecording?: (sessionId: string) => boolean;
    /** After each step of a track, for the crash test that kills the process at each. */
    onStep?: (step: EncryptRecordingStep, trackId: string) => void;
  } = {},
): Promise<EncryptRecordingsReport> {
  const step = options.onStep ?? (() => {});
  const report: EncryptRecordingsReport = { encrypted: 0, tidied: 0, skipped: [] };
  const root = path.resolve(recordingsDir(home));
  const tracks = await db
    .selectFrom('tracks')
    .innerJoin('sessions', 'sessions.id', 'tracks.session_id')
    .select(['tracks.id', 'tracks.path', 'tracks.session_id', 'sessions.source'])
    .where('sessions.source', '=', 'recording')
    .execute();
  const inRecordings = (file: string) => path.resolve(file).startsWith(root + path.sep);

  for (const t of tracks) {
    if (!t.path || !inRecordings(t.path) || options.isRecording?.(t.session_id)) continue;
    const wav = t.path;
    if (wav.endsWith(ENCRYPTED_AUDIO_EXTENSION)) {
      // Already encrypted: a WAV beside it is what a kill between the switch and the unlink left.
      if (await secureUnlink(swapExtension(wav, '.wav'))) report.tidied++;
      continue;
    }
    if (path.extname(wav).toLowerCase() !== '.wav') continue;
    const target = swapExtension(wav, ENCRYPTED_AUDIO_EXTENSION);
    // The store still says WAV, so any encrypted copy is unfinished business: start it again.
    for (const stale of [target, `${target}${PARTIAL}`]) {
      if (await exists(stale)) {
        await fs.rm(stale, { force: true });
        report.tidied++;
      }
    }
    try {
      await encryptWav(wav, `${target}${PARTIAL}`, key);
    } catch (err) {
      await fs.rm(`${target}${PARTIAL}`, { force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // the audio is gone already (deleted by hand): nothing to protect
      report.skipped.push({ trackId: t.id, reason: err instanceof Error ? err.message : String(err) });
      continue;
    }
    step('copied', t.id);
    await fs.rename(`${target}${PARTIAL}`, target);
    syncFolder(path.dirname(target));
    step('renamed', t.id);
    const switched = await db.updateTable('tracks').set({ path: target }).where('id', '=', t.id).where('path', '=', wav).executeTakeFirst();
    if (switched.numUpdatedRows === 0n) {
      // Someone else changed the track meanwhile (erased, retention): theirs wins, ours goes.
      await fs.rm(target, { force: true });
      continue;
    }
    step('switched', t.id);
    await secureUnlink(wav);
    step('unlinked', t.id);
    report.encrypted++;
  }
  return report;
}

/** The WAV's PCM, RECORD_SEC at a time, into a new encrypted file; `out` is whole and synced when this resolves. */
async function encryptWav(wav: string, out: string, key: Buffer): Promise<void> {
  const input = await fs.open(wav, 'r');
  try {
    const { size } = await input.stat();
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await input.read(head, 0, head.length, 0);
    const h = readWavHeader(head, wav);
    if (h.formatTag !== WAV_FORMAT_PCM || h.bitsPerSample !== 16) throw new Error(`${wav} is not 16-bit PCM; left as it is`);
    const end = h.dataSizeUnknown ? size : Math.min(size, h.dataOffset + h.dataBytes);
    const frameBytes = h.channels * 2;
    const pieceBytes = RECORD_SEC * h.sampleRate * frameBytes;
    const writer = await EncryptedAudioWriter.create(out, key, { sampleRate: h.sampleRate, channels: h.channels });
    try {
      const piece = Buffer.alloc(pieceBytes);
      // Whole frames only: a trailing half frame is not audio.
      const last = end - ((end - h.dataOffset) % frameBytes);
      for (let at = h.dataOffset; at < last; at += pieceBytes) {
        const n = Math.min(pieceBytes, last - at);
        const { bytesRead } = await input.read(piece, 0, n, at);
        if (bytesRead !== n) throw new Error(`${wav} shrank while being encrypted`);
        await writer.append(piece.subarray(0, n));
      }
    } finally {
      await writer.close();
    }
  } finally {
    await input.close();
  }
}

function swapExtension(file: string, ext: string): string {
  const current = file.endsWith(ENCRYPTED_AUDIO_EXTENSION) ? ENCRYPTED_AUDIO_EXTENSION : path.extname(file);
  return `${file.slice(0, file.length - current.length)}${ext}`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
