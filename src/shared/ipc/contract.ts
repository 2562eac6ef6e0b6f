import { z } from 'zod';

/**
 * THE contract between the renderer and the main process: every IPC channel with the
 * zod schema of what goes in and what comes back. Main validates both sides against
 * it, preload and the test bridge build `window.debrief` from its channel list, and
 * the renderer's types derive from it.
 *
 * Self-contained on purpose (zod only): the renderer's tsconfig compiles this file,
 * so it cannot reach into src/core or src/db.
 */

/** Inputs bigger than this (as JSON) are refused before validation. */
export const maxInputBytes = 1_000_000;

import { calibrationChannels } from './calibration-channels.js';
import { briefChannels } from './brief-channels.js';
import { commentChannels } from './comment-channels.js';
import { candidateChannels } from './candidate-channels.js';
import { captureChannels } from './capture-channels.js';
import { fileChannels, fileTokenSchema } from './file-channels.js';
import { modelChannels } from './model-channels.js';
import { momentChannels } from './moment-channels.js';
import { id, noInput, seconds, sessionKindSchema, shortText, wordSchema, type ChannelSpecs } from './primitives.js';
import { privacyChannels } from './privacy-channels.js';
import { storeChannels } from './store-channels.js';
import { rubricChannels } from './rubric-channels.js';
import { scorecardChannels } from './scorecard-channels.js';
import { searchChannels } from './search-channels.js';
import { transcriptionChannels } from './transcription-channels.js';
import { syncChannels } from './sync-channels.js';

export const sessionSummarySchema = z.object({
  id,
  title: z.string(),
  kind: sessionKindSchema,
  source: z.enum(['recording', 'audio-file', 'import']),
  status: z.enum(['recording', 'complete', 'recovered', 'failed']),
  startedAt: z.string().nullable(),
  createdAt: z.string(),
  durationSec: seconds.nullable(),
  segmentCount: z.number().int().nonnegative(),
  speakers: z.array(z.string()),
});

/** A track as the renderer sees it: no file path; audio goes through `audio:trackUrl`. */
export const trackSummarySchema = z.object({
  id,
  position: z.number().int().nonnegative(),
  source: z.enum(['mic', 'system', 'file']),
  speakerLabel: z.string().nullable(),
  durationSec: seconds.nullable(),
});

export const transcriptSegmentSchema = z.object({
  id,
  trackId: id.nullable(),
  start: seconds,
  end: seconds,
  speaker: z.string().nullable(),
  text: z.string(),
  words: z.array(wordSchema),
});

export const sessionDetailSchema = sessionSummarySchema.extend({
  audioDeletedAt: z.string().nullable(),
  transcriptDeletedAt: z.string().nullable(),
  tracks: z.array(trackSummarySchema),
  segments: z.array(transcriptSegmentSchema),
});

export const searchHitSchema = z.object({
  sessionId: id,
  segmentId: id,
  sessionTitle: z.string(),
  start: seconds,
  end: seconds,
  speaker: z.string().nullable(),
  text: z.string(),
  /** The excerpt in pieces; `match` pieces are the words the query found. */
  snippet: z.array(z.object({ text: z.string(), match: z.boolean() })),
});

export const appInfoSchema = z.object({
  appVersion: z.string(),
  electronVersion: z.string().nullable(),
  chromeVersion: z.string().nullable(),
  nodeVersion: z.string(),
  platform: z.string(),
  dataFolder: z.string(),
  databaseFile: z.string(),
});

