import { protocol } from 'electron';
import { fileRangeResponse } from './file-range-response.js';
import { isFromOwnPage } from './media-request.js';
import { mediaScheme, trackIdFromMediaUrl } from '../../shared/media-url.js';

/**
 * Serves `debrief-media://track/<id>` from the track's file, by id only (never a path from the
 * renderer), to our own page only. `trackAudioPath` is findTrackAudioPath in the backend process
 * (the store lives there), which serves only files in the data folder or a user-picked import.
 */
export function handleMediaProtocol(
  trackAudioPath: (trackId: string) => Promise<string | undefined>,
  isOwnPage: (url: string) => boolean,
  /** The install's data key, to play recordings encrypted at rest (undefined while the store is locked). */
  encryptionKey: () => Buffer | undefined = () => undefined,
): void {
  protocol.handle(mediaScheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    if (!isFromOwnPage(request, isOwnPage)) return new Response('Audio is served to Debrief’s own window only', { status: 403 });
    const trackId = trackIdFromMediaUrl(request.url);
    const file = trackId === undefined ? undefined : await trackAudioPath(trackId);
    if (file === undefined) return new Response('No audio for this track', { status: 404 });
    return fileRangeResponse(file, request.headers.get('range'), { encryptionKey: encryptionKey() });
  });
}
