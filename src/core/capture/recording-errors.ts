import path from 'node:path';
import { UserFacingError } from '../errors.js';

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

function errnoCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Turns a file-system failure while recording into the error the user sees. Every failure stops
 * the recording, so the message says what happened to the audio and what to do next.
 */
export function toRecordingError(err: unknown, file: string): UserFacingError {
  if (err instanceof UserFacingError) return err;
  const code = errnoCode(err);
  const folder = path.dirname(file);
  if (code && DISK_FULL.has(code)) {
    return new UserFacingError(
      `The disk is full: could not write ${file} (${code}). Recording stopped; the audio recorded so far is saved. Free some space before recording again.`,
      'recording-disk-full',
      { cause: err },
    );
  }
  const reason = code ?? (err instanceof Error ? err.message : String(err));
  return new UserFacingError(
    `Cannot write to the recording folder ${folder} (${reason} on ${path.basename(file)}). Recording stopped; the audio recorded so far is saved. Check that the disk is still connected and writable.`,
    'recording-unwritable',
    { cause: err },
  );
}

/** A recording that could not start (its folder or files could not be created): nothing was recorded. */
export function toRecordingStartError(err: unknown, dir: string): UserFacingError {
  if (err instanceof UserFacingError) return err;
  const code = errnoCode(err);
  if (code && DISK_FULL.has(code)) {
    return new UserFacingError(`The disk is full: cannot start recording in ${dir} (${code}). Nothing was recorded; free some space, then start again.`, 'recording-disk-full', {
      cause: err,
    });
  }
  const reason = code ?? (err instanceof Error ? err.message : String(err));
  return new UserFacingError(
    `Cannot record into the folder ${dir} (${reason}). Nothing was recorded; check that the disk is connected and the folder writable, then start again.`,
    'recording-unwritable',
    { cause: err },
  );
}
