import { ipcContract, type ChannelName, type IpcResult } from '../shared/ipc/contract.js';
import { backendEventSchema, type BackendRequest, type BackendStart, type FilePurpose } from './backend-protocol.js';

/** Main's line to the backend process: Electron's UtilityProcess, or a Node ChildProcess in tests. */
export interface BackendLink {
  send(message: BackendRequest, ports?: unknown[]): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (detail: string) => void): void;
}

export interface BackendClient {
  /** One contract call, answered like dispatchIpc: errors as data, the output checked against the contract. */
  call(channel: ChannelName, input: unknown): Promise<IpcResult<unknown>>;
  trackAudioPath(trackId: string): Promise<string | undefined>;
  /** Hands a track's PCM port straight through to the backend's capture writer. */
  openCaptureStream(open: unknown, port: unknown): void;
  onRecordingChange(listener: (active: boolean) => void): void;
  isRecording(): boolean;
  /** Finishes recordings in progress and closes the store; resolves once the backend has stopped. */
  shutdown(): Promise<void>;
}

const gone = (detail: string): IpcResult<never> => ({
  ok: false,
  error: { code: 'backend-stopped', message: `Debrief's background process stopped (${detail}); restart Debrief. Your recordings are kept.` },
});

/** Opens the OS "Open" dialog for the backend (main's window owns it); null when the user cancels. */
export type FileChooser = (purpose: FilePurpose) => Promise<string | null>;

const noDialog: FileChooser = async () => null;

/** Opens a secret sealed by the OS key store (main's safeStorage) for the backend; null when it cannot. */
export type LegacySecretOpener = (sealed: string) => Promise<string | null>;

const noKeyStore: LegacySecretOpener = async () => null;

/** Starts the backend on `link` and resolves once its store is open; rejects with the reason it could not start. */
export function connectBackend(
  link: BackendLink,
  start: Omit<BackendStart, 'type'>,
  chooseFile: FileChooser = noDialog,
  openLegacySecret: LegacySecretOpener = noKeyStore,
): Promise<BackendClient> {
  let nextId = 1;
  const calls = new Map<number, { channel: ChannelName; resolve(result: IpcResult<unknown>): void }>();
  const paths = new Map<number, (path: string | undefined) => void>();
  const recordingListeners: ((active: boolean) => void)[] = [];
  const stopped: (() => void)[] = [];
  let recording = false;
  let exited: string | undefined;

  return new Promise<BackendClient>((resolveStart, rejectStart) => {
    link.onMessage((raw) => {
      const parsed = backendEventSchema.safeParse(raw);
      if (!parsed.success) {
        console.warn('Debrief: ignored a malformed message from the backend');
        return;
      }
      const event = parsed.data;
      switch (event.type) {
        case 'ready':
          return resolveStart(client);
        case 'startFailed':
          return rejectStart(new Error(event.message));
        case 'reply': {
          const waiting = calls.get(event.id);
          calls.delete(event.id);
          if (!waiting) return;
          if (!event.result.ok) return waiting.resolve(event.result);
          const output = ipcContract[waiting.channel].output.safeParse(event.result.value);
          return waiting.resolve(
            output.success
              ? { ok: true, value: output.data }
              : { ok: false, error: { code: 'internal-error', message: `Something went wrong in Debrief (${waiting.channel}): unexpected reply.` } },
          );
        }
        case 'trackAudioPath':
          paths.get(event.id)?.(event.path ?? undefined);
          paths.delete(event.id);
          return;
        case 'recording':
          recording = event.active;
          for (const listener of recordingListeners) listener(event.active);
          return;
        case 'chooseFile':
          void chooseFile(event.purpose).then(
            (path) => link.send({ type: 'fileChosen', id: event.id, path }),
            () => link.send({ type: 'fileChosen', id: event.id, path: null }),
          );
          return;
        case 'openLegacySecret':
          void openLegacySecret(event.sealed).then(
            (plain) => link.send({ type: 'legacySecretOpened', id: event.id, plain: plain || null }),
            () => link.send({ type: 'legacySecretOpened', id: event.id, plain: null }),
          );
          return;
        case 'stopped':
        case 'spawnEngine': // answered by the link itself (main's engine host, see src/main/backend-process.ts)
        case 'killEngine':
          return;
      }
    });
    link.onExit((detail) => {
      exited = detail;
      rejectStart(new Error(`the backend process ended before it started (${detail})`));
      for (const waiting of calls.values()) waiting.resolve(gone(detail));
      calls.clear();
      for (const resolve of paths.values()) resolve(undefined);
      paths.clear();
      for (const done of stopped.splice(0)) done();
    });
    link.send({ type: 'start', ...start });

    const client: BackendClient = {
      call(channel, input) {
        if (exited) return Promise.resolve(gone(exited));
        const id = nextId++;
        return new Promise((resolve) => {
          calls.set(id, { channel, resolve });
          link.send({ type: 'call', id, channel, input });
        });
      },
      trackAudioPath(trackId) {
        if (exited) return Promise.resolve(undefined);
        const id = nextId++;
        return new Promise((resolve) => {
          paths.set(id, resolve);
          link.send({ type: 'trackAudioPath', id, trackId });
        });
      },
      openCaptureStream(open, port) {
        // The open message is validated in the backend (captureStreamOpenSchema), which closes the port if bad.
        link.send({ type: 'captureStream', open: open as { sessionId: string; trackId: string } }, [port]);
      },
      onRecordingChange: (listener) => void recordingListeners.push(listener),
      isRecording: () => recording,
      shutdown() {
        if (exited) return Promise.resolve();
        return new Promise((resolve) => {
          stopped.push(resolve);
          link.send({ type: 'shutdown' });
        });
      },
    };
  });
}
