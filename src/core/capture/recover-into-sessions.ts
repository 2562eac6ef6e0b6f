import { decodeAudioFile } from '../audio/decode-audio-file.js';
import { toMono16k } from '../audio/resample.js';
import { SAMPLE_RATE, type Transcriber } from '../transcribe/transcriber.js';
import type { Segment } from '../transcript/transcript.js';
import { findUnfinishedRecordings, recoverRecording, type UnfinishedRecording } from './recover-recordings.js';

/** What recovery needs from the store: the session's tracks in order, and how far live transcription got. */
export interface RecoveryStore {
  /** The session's tracks in recording order, or undefined when the store has no such session. */
  tracks(sessionId: string): Promise<{ id: string; speaker: string | null }[] | undefined>;
  transcribedUntil(sessionId: string): Promise<Map<string, number>>;
  appendSegments(sessionId: string, trackId: string, segments: Segment[]): Promise<void>;
  finishSession(sessionId: string, result: { status: 'recovered'; endedAt: string; tracks: { id: string; durationSec: number }[] }): Promise<void>;
}

export interface RecoveryNotice {
  sessionId: string;
  message: string;
  /** Seconds of audio transcribed now that live transcription had not reached before the crash. */
  transcribedTailSec: number;
}

/**
 * At launch: repairs every recording a crash left open and closes its session as `recovered` (audio
 * and durations first, so the session is whole even if this is interrupted), then transcribes the
 * part live transcription had not reached, so the session reads as if it had been stopped. A
 * recording that fails to recover is reported and left on disk for the next launch.
 */
export async function recoverIntoSessions(opts: {
  recordingsDir: string;
  store: RecoveryStore;
  transcriber?: Transcriber | null;
  /** What to recover, when the caller has looked already (default: every unfinished recording). */
  unfinished?: UnfinishedRecording[];
  /** Quitting: stop transcribing tails (the sessions are already closed). */
  signal?: AbortSignal;
  /** The install's data key, to read tracks recorded encrypted (repair itself needs none). */
  encryptionKey?: Buffer;
  onError?: (dir: string, err: unknown) => void;
}): Promise<RecoveryNotice[]> {
  const notices: RecoveryNotice[] = [];
  for (const unfinished of opts.unfinished ?? (await findUnfinishedRecordings(opts.recordingsDir))) {
    if (opts.signal?.aborted) break;
    try {
      const recovered = await recoverRecording(unfinished.dir);
      const stored = await opts.store.tracks(recovered.sessionId);
      if (!stored) continue; // audio on disk for a session the store does not know: leave it be
      const until = await opts.store.transcribedUntil(recovered.sessionId);
      await opts.store.finishSession(recovered.sessionId, {
        status: 'recovered',
        endedAt: new Date().toISOString(),
        tracks: recovered.tracks.flatMap((t, i) => (stored[i] ? [{ id: stored[i]!.id, durationSec: t.durationSec }] : [])),
      });
      const notice: RecoveryNotice = { sessionId: recovered.sessionId, message: recovered.notice, transcribedTailSec: 0 };
      notices.push(notice);
      if (!opts.transcriber) continue;
      for (const [i, track] of recovered.tracks.entries()) {
        const trackId = stored[i]?.id;
        if (!trackId || track.missing || track.durationSec <= 0) continue;
        const from = until.get(trackId) ?? 0;
        if (track.durationSec - from < 0.5) continue;
        const pcm = (await toMono16k(await decodeAudioFile(track.file, { encryptionKey: opts.encryptionKey }))).subarray(Math.round(from * SAMPLE_RATE));
        const speaker = stored[i]!.speaker ?? (track.source === 'mic' ? 'You' : 'Them');
        const { segments } = await opts.transcriber.transcribe({ pcm, speaker, offsetSec: from, signal: opts.signal });
        await opts.store.appendSegments(recovered.sessionId, trackId, segments);
        notice.transcribedTailSec += track.durationSec - from;
      }
    } catch (err) {
      if (opts.signal?.aborted) break;
      opts.onError?.(unfinished.dir, err);
    }
  }
  return notices;
}
