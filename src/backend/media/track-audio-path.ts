import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../db/index.js';

/**
 * The audio file of a track, when the track has one, it is still on disk, and it is one Debrief
 * may serve: inside the data folder (`home`, where recordings live), or the file the user picked
 * for an audio import (a session of source 'audio-file' links it where it lies). Audio is only ever
 * served by track id, so the renderer can never name a path itself.
 */
export async function findTrackAudioPath(db: Database, trackId: string, home?: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('tracks')
    .innerJoin('sessions', 'sessions.id', 'tracks.session_id')
    .select(['tracks.path', 'sessions.source'])
    .where('tracks.id', '=', trackId)
    .executeTakeFirst();
  if (!row?.path) return undefined;
  if (home !== undefined && row.source !== 'audio-file' && !isInside(row.path, home)) return undefined;
  try {
    return (await stat(row.path)).isFile() ? row.path : undefined;
  } catch {
    return undefined; // moved or deleted since it was recorded
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
