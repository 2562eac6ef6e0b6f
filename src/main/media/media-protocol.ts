import { protocol } from 'electron';
import type { Database } from '../../db/index.js';
import { fileRangeResponse } from './file-range-response.js';
import { mediaScheme, trackIdFromMediaUrl } from './media-url.js';
import { findTrackAudioPath } from './track-audio-path.js';

/** Must run before app `ready`: `stream` lets `<audio>` seek with range requests. */
export function registerMediaSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: mediaScheme, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

/** Serves `debrief-media://track/<id>` from the track's file, by id only (never a path from the renderer). */
export function handleMediaProtocol(db: Database): void {
  protocol.handle(mediaScheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const trackId = trackIdFromMediaUrl(request.url);
    const file = trackId === undefined ? undefined : await findTrackAudioPath(db, trackId);
    if (file === undefined) return new Response('No audio for this track', { status: 404 });
    return fileRangeResponse(file, request.headers.get('range'));
  });
}
