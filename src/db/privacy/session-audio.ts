import path from 'node:path';
import { recordingsDir } from '../../core/app-paths.js';
import { isInside, secureRemoveFolder, secureUnlink } from '../../core/privacy/secure-unlink.js';
import type { Database } from '../open-database.js';

export interface RemovedAudio {
  /** Audio files securely unlinked from the data folder. */
  files: number;
  /** Files outside the data folder (an imported recording is the user's own): left in place. */
  leftInPlace: string[];
}

/**
 * Securely deletes the audio of these sessions that Debrief keeps: each track file inside the data
 * folder, and the session's recording folder (its journal too). Rows are the caller's to change.
 */
export async function removeSessionAudio(db: Database, home: string, sessionIds: readonly string[]): Promise<RemovedAudio> {
  const removed: RemovedAudio = { files: 0, leftInPlace: [] };
  if (sessionIds.length === 0) return removed;
  const tracks = await db.selectFrom('tracks').select(['path']).where('session_id', 'in', sessionIds).where('path', 'is not', null).execute();
  for (const { path: file } of tracks) {
    if (!file) continue;
    if (!isInside(home, file)) {
      removed.leftInPlace.push(file);
      continue;
    }
    if (await secureUnlink(file)) removed.files++;
  }
  for (const id of sessionIds) removed.files += await secureRemoveFolder(path.join(recordingsDir(home), id));
  return removed;
}
