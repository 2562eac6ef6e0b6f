import path from 'node:path';
import { databasePath } from '../core/app-paths.js';
import { UserFacingError } from '../core/errors.js';
import { cachedEncryptedAudioIndex, describeDamage, ENCRYPTED_AUDIO_EXTENSION } from '../core/privacy/encrypted-audio.js';
import type { SecretSealer } from '../core/secrets/secret-sealer.js';
import { importSummary } from '../core/transcript/import-report.js';
import { parseTranscriptFile } from '../core/transcript/parse-transcript-file.js';
import { createSessionWithTranscript, getSession, listSessions, recordSessionOpened, searchSegments, type Database } from '../db/index.js';
import type { ChannelName, OutputOf, ParsedInputOf, SearchHit } from '../shared/ipc/contract.js';
import { createCalibrationHandlers } from './handlers/calibration-handlers.js';
import { createBriefHandlers } from './handlers/brief-handlers.js';
import { createCandidateHandlers } from './handlers/candidate-handlers.js';
import { createCommentHandlers } from './handlers/comment-handlers.js';
import { createCaptureHandlers, type CaptureDeps } from './handlers/capture-handlers.js';
import { createModelHandlers } from './handlers/model-handlers.js';
import { createMomentHandlers } from './handlers/moment-handlers.js';
import { appActor, createPrivacyHandlers } from './handlers/privacy-handlers.js';
import { createRubricHandlers } from './handlers/rubric-handlers.js';
import { createScorecardHandlers } from './handlers/scorecard-handlers.js';
import { createSearchHandlers } from './handlers/search-handlers.js';
import { createTranscriptionHandlers } from './handlers/transcription-handlers.js';
import { createSessionTranscription, type SessionTranscriptionQueue } from './session-transcription.js';
import { createSyncHandlers } from './handlers/sync-handlers.js';
import { FileGrants, importedFilePath } from './file-grants.js';
import { trackMediaUrl } from '../shared/media-url.js';
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
  /** The install's data key: reads recordings encrypted at rest (the subject-access export). */
  encryptionKey?: Buffer;
  /** Seals the LLM API key at rest: Electron's safeStorage in the app; plain where there is none. */
  secrets?: SecretSealer;
  /** Where models are downloaded from instead of the catalog's host (tests: a loopback server). */
  modelDownloadBaseUrl?: string;
  /** Opens the OS "Open" dialog (Electron's dialog.showOpenDialog); tests give the dialog's answer. Null: cancelled. */
  chooseFile?: (purpose: ParsedInputOf<'files:choose'>['purpose']) => Promise<string | null>;
  /** The files the user chose, behind the tokens the renderer holds; one per app. */
  files?: FileGrants;
  /** "Transcribe" on stored sessions; made from `capture`'s transcriber when left out. */
  transcription?: SessionTranscriptionQueue;
}

/** One async function per channel, taking the validated input. Electron-free, so tests call it directly. */
export type IpcHandlers = { [C in ChannelName]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>> };

/** The handlers of one feature's channel group (e.g. `typeof rubricChannels`). */
export type HandlersFor<Specs> = { [C in keyof Specs & ChannelName]: IpcHandlers[C] };

// The handlers run SQL on the caller's thread (Electron's main process): fine for these
// indexed better-sqlite3 queries; imports and transcription will move to a utilityProcess.
export function createIpcHandlers(given: IpcHandlerDeps): IpcHandlers {
  const deps = { ...given, files: given.files ?? new FileGrants() };
  const { db, home, files } = deps;
  const transcription = deps.transcription ?? (deps.capture ? createSessionTranscription({ db, home, capture: deps.capture }) : undefined);
  const mediaUrl = deps.mediaUrl ?? trackMediaUrl;
  return {
    ...createModelHandlers(deps),
    ...createRubricHandlers(deps),
    ...createCaptureHandlers(deps),
    ...createMomentHandlers(deps),
    ...createScorecardHandlers(deps),
    ...createCandidateHandlers({ ...deps, transcribingSessionIds: () => transcription?.activeSessionIds() ?? new Set() }),
    ...createTranscriptionHandlers(transcription),
    ...createBriefHandlers(deps),
    ...createPrivacyHandlers(deps),
    ...createCalibrationHandlers(deps),
    ...createSearchHandlers(deps),

    // Reached only once the store is open; while it is locked the store gate answers these.
    'store:status': async () => ({ state: 'open' as const }),
    'store:unlock': async () => null,
    ...createSyncHandlers(deps),
    ...createCommentHandlers(),

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
      await recordSessionOpened(db, id, appActor());
      return session;
    },

    'files:choose': async ({ purpose }) => {
      if (!deps.chooseFile) throw new UserFacingError('Choosing files is not available here.', 'no-file-dialog');
      const chosen = await deps.chooseFile(purpose);
      return chosen === null ? null : files.grant(chosen);
    },

    'sessions:importTranscript': async (input) => {
      const file = importedFilePath(files, input, 'transcript');
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
      const file = await findTrackAudioPath(db, trackId, home);
      if (file === undefined) return null;
      const damaged = file.endsWith(ENCRYPTED_AUDIO_EXTENSION) && deps.encryptionKey ? describeDamage((await cachedEncryptedAudioIndex(file, deps.encryptionKey)).damaged) : undefined;
      return { url: mediaUrl(trackId), ...(damaged ? { damaged } : {}) };
    },
  };
}

// Private-use characters: they never occur in transcribed speech, unlike `[` and `]`.
const matchOpen = '\uE000';
const matchClose = '\uE001';
export const matchMarkers = { open: matchOpen, close: matchClose };

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
