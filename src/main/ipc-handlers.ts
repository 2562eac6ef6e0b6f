import path from 'node:path';
import { databasePath } from '../core/app-paths.js';
import { UserFacingError } from '../core/errors.js';
import type { SecretSealer } from '../core/secrets/secret-sealer.js';
import { importSummary } from '../core/transcript/import-report.js';
import { parseTranscriptFile } from '../core/transcript/parse-transcript-file.js';
import { createSessionWithTranscript, getSession, listSessions, searchSegments, type Database } from '../db/index.js';
import type { ChannelName, OutputOf, ParsedInputOf, SearchHit } from '../shared/ipc/contract.js';
import { createCaptureHandlers, type CaptureDeps } from './handlers/capture-handlers.js';
import { createMomentHandlers } from './handlers/moment-handlers.js';
import { createRubricHandlers } from './handlers/rubric-handlers.js';
import { trackMediaUrl } from './media/media-url.js';
import { findTrackAudioPath } from './media/track-audio-path.js';

export interface IpcHandlerDeps {
  db: Database;
  /** The data folder (DEBRIEF_HOME). */
  home: string;
  /** Shown in Settings; Electron passes its own, tests leave them out. */
  versions?: { app: string; electron?: string; chrome?: string };
  /** Where `<audio>` fetches a track; the `debrief-media://` scheme unless a test serves audio itself. */
  mediaUrl?: (trackId: string) => string;
  /** Recording and audio import; absent where no engine is available (recording channels then say so). */
  capture?: CaptureDeps;
  /** Seals the LLM API key at rest: Electron's safeStorage in the app; plain where there is none. */
  secrets?: SecretSealer;
}

/** One async function per channel, taking the validated input. Electron-free, so tests call it directly. */
export type IpcHandlers = { [C in ChannelName]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>> };

/** The handlers of one feature's channel group (e.g. `typeof rubricChannels`). */
export type HandlersFor<Specs> = { [C in keyof Specs & ChannelName]: IpcHandlers[C] };

// The handlers run SQL on the caller's thread (Electron's main process): fine for these
// indexed better-sqlite3 queries; imports and transcription will move to a utilityProcess.
export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  const { db, home } = deps;
  const mediaUrl = deps.mediaUrl ?? trackMediaUrl;

  return {
    ...createRubricHandlers(deps),
    ...createCaptureHandlers(deps),
    ...createMomentHandlers(deps),

    'app:info': async () => ({
      appVersion: deps.versions?.app ?? 'development',
      electronVersion: deps.versions?.electron ?? null,
      chromeVersion: deps.versions?.chrome ?? null,
      nodeVersion: process.versions.node,
      platform: process.platform,
      dataFolder: home,
      databaseFile: databasePath(home),
    }),

    'sessions:list': () => listSessions(db),

    'sessions:get': async ({ id }) => {
      const session = await getSession(db, id);
      if (!session) throw new UserFacingError(`The session ${id} does not exist (it may have been deleted).`, 'session-not-found');
      return session;
    },

    'sessions:importTranscript': async (input) => {
      const file = input.path;
      if (!path.isAbsolute(file)) {
        throw new UserFacingError(`"${file}" is not a full path: give the transcript's absolute path.`, 'path-not-absolute');
      }
      // Every parse failure is a UserFacingError naming the file (and line or field).
      const { transcript, skipped } = await parseTranscriptFile(file);
      const sessionId = await createSessionWithTranscript(db, {
        title: input.title ?? path.basename(file),
        kind: input.kind ?? 'interview',
        source: 'import',
        durationSec: transcript.durationSec,
        tracks: [],
        segments: transcript.segments,
      });
      return { sessionId, summary: importSummary(transcript.segments.length, skipped) };
    },

    'search:query': async ({ query, limit }) => {
      const hits = await searchSegments(db, query, { limit: limit ?? 50, highlight: { open: matchOpen, close: matchClose } });
      return hits.map((hit) => ({ ...hit, snippet: snippetParts(hit.snippet) }));
    },

    'audio:trackUrl': async ({ trackId }) => {
      const file = await findTrackAudioPath(db, trackId);
      return file === undefined ? null : { url: mediaUrl(trackId) };
    },
  };
}

// Private-use characters: they never occur in transcribed speech, unlike `[` and `]`.
const matchOpen = '\uE000';
const matchClose = '\uE001';

/** Splits a marked-up snippet into plain and matched pieces, so the renderer never parses markup. */
export function snippetParts(marked: string): SearchHit['snippet'] {
  const parts: SearchHit['snippet'] = [];
  let match = false;
  let text = '';
  for (const ch of marked) {
    if (ch === matchOpen || ch === matchClose) {
      if (text) parts.push({ text, match });
      text = '';
      match = ch === matchOpen;
    } else {
      text += ch;
    }
  }
  if (text) parts.push({ text, match });
  return parts;
}
