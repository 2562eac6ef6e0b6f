import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UserFacingError } from '../errors.js';
import { describeIssues } from '../zod-issues.js';

/**
 * `recording.json` sits beside the track files and says what a recording folder holds and whether
 * it was stopped cleanly. It is always replaced atomically, so after a crash it is either the old
 * or the new version, never half of each.
 */

export const JOURNAL_FILE = 'recording.json';

export const trackSourceSchema = z.enum(['mic', 'system']);
export type TrackSource = z.infer<typeof trackSourceSchema>;

export const recordingStateSchema = z.enum(['recording', 'paused', 'stopped']);
export type RecordingState = z.infer<typeof recordingStateSchema>;

/** A bare file name: a journal must never point outside its own folder. */
const trackFileName = z
  .string()
  .min(1)
  .refine((f) => f === path.basename(f) && f !== '.' && f !== '..' && !f.includes('\\'), { message: 'must be a file name in the recording folder' });

export const journalTrackSchema = z.object({
  id: z.string().min(1),
  source: trackSourceSchema,
  file: trackFileName,
  sample_rate: z.number().int().positive(),
  channels: z.number().int().min(1).max(16),
  /** Frames on disk, written when the recording is stopped or recovered. */
  frames: z.number().int().nonnegative().optional(),
});
export type JournalTrack = z.infer<typeof journalTrackSchema>;

export const recordingJournalSchema = z.object({
  version: z.literal(1),
  session_id: z.string().min(1),
  started_at: z.iso.datetime(),
  state: recordingStateSchema,
  updated_at: z.iso.datetime(),
  tracks: z.array(journalTrackSchema).min(1),
  stopped_at: z.iso.datetime().optional(),
  recovered_at: z.iso.datetime().optional(),
  /** Why the recording stopped early, when it did. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type RecordingJournal = z.infer<typeof recordingJournalSchema>;

export const journalPath = (dir: string): string => path.join(dir, JOURNAL_FILE);

/** fsync a folder so a rename or a new file in it survives power loss. Windows cannot open folders. */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const dh = await fs.open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}

let tmpCounter = 0;

/** Write tmp, fsync, rename over the journal, fsync the folder. */
export async function writeJournal(dir: string, journal: RecordingJournal): Promise<void> {
  const target = journalPath(dir);
  const tmp = path.join(dir, `.${JOURNAL_FILE}.${process.pid}.${tmpCounter++}.tmp`);
  const body = `${JSON.stringify(recordingJournalSchema.parse(journal), null, 2)}\n`;
  try {
    const fh = await fs.open(tmp, 'w');
    try {
      await fh.writeFile(body, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDir(dir);
}

/** Reads and validates a journal; a missing or malformed one is a UserFacingError naming the file and field. */
export async function readJournal(dir: string): Promise<RecordingJournal> {
  const file = journalPath(dir);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserFacingError(`${file} is missing: ${dir} is not a recording folder`, 'recording-journal-invalid', { cause: err });
    }
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserFacingError(`${file}: not valid JSON (${(err as Error).message})`, 'recording-journal-invalid', { cause: err });
  }
  const parsed = recordingJournalSchema.safeParse(json);
  if (!parsed.success) {
    throw new UserFacingError(`${file}: ${describeIssues(parsed.error, { topLevel: 'journal' })}`, 'recording-journal-invalid');
  }
  return parsed.data;
}
