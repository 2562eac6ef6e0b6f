import { randomUUID } from 'node:crypto';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { recordingsDir } from '../core/app-paths.js';
import { UserFacingError } from '../core/errors.js';

/** Copies an imported recording into the data folder (its own folder, so names never clash); returns the copy's path. */
export async function copyIntoDataFolder(home: string, source: string): Promise<string> {
  const folder = path.join(recordingsDir(home), 'imported', randomUUID());
  await mkdir(folder, { recursive: true });
  const dest = path.join(folder, path.basename(source));
  try {
    await copyFile(source, dest);
  } catch (err) {
    const full = (err as NodeJS.ErrnoException).code === 'ENOSPC';
    throw new UserFacingError(
      full ? `The disk is full, so ${path.basename(source)} could not be copied into Debrief's data folder. Free some space, or import it as a link.` : `${path.basename(source)} could not be copied into Debrief's data folder: ${(err as Error).message}`,
      full ? 'disk-full' : 'import-copy-failed',
      { cause: err },
    );
  }
  return dest;
}
