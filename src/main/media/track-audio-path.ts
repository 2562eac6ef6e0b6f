import { stat } from 'node:fs/promises';
import type { Database } from '../../db/index.js';

/**
 * The audio file of a track, when the track has one and it is still on disk.
 * Audio is only ever served by track id, so the renderer can never name a path itself.
 */
export async function findTrackAudioPath(db: Database, trackId: string): Promise<string | undefined> {
  const row = await db.selectFrom('tracks').select('path').where('id', '=', trackId).executeTakeFirst();
  if (!row?.path) return undefined;
  try {
    return (await stat(row.path)).isFile() ? row.path : undefined;
  } catch {
    return undefined; // moved or deleted since it was recorded
  }
}
