import { databasePath } from '../core/app-paths.js';
import { plainSealer } from '../core/secrets/secret-sealer.js';
import { encryptRecordingsInPlace, openDatabase, resealLegacyApiKey } from '../db/index.js';
import { serveCaptureStream } from './capture-pcm.js';
import { setUpCapture } from './capture-setup.js';
import { dispatchIpc } from './ipc-dispatch.js';
import { createIpcHandlers } from './ipc-handlers.js';
import { findTrackAudioPath } from './media/track-audio-path.js';
import { scheduleRetention } from './retention-schedule.js';
import { scheduleSync } from './sync-schedule.js';
import { backendRequestSchema, type BackendEvent, type BackendStart } from './backend-protocol.js';
import { engineProcessEngine } from './engine-client.js';
import { engineFromMain } from './engine-from-main.js';
import type { EnginePort } from './engine-port.js';
import { keyedSealer } from './keyed-sealer.js';
import { parentLink } from './parent-link.js';
import type { FilePurpose } from './backend-protocol.js';

/**
 * The backend process: the store, capture (the recording writer), the job queue and every IPC
 * handler, off Electron's main thread. whisper.cpp runs one process further down (engine-main.ts),
 * so a native crash there never reaches the recording writer here.
 */
const link = parentLink();
const send = (event: BackendEvent) => link.send(event);
let backend: Promise<Awaited<ReturnType<typeof startBackend>>> | undefined;
let nextDialogId = 1;
const dialogs = new Map<number, (path: string | null) => void>();

/** The OS dialog is main's: ask it, and wait for the path the user picked (null: cancelled). */
function askMainToChooseFile(purpose: FilePurpose): Promise<string | null> {
  const id = nextDialogId++;
  return new Promise((resolve) => {
    dialogs.set(id, resolve);
    send({ type: 'chooseFile', id, purpose });
  });
}

let nextLegacyId = 1;
const legacyOpens = new Map<number, (plain: string | null) => void>();

/** safeStorage exists only in main: an API key it sealed directly (before the keyed sealer) is opened there. */
function askMainToOpenLegacySecret(sealed: string): Promise<string | null> {
  const id = nextLegacyId++;
  return new Promise((resolve) => {
    legacyOpens.set(id, resolve);
    send({ type: 'openLegacySecret', id, sealed });
  });
}

link.onMessage((raw, ports) => {
  const parsed = backendRequestSchema.safeParse(raw);
  if (!parsed.success) {
    console.warn('Debrief backend: ignored a malformed message from main');
    for (const port of ports) port.close();
    return;
  }
  const message = parsed.data;
  if (message.type === 'fileChosen') {
    dialogs.get(message.id)?.(message.path);
    dialogs.delete(message.id);
    return;
  }
  if (message.type === 'engineStarted' || message.type === 'engineExited') {
    engineHost.notice(message, ports as unknown as EnginePort[]);
    return;
  }
  if (message.type === 'legacySecretOpened') {
    legacyOpens.get(message.id)?.(message.plain);
    legacyOpens.delete(message.id);
    return;
  }
  if (message.type === 'start') {
    backend ??= startBackend(message);
    backend.then(
      () => send({ type: 'ready' }),
      (err: unknown) => send({ type: 'startFailed', message: err instanceof Error ? err.message : String(err) }),
    );
    return;
  }
  if (!backend) return;
  void backend.then(async (b) => {
    switch (message.type) {
      case 'call': {
        const result = await dispatchIpc(b.handlers, message.channel, message.input);
        send({ type: 'reply', id: message.id, result });
        b.reportRecording();
        return;
      }
      case 'trackAudioPath':
        send({ type: 'trackAudioPath', id: message.id, path: (await findTrackAudioPath(b.db, message.trackId, b.home)) ?? null });
        return;
      case 'captureStream': {
        const [port] = ports;
        if (port) serveCaptureStream(b.capture, port, message.open);
        return;
      }
      case 'shutdown':
        // Finalize any recording in progress (files, journal, the transcript's tail) before the store closes.
        b.stopRetention();
        b.stopSync();
        await b.capture.dispose().catch(() => {});
        await b.db.destroy().catch(() => {});
        send({ type: 'stopped' });
        process.exit(0);
    }
  });
});

/**
 * whisper.cpp runs in a process of its own (engine-main.ts), restarted after a crash. Under Node
 * (tests, development) it is a child process; in Electron, where the runAsNode fuse makes a fork
 * start the app itself, it is a utilityProcess that main starts for us, wired to us by a MessagePort.
 */
const inElectron = 'parentPort' in process;
const engineHost = engineFromMain((request) => send(request));
const enginePerPlatform = () => engineProcessEngine(inElectron ? { spawn: engineHost.spawn } : {});

async function startBackend(start: BackendStart) {
  const home = start.home;
  const storeKey = start.storeKey ? Buffer.from(start.storeKey, 'base64') : undefined;
  const db = await openDatabase(databasePath(home), { key: storeKey });
  // The same install key encrypts the recordings (each file under its own HKDF-derived key).
  const capture = await setUpCapture({
    db,
    home,
    encryptionKey: storeKey,
    modelPath: process.env.DEBRIEF_MODEL_PATH,
    vadModelPath: process.env.DEBRIEF_VAD_MODEL_PATH ?? null,
    engine: enginePerPlatform,
    onError: (message, err) => console.warn(`Debrief: ${message}`, err),
  });
  const secrets = start.secretKey ? keyedSealer(start.secretKey) : plainSealer;
  // Before any handler reads it: a key saved in an older form moves to the keyed sealer (or stays, unreadable, for Settings to ask again).
  await resealLegacyApiKey(db, secrets, askMainToOpenLegacySecret).catch((err: unknown) => console.warn('Debrief: could not re-seal the saved API key; Settings asks for it again', err));
  const handlers = createIpcHandlers({
    db,
    home,
    capture,
    encryptionKey: storeKey,
    secrets,
    chooseFile: askMainToChooseFile,
    versions: start.versions,
  });
  // Recordings from before encryption was on are encrypted in place, after crash recovery has read
  // what it needs, in the background: the window does not wait for it.
  if (storeKey) {
    void capture
      .recoveryNotices()
      .catch(() => [])
      .then(() => encryptRecordingsInPlace(db, home, storeKey, { isRecording: (id) => capture.service.activeSessions().includes(id) }))
      .then(
        (r) => r.skipped.length > 0 && console.warn(`Debrief: ${r.skipped.length} recording(s) could not be encrypted and stay as they are`, r.skipped),
        (err: unknown) => console.warn('Debrief: encrypting older recordings failed; it is tried again at the next start', err),
      );
  }
  const stopRetention = scheduleRetention(db, home, (err) => console.warn('Debrief: the retention job failed; it runs again tomorrow', err));
  const stopSync = scheduleSync(handlers, (err) => console.warn('Debrief: a background sync round failed; it runs again later', err));
  let recording = false;
  const reportRecording = () => {
    const active = capture.service.activeSessions().length > 0;
    if (active === recording) return;
    recording = active;
    send({ type: 'recording', active });
  };
  return { db, home, capture, handlers, reportRecording, stopRetention, stopSync };
}
