import { z } from 'zod';
import { captureStreamOpenSchema } from '../shared/ipc/capture-stream.js';
import { channelNames, ipcErrorSchema, type ChannelName } from '../shared/ipc/contract.js';
import { id } from '../shared/ipc/primitives.js';
import { filePurposeSchema } from '../shared/ipc/file-channels.js';

/**
 * Main ⇄ backend process messages (an Electron utilityProcess in the app, a Node child process in
 * tests and `npm start`-less runs). Channel calls carry the renderer's IPC contract unchanged: the
 * channel names come from src/shared/ipc/contract.ts, the backend runs dispatchIpc on them, and main
 * checks each reply against that channel's output schema. Both ends validate every message.
 */

const callId = z.number().int().nonnegative();
const channelName = z.enum(channelNames as [ChannelName, ...ChannelName[]]);

export const backendStartSchema = z.object({
  type: z.literal('start'),
  home: z.string().min(1),
  versions: z.object({ app: z.string(), electron: z.string().optional(), chrome: z.string().optional() }).optional(),
  /** AES-256-GCM key (base64) that main keeps in the OS key store; absent: secrets are stored plain. */
  secretKey: z.string().optional(),
  /** The store's encryption key (base64), unsealed by main; absent: the store is not encrypted. */
  storeKey: z.string().optional(),
});

const engineId = z.number().int().positive();
/** Backend → main: start or stop an engine utilityProcess (only main may start one). */
export const engineHostRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('spawnEngine'), engine: engineId }),
  z.object({ type: z.literal('killEngine'), engine: engineId }),
]);
/** Main → backend: an engine started (its end of the MessagePort rides along), or ended. */
export const engineHostNoticeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('engineStarted'), engine: engineId, pid: z.number().int() }),
  z.object({ type: z.literal('engineExited'), engine: engineId, detail: z.string(), clean: z.boolean() }),
]);

export const backendRequestSchema = z.discriminatedUnion('type', [
  ...engineHostNoticeSchema.options,
  backendStartSchema,
  z.object({ type: z.literal('call'), id: callId, channel: channelName, input: z.unknown() }),
  /** For the media protocol, which main serves; the store and its path rules live here. */
  z.object({ type: z.literal('trackAudioPath'), id: callId, trackId: id }),
  /** A track's PCM MessagePort rides along as the message's port (utilityProcess only). */
  z.object({ type: z.literal('captureStream'), open: captureStreamOpenSchema }),
  z.object({ type: z.literal('shutdown') }),
  /** Main's answer to a `chooseFile` event: the path picked in the OS dialog, or null when cancelled. */
  z.object({ type: z.literal('fileChosen'), id: callId, path: z.string().min(1).nullable() }),
  /** Main's answer to `openLegacySecret`: the secret opened by the OS key store, or null when it could not. */
  z.object({ type: z.literal('legacySecretOpened'), id: callId, plain: z.string().min(1).nullable() }),
]);

export const ipcResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ipcErrorSchema }),
]);

export const backendEventSchema = z.discriminatedUnion('type', [
  ...engineHostRequestSchema.options,
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('startFailed'), message: z.string() }),
  z.object({ type: z.literal('reply'), id: callId, result: ipcResultSchema }),
  z.object({ type: z.literal('trackAudioPath'), id: callId, path: z.string().nullable() }),
  /** Whether any recording is running, sent when it changes (main registers tagging hotkeys then). */
  z.object({ type: z.literal('recording'), active: z.boolean() }),
  z.object({ type: z.literal('stopped') }),
  /** The OS "Open" dialog belongs to main's window: the backend asks, main answers with `fileChosen`. */
  z.object({ type: z.literal('chooseFile'), id: callId, purpose: filePurposeSchema }),
  /** At start: an API key sealed by the OS key store itself (before the keyed sealer), which only main can open. */
  z.object({ type: z.literal('openLegacySecret'), id: callId, sealed: z.string().min(1) }),
]);

export type EngineHostRequest = z.infer<typeof engineHostRequestSchema>;
export type EngineHostNotice = z.infer<typeof engineHostNoticeSchema>;
export type BackendStart = z.infer<typeof backendStartSchema>;
export type BackendRequest = z.infer<typeof backendRequestSchema>;
export type BackendEvent = z.infer<typeof backendEventSchema>;
export type FilePurpose = z.infer<typeof filePurposeSchema>;
