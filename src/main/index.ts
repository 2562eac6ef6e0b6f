import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, session } from 'electron';
import { connectBackend, type BackendClient } from '../backend/backend-client.js';
import { dataHome } from '../core/app-paths.js';
import { captureStreamChannel } from '../shared/ipc/capture-stream.js';
import { handleAppProtocol, registerPrivilegedSchemes } from './app-protocol.js';
import { backendSecretKey, launchBackendProcess } from './backend-process.js';
import { contentSecurityPolicy } from './content-security-policy.js';
import { hardenSession } from './harden-session.js';
import { hardenWebContents } from './harden-web-contents.js';
import { openFileDialog } from './open-file-dialog.js';
import { dispatchIpc } from '../backend/ipc-dispatch.js';
import { openWithOsKeyStore, osSecretSealer } from './os-secret-sealer.js';
import { gatedHandlers, StoreGate } from './store-gate.js';
import { watchRecordingHotkeys } from './recording-hotkeys.js';
import { reloadWhenRendererGone } from './renderer-recovery.js';
import { registerIpcForwarding } from './ipc-register.js';
import { handleMediaProtocol } from './media/media-protocol.js';
import { appEntryUrl, isRendererUrl, type RendererLocation } from './renderer-origin.js';
import { handleSystemAudioRequests } from './system-audio.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadFile = path.join(here, '../preload/index.cjs');
const backendEntry = path.join(here, 'backend.js');
const engineEntry = path.join(here, 'engine.js');
const renderer: RendererLocation = {
  rootDir: path.join(here, '../renderer'),
  // Set by `electron-vite dev` only; a packaged app always loads its own files.
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
};
const isOwnPage = (url: string) => isRendererUrl(url, renderer);

let mainWindow: BrowserWindow | undefined;

app.enableSandbox();
registerPrivilegedSchemes();

if (!app.requestSingleInstanceLock()) {
  // Another Debrief is running: it gets focus (second-instance below), this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isOwnPage));
  app.whenReady().then(start, fail);
}

async function start(): Promise<void> {
  const home = dataHome();
  // Main keeps windows, hardening, protocols and shortcuts; the store, capture, jobs and handlers run
  // in the backend process, whisper.cpp one process further down. The backend starts once the store
  // key is unlocked: at once through the OS key store, else after the window asks for the passphrase.
  let gate: StoreGate<BackendClient>;
  // Kept here too: main decrypts recordings for the player (the media protocol lives in main).
  let storeKey: Buffer | undefined;
  try {
    mkdirSync(home, { recursive: true });
    gate = await StoreGate.start({
      home,
      sealer: osSecretSealer(),
      passphrase: process.env.DEBRIEF_PASSPHRASE || undefined,
      open: (key) => {
        storeKey = key;
        return connectBackend(
          launchBackendProcess(backendEntry, engineEntry),
          {
            home,
            secretKey: backendSecretKey(home),
            storeKey: key.toString('base64'),
            versions: { app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome },
          },
          openFileDialog(dialog, () => mainWindow ?? null),
          openWithOsKeyStore,
        );
      },
    });
  } catch (error) {
    fail(error);
    return;
  }
  let quitting = false;
  app.on('will-quit', (event) => {
    const backend = gate.current;
    if (quitting || !backend) return;
    // The backend finalizes any recording in progress (files, journal, the transcript's tail) and closes the store.
    event.preventDefault();
    quitting = true;
    void backend.shutdown().finally(() => app.quit());
  });

  hardenSession(session.defaultSession, isOwnPage, renderer.devServerUrl && new URL(renderer.devServerUrl).origin);
  handleSystemAudioRequests(session.defaultSession, isOwnPage);
  handleAppProtocol(renderer.rootDir, contentSecurityPolicy());
  handleMediaProtocol(async (trackId) => gate.current?.trackAudioPath(trackId), isOwnPage, () => storeKey);
  // While locked only `store:*` answers (the gate's table); once open everything goes to the backend.
  const lockedTable = gatedHandlers(gate, () => {
    throw new Error('the backend answers once the store is open');
  });
  registerIpcForwarding((channel, input) => {
    const backend = gate.current;
    return backend && !channel.startsWith('store:') ? backend.call(channel, input) : dispatchIpc(lockedTable, channel, input);
  }, isOwnPage);
  // Each recorded track's PCM arrives on its own MessagePort, passed straight through to the backend's writer.
  ipcMain.on(captureStreamChannel, (event, open: unknown) => {
    const [port] = event.ports;
    if (!port) return;
    const backend = gate.current;
    if (!isOwnPage(event.senderFrame?.url ?? '') || !backend) {
      console.warn(`Refused a capture stream from ${event.senderFrame?.url || 'an unknown frame'}${backend ? '' : ' (the store is locked)'}`);
      port.close();
      return;
    }
    backend.openCaptureStream(open, port);
  });

  const createWindow = () => {
    const window = createMainWindow();
    // A crashed renderer is reloaded; the reloaded recorder reattaches to a recording still running.
    reloadWhenRendererGone(window.webContents, { isRecording: () => gate.current?.isRecording() ?? false, log: (m) => console.warn(`Debrief: ${m}`) });
    return window;
  };
  mainWindow = createWindow();
  // Tagging keys that work while the call app has the focus, registered only during a recording.
  const stopHotkeys = watchRecordingHotkeys({
    shortcuts: globalShortcut,
    isRecording: () => gate.current?.isRecording() ?? false,
    target: () => mainWindow?.webContents,
    onError: (message, err) => console.warn(`Debrief: ${message}`, err ?? ''),
  });
  app.on('will-quit', stopHotkeys);
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open opens one again.
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 860,
    minHeight: 560,
    title: 'Debrief',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      // Reviewed (PRELOAD_JS_CHECK): the sandboxed preload exposes only the contract's channels and the capture port via contextBridge.
      preload: preloadFile, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      // A middle click must not open links in new windows behind the window-open handler's back.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  if (renderer.devServerUrl) void window.loadURL(renderer.devServerUrl);
  else void window.loadURL(appEntryUrl);
  return window;
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('Debrief could not start', error);
  dialog.showErrorBox('Debrief could not start', message);
  app.exit(1);
}
