import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Small real file systems for the disk-failure tests (the tests run as root): a size-limited tmpfs
 * that fills up, and an ext4 image mounted `errors=remount-ro` that the kernel turns read-only on
 * demand, the way it does when a disk starts failing.
 */

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

/** Why mounting is impossible here, or null when it works. */
export function mountUnavailableReason(probeDir: string): string | null {
  const dir = path.join(probeDir, 'mount-probe');
  fs.mkdirSync(dir, { recursive: true });
  try {
    run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    run('umount', [dir]);
    return null;
  } catch (err) {
    return `cannot mount a tmpfs (${(err as Error).message.split('\n')[0]})`;
  }
}

export function mountTmpfs(dir: string, sizeKb: number): void {
  fs.mkdirSync(dir, { recursive: true });
  run('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir]);
}

/** Formats `image` as ext4 and loop-mounts it at `dir`; the kernel remounts it read-only on an fs error. */
export function mountExt4Image(dir: string, image: string, sizeMb: number): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(image, '');
  fs.truncateSync(image, sizeMb * 1024 * 1024);
  run('mkfs.ext4', ['-q', '-F', image]);
  mountExt4(dir, image);
}

export function mountExt4(dir: string, image: string): void {
  run('mount', ['-o', 'loop,errors=remount-ro', image, dir]);
}

/** Makes the kernel report an ext4 error on the file system at `dir`, which remounts it read-only. */
export function triggerExt4Error(dir: string): void {
  const device = path.basename(run('findmnt', ['-n', '-o', 'SOURCE', dir]).trim());
  fs.writeFileSync(`/sys/fs/ext4/${device}/trigger_fs_error`, '1');
}

/** e2fsck after the induced error, so the image mounts read-write again cleanly. */
export function repairExt4Image(image: string): void {
  try {
    run('e2fsck', ['-f', '-y', image]);
  } catch (err) {
    // Exit status 1 means "errors corrected", which is the expected outcome here.
    if ((err as { status?: number }).status !== 1) throw err;
  }
}

export function unmount(dir: string): void {
  try {
    run('umount', [dir]);
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? '');
    if (/not mounted/.test(stderr)) return;
    // A failed test may leave a writer's files open; detach lazily so later tests still run.
    if (/busy/.test(stderr)) return void run('umount', ['-l', dir]);
    throw err;
  }
}
