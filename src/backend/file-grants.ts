import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { UserFacingError } from '../core/errors.js';

/**
 * Files the user chose in the OS dialog (or dropped on the window), handed to the renderer as tokens:
 * the renderer can ask to import "the file behind this token", never name a path of its own.
 */
export class FileGrants {
  private readonly granted = new Map<string, string>();

  grant(file: string): { token: string; name: string } {
    const token = randomUUID();
    this.granted.set(token, path.resolve(file));
    return { token, name: path.basename(file) };
  }

  /** The chosen file's path; a token is good for the whole session (the user may retry an import). */
  pathOf(token: string): string {
    const file = this.granted.get(token);
    if (!file) throw new UserFacingError('That file choice is no longer valid: choose the file again.', 'file-choice-expired');
    return file;
  }
}

/** The file an import names: a chosen file's token, or a dropped file's full path. */
export function importedFilePath(grants: FileGrants, input: { path?: string; fileToken?: string }, what: string): string {
  if (input.fileToken) return grants.pathOf(input.fileToken);
  if (!input.path) throw new UserFacingError(`Choose the ${what} to import.`, 'no-file-chosen');
  if (!path.isAbsolute(input.path)) throw new UserFacingError(`Debrief could not tell where the dropped ${what} is: use "Choose file…" instead.`, 'path-not-absolute');
  return input.path;
}