/** Sessions, search, audio: the foundation's channels. Features add theirs in their own files. */
const foundationChannels = {
  'app:info': { input: noInput, output: appInfoSchema },
  'sessions:list': { input: noInput, output: z.array(sessionSummarySchema) },
  'sessions:get': { input: z.object({ id }).strict(), output: sessionDetailSchema },
  'sessions:importTranscript': {
    input: z
      .object({
        /** A dropped file's path (Electron's webUtils); a chosen one comes as `fileToken`. */
        path: z.string().trim().min(1, 'the file path is empty').max(4096).optional(),
        fileToken: fileTokenSchema.optional(),
        title: z.string().trim().min(1).max(300).optional(),
        kind: sessionKindSchema.optional(),
      })
      .strict(),
    /** `summary`: "Imported 212 cues; skipped 2 cues with bad timings (lines 88, 341)". */
    output: z.object({ sessionId: id, summary: z.string() }),
  },
  'search:query': {
    input: z.object({ query: shortText, limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.array(searchHitSchema),
  },
  'audio:trackUrl': {
    input: z.object({ trackId: id }).strict(),
    /** `damaged`: a recording encrypted at rest whose records failed authentication, said for the user. */
    output: z.object({ url: z.string().max(2048), damaged: z.string().max(2000).optional() }).nullable(),
  },
} as const satisfies ChannelSpecs;

export const ipcContract = {
  ...foundationChannels,
  ...rubricChannels,
  ...captureChannels,
  ...momentChannels,
  ...scorecardChannels,
  ...candidateChannels,
  ...briefChannels,
  ...modelChannels,
  ...fileChannels,
  ...privacyChannels,
  ...calibrationChannels,
  ...searchChannels,
  ...storeChannels,
  ...transcriptionChannels,
  ...syncChannels,
  ...commentChannels,
} as const satisfies ChannelSpecs;

export type IpcContract = typeof ipcContract;
export type ChannelName = keyof IpcContract;
/** What a caller passes. */
export type InputOf<C extends ChannelName> = z.input<IpcContract[C]['input']>;
/** What a handler receives after validation (defaults applied, strings trimmed). */
export type ParsedInputOf<C extends ChannelName> = z.output<IpcContract[C]['input']>;
export type OutputOf<C extends ChannelName> = z.output<IpcContract[C]['output']>;

export type SessionSummary = z.output<typeof sessionSummarySchema>;
export type SessionDetail = z.output<typeof sessionDetailSchema>;
export type TranscriptSegment = z.output<typeof transcriptSegmentSchema>;
export type TrackSummary = z.output<typeof trackSummarySchema>;
export type SearchHit = z.output<typeof searchHitSchema>;
export type AppInfo = z.output<typeof appInfoSchema>;

export const channelNames = Object.keys(ipcContract) as ChannelName[];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(ipcContract, value);
}

/**
 * How every call ends, on the wire: errors travel as data so the renderer can show
 * the user-facing message (Electron would replace a thrown error's message with its own).
 */
export interface IpcError {
  /** Stable machine-readable code, e.g. `bad-search-query`, `invalid-input`, `internal-error`. */
  code: string;
  /** A sentence for the user. */
  message: string;
}
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ipcErrorSchema = z.object({ code: z.string(), message: z.string() });

/** `sessions:importTranscript` → `sessionsImportTranscript`. */
export type MethodName<C extends string> = C extends `${infer Area}:${infer Action}` ? `${Area}${Capitalize<Action>}` : never;

export function methodNameOf<C extends ChannelName>(channel: C): MethodName<C> {
  const [area, action = ''] = channel.split(':') as [string, string?];
  return `${area}${action.charAt(0).toUpperCase()}${action.slice(1)}` as MethodName<C>;
}

/** One named async function per channel, e.g. `sessionsGet({ id })`, `appInfo()`. */
export type ChannelMethods = {
  [C in ChannelName as MethodName<C>]: undefined extends InputOf<C>
    ? (input?: InputOf<C>) => Promise<IpcResult<OutputOf<C>>>
    : (input: InputOf<C>) => Promise<IpcResult<OutputOf<C>>>;
};

/**
 * One recorded track's audio on its way to the crash-safe writer: chunks of 16-bit PCM, binary (never
 * JSON). `write` resolves once the writer has room for more, so the sender waits before the next chunk.
 */
export interface CaptureStream {
  write(pcm: ArrayBuffer): Promise<IpcResult<{ accepted: boolean }>>;
  /** No more audio on this track from this sender. */
  close(): void;
}
export type OpenCaptureStream = (sessionId: string, trackId: string) => CaptureStream;

/**
 * What the transport behind `window.debrief` can do, so features show or hide themselves from one
 * flag instead of asking where they run: Electron's IPC serves every channel on the laptop; the
 * team server's web view serves only what lives on the server.
 */
export interface TransportInfo {
  /** The laptop's own store (recording, transcripts, audio, settings, models, search). */
  local: boolean;
  /** Who a sign-off is made as: the signed-in person on the team server; null where a name is typed. */
  signer: string | null;
  serves(channel: ChannelName): boolean;
}

/** `window.debrief`: the channel methods plus what only preload can do. */
export type DebriefApi = ChannelMethods & {
  transport: TransportInfo;
  /** The file's path on disk (Electron's webUtils.getPathForFile); '' where none is known. */
  pathForFile(file: File): string;
  /** A MessagePort to the main process in Electron; the test bridge's page binding in tests. */
  openCaptureStream: OpenCaptureStream;
};
