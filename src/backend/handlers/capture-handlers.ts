import path from 'node:path';
import { z } from 'zod';
import type { CaptureService, RecordingStatus } from '../../core/capture/capture-service.js';
import { importRecording } from '../../core/capture/import-recording.js';
import type { RecoveryNotice } from '../../core/capture/recover-into-sessions.js';
import { UserFacingError } from '../../core/errors.js';
import type { Transcriber } from '../../core/transcribe/transcriber.js';
import {
  createSessionWithTranscript,
  fileSession,
  getSetting,
  renameTrackSpeaker,
  segmentsAfter,
  setSetting,
} from '../../db/index.js';
import type { captureChannels } from '../../shared/ipc/capture-channels.js';
import { FileGrants, importedFilePath } from '../file-grants.js';
import { copyIntoDataFolder } from '../imported-audio.js';
import type { HandlersFor, IpcHandlerDeps } from '../ipc-handlers.js';

export interface CaptureDeps {
  service: CaptureService;
  /** The loaded model (shared with live transcription), or null when none is installed. */
  transcriber: () => Promise<Transcriber | null>;
  /** What recovery at this launch found (resolves once it has finished). */
  recoveryNotices: () => Promise<RecoveryNotice[]>;
}

export const consentSettingKey = 'capture.consentText';
export const defaultConsentText =
  'This conversation is recorded and transcribed on this computer to support a fair, structured hiring decision. ' +
  'The recording stays on this device; only structured feedback is shared with the hiring team. ' +
  'Tell me if you would prefer not to be recorded.';

function captureOf(deps: IpcHandlerDeps): CaptureDeps {
  if (!deps.capture) throw new UserFacingError('Recording is not available in this build of Debrief.', 'capture-unavailable');
  return deps.capture;
}

const plainStatus = (s: RecordingStatus) => ({ ...s });

export function createCaptureHandlers(deps: IpcHandlerDeps): HandlersFor<typeof captureChannels> {
  const { db, home } = deps;
  return {
    'capture:start': async (input) => {
      const { service } = captureOf(deps);
      const acknowledged = Date.parse(input.consentAcknowledgedAt);
      if (acknowledged > Date.now() + 60_000) {
        throw new UserFacingError('The consent acknowledgement is dated in the future; acknowledge the notice again.', 'consent-required');
      }
      const { candidateId, requisitionId, stage, ...request } = input;
      const started = await service.start({ ...request, tracks: input.tracks });
      if (candidateId || requisitionId || stage) await fileSession(db, started.sessionId, { candidateId, requisitionId, stage });
      return { sessionId: started.sessionId, tracks: started.tracks.map((t) => ({ id: t.id, source: t.source, speakerLabel: t.speakerLabel })) };
    },
    'capture:pause': async ({ sessionId }) => {
      const { service } = captureOf(deps);
      await service.pause(sessionId);
      return plainStatus(service.status(sessionId));
    },
    'capture:resume': async ({ sessionId }) => {
      const { service } = captureOf(deps);
      await service.resume(sessionId);
      return plainStatus(service.status(sessionId));
    },
    'capture:stop': async ({ sessionId }) => plainStatus(await captureOf(deps).service.stop(sessionId)),
    'capture:active': async () =>
      captureOf(deps)
        .service.activeRecordings()
        .map((r) => ({
          sessionId: r.sessionId,
          state: r.state === 'paused' ? ('paused' as const) : ('recording' as const),
          // Recorded tracks are only ever the microphone or system audio ('file' is an import's).
          tracks: r.tracks.map((t) => ({ id: t.id, source: t.source === 'system' ? ('system' as const) : ('mic' as const), speakerLabel: t.speakerLabel, sampleRate: t.sampleRate, recordedSec: t.recordedSec })),
        })),
    'capture:status': async ({ sessionId, afterPosition }) => ({
      ...captureOf(deps).service.status(sessionId),
      segments: await segmentsAfter(db, sessionId, afterPosition ?? -1),
    }),
    'capture:renameSpeaker': async ({ trackId, speaker }) => {
      await renameTrackSpeaker(db, trackId, speaker);
      return { trackId, speaker };
    },
    'capture:recoveredNotices': async () => captureOf(deps).recoveryNotices(),
    'capture:importAudio': async (input) => {
      const chosen = importedFilePath(deps.files ?? new FileGrants(), input, 'recording');
      const transcriber = await captureOf(deps).transcriber();
      if (!transcriber) {
        throw new UserFacingError('No Whisper model is installed: download or import one in Settings, then import the recording again.', 'model-missing');
      }
      const imported = await importRecording(chosen, { transcriber, splitStereo: input.splitStereo, encryptionKey: deps.encryptionKey });
      // A copy in the data folder survives the original being moved or deleted; a link is kept only when asked.
      const audioPath = input.keepLink ? chosen : await copyIntoDataFolder(home, chosen);
      const sessionId = await createSessionWithTranscript(db, {
        title: input.title ?? path.basename(chosen),
        kind: input.kind ?? 'interview',
        source: 'audio-file',
        durationSec: imported.durationSec,
        tracks: imported.tracks.map((t) => ({
          source: t.source,
          speakerLabel: t.speaker,
          path: audioPath,
          sampleRate: imported.sampleRate,
          channels: imported.channels,
          durationSec: imported.durationSec,
        })),
        segments: imported.tracks
          .flatMap((t, trackIndex) => t.segments.map((s) => ({ ...s, trackIndex })))
          .sort((a, b) => a.start - b.start),
      });
      const segmentCount = imported.tracks.reduce((n, t) => n + t.segments.length, 0);
      return { sessionId, trackCount: imported.tracks.length, segmentCount, notes: imported.notes };
    },
    'settings:getConsent': async () => ({ text: (await getSetting(db, consentSettingKey, z.string())) ?? defaultConsentText }),
    'settings:setConsent': async ({ text }) => {
      await setSetting(db, consentSettingKey, z.string().min(1), text);
      return { text };
    },
  };
}
