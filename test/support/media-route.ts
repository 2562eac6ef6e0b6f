import type { Database } from '../../src/db/index.js';
import { fileRangeResponse } from '../../src/main/media/file-range-response.js';
import { findTrackAudioPath } from '../../src/backend/media/track-audio-path.js';

/** Where the test page fetches a track's audio: `/media/<trackId>`. */
export const testMediaUrl = (trackId: string) => `/media/${encodeURIComponent(trackId)}`;

/**
 * Stands in for the debrief-media:// protocol on the test server: the same lookup and the same
 * range responses. `seenRanges` collects the Range headers asked for.
 */
export function mediaRoute(db: Database, seenRanges: string[] = [], encryptionKey?: Buffer) {
  return async (request: Request): Promise<Response | undefined> => {
    const match = /^\/media\/([^/]+)$/.exec(new URL(request.url).pathname);
    if (!match) return undefined;
    const file = await findTrackAudioPath(db, decodeURIComponent(match[1]!));
    if (!file) return new Response('No audio', { status: 404 });
    const range = request.headers.get('range');
    if (range) seenRanges.push(range);
    return fileRangeResponse(file, range, { encryptionKey });
  };
}
