import { UserFacingError } from '../../core/errors.js';
import type { transcriptionChannels } from '../../shared/ipc/transcription-channels.js';
import type { HandlersFor } from '../ipc-handlers.js';
import type { SessionTranscriptionQueue } from '../session-transcription.js';

export function createTranscriptionHandlers(queue: SessionTranscriptionQueue | undefined): HandlersFor<typeof transcriptionChannels> {
  const q = () => {
    if (!queue) throw new UserFacingError('Transcription is not available in this build of Debrief.', 'transcription-unavailable');
    return queue;
  };
  return {
    'transcription:start': ({ sessionId, model }) => q().start(sessionId, model),
    'transcription:cancel': async ({ sessionId }) => q().cancel(sessionId),
    'transcription:status': async ({ sessionId }) => q().status(sessionId),
  };
}
