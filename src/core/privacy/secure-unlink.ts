import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Deletes a file so its bytes do not linger in the data folder's blocks: overwritten with zeros,
 * fsynced, truncated, then unlinked. (On SSDs and copy-on-write file systems the old blocks may
 * survive below the file system; encryption at rest is what covers those.) A missing file is fine.
 */
export async function secureUnlink(file: string): Promise<boolean> {
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(file, 'r+');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  try {
    const { size } = await fh.stat();
    const zeros = Buffer.alloc(Math.min(size, 1024 * 1024));
    for (let offset = 0; offset < size; offset += zeros.length) {
      await fh.write(zeros, 0, Math.min(zeros.length, size - offset), offset);
    }
    await fh.datasync();
    await fh.truncate(0);
  } finally {
    await fh.close();
  }
  await fs.unlink(file);
  return true;
}

/** Securely unlinks every file under `dir`, then removes the folder. */
export async function secureRemoveFolder(dir: string): Promise<number> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let removed = 0;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) removed += await secureRemoveFolder(full);
    else if (await secureUnlink(full)) removed++;
  }
  await fs.rm(dir, { recursive: true, force: true });
  return removed;
}

/** Whether `file` lies inside `folder` (audio imported from elsewhere is the user's own file, never ours to delete). */
export function isInside(folder: string, file: string): boolean {
  const rel = path.relative(path.resolve(folder), path.resolve(file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
