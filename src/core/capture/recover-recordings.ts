import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { UserFacingError } from '../errors.js';
import { JOURNAL_FILE, readJournal, writeJournal, type RecordingState, type TrackSource } from './recording-journal.js';
import { ENCRYPTED_AUDIO_EXTENSION, repairEncryptedAudio } from '../privacy/encrypted-audio.js';
import { repairWavFile } from './wav-header.js';
import type { RecordedTrack } from './recording-writer.js';

/**
 * After a crash or power loss, the recordings folder can hold sessions whose journal never reached
 * `stopped`. The app lists them at start-up, repairs each, and shows the notice. Recovery only
 * rewrites WAV headers and cuts a trailing half sample frame (or, for encrypted tracks, the record
 * being written): it never deletes audio, and running it twice changes nothing the second time.
 */

export interface UnfinishedRecording {
  dir: string;
  sessionId?: string;
  startedAt?: string;
  state?: RecordingState;
  /** Set when the journal cannot be read; `recoverRecording` will then refuse with this message. */
  journalError?: string;
}

export interface RecoveredTrack extends RecordedTrack {
  /** The file was missing (the crash came before it was created). */
  missing: boolean;
  /** The header or length was changed. */
  repaired: boolean;
  truncatedBytes: number;
}

export interface RecoveredRecording {
  dir: string;
  sessionId: string;
  startedAt: string;
  /** The journal's state before recovery; `stopped` means there was nothing to recover. */
  previousState: RecordingState;
  /** True when this call turned an interrupted recording into a stopped one. */
  recovered: boolean;
  durationSec: number;
  tracks: RecoveredTrack[];
  /** One sentence for the app to show the user. */
  notice: string;
}

export async function findUnfinishedRecordings(recordingsDir: string): Promise<UnfinishedRecording[]> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(recordingsDir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const found: UnfinishedRecording[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(recordingsDir, entry.name);
    try {
      await fs.access(path.join(dir, JOURNAL_FILE));
    } catch {
      continue; // not a recording folder
    }
    try {
      const journal = await readJournal(dir);
      if (journal.state !== 'stopped') found.push({ dir, sessionId: journal.session_id, startedAt: journal.started_at, state: journal.state });
    } catch (err) {
      if (!(err instanceof UserFacingError)) throw err;
      found.push({ dir, journalError: err.message });
    }
  }
  return found.sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? '') || a.dir.localeCompare(b.dir));
}

const LABELS: Record<TrackSource, string> = { mic: 'You', system: 'Them' };

function clock(sec: number): string {
  const total = Math.floor(sec);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}h ${m}m ${s}s` : `${m}m ${s}s`;
}

/** Encrypted tracks: the record a crash cut is dropped; the key is not needed to find it. */
async function repairEncryptedTrack(file: string, channels: number): Promise<{ frames: number; repaired: boolean; truncatedBytes: number }> {
  const r = await repairEncryptedAudio(file);
  return { frames: r.pcmBytes / (channels * 2), repaired: r.truncatedBytes > 0, truncatedBytes: r.truncatedBytes };
}

export async function recoverRecording(dir: string): Promise<RecoveredRecording> {
  const journal = await readJournal(dir);
  const tracks: RecoveredTrack[] = [];
  for (const t of journal.tracks) {
    const file = path.join(dir, t.file);
    const base = { id: t.id, source: t.source, file, sampleRate: t.sample_rate, channels: t.channels };
    try {
      const r = file.endsWith(ENCRYPTED_AUDIO_EXTENSION) ? await repairEncryptedTrack(file, t.channels) : await repairWavFile(file, { sampleRate: t.sample_rate, channels: t.channels });
      tracks.push({ ...base, frames: r.frames, durationSec: r.frames / t.sample_rate, missing: false, repaired: r.repaired, truncatedBytes: r.truncatedBytes });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      tracks.push({ ...base, frames: 0, durationSec: 0, missing: true, repaired: false, truncatedBytes: 0 });
    }
  }
  const recovered = journal.state !== 'stopped';
  if (recovered) {
    const now = new Date().toISOString();
    try {
      await writeJournal(dir, {
        ...journal,
        state: 'stopped',
        updated_at: now,
        recovered_at: now,
        tracks: journal.tracks.map((t, i) => ({ ...t, frames: tracks[i]!.frames })),
      });
    } catch (err) {
      // The audio is already repaired; only the "done" mark is missing, and a retry is harmless.
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      const fix = code === 'ENOSPC' || code === 'EDQUOT' ? 'free some disk space' : 'make the folder writable';
      throw new UserFacingError(
        `Recovered the audio in ${dir} but could not mark it finished in ${JOURNAL_FILE} (${code}); ${fix} and recovery will finish next time.`,
        code === 'ENOSPC' || code === 'EDQUOT' ? 'recording-disk-full' : 'recording-unwritable',
        { cause: err },
      );
    }
  }
  const durationSec = Math.max(0, ...tracks.map((t) => t.durationSec));
  const perTrack = tracks.map((t) => `${LABELS[t.source]} ${t.missing ? 'missing' : clock(t.durationSec)}`).join(', ');
  const notice = recovered
    ? `Recovered an interrupted recording started ${journal.started_at}: ${clock(durationSec)} of audio (${perTrack}).`
    : `Recording started ${journal.started_at} was already complete: ${clock(durationSec)} of audio (${perTrack}).`;
  return { dir, sessionId: journal.session_id, startedAt: journal.started_at, previousState: journal.state, recovered, durationSec, tracks, notice };
}
