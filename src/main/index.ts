import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, session } from 'electron';
import { dataHome, databasePath } from '../core/app-paths.js';
import { openDatabase, type Database } from '../db/index.js';
import { captureStreamChannel } from '../shared/ipc/capture-stream.js';
import { serveCaptureStream } from './capture-pcm.js';
import { setUpCapture } from './capture-setup.js';
import { hardenSession } from './harden-session.js';
import { hardenWebContents } from './harden-web-contents.js';
import { osSecretSealer } from './os-secret-sealer.js';
import { scheduleRetention } from './retention-schedule.js';
import { unlockAppStore } from './store-unlock.js';
import { watchRecordingHotkeys } from './recording-hotkeys.js';
import { createIpcHandlers } from './ipc-handlers.js';
import { registerIpcHandlers } from './ipc-register.js';
import { handleMediaProtocol, registerMediaSchemeAsPrivileged } from './media/media-protocol.js';
import { isRendererUrl, type RendererLocation } from './renderer-origin.js';
import { handleSystemAudioRequests } from './system-audio.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadFile = path.join(here, '../preload/index.cjs');
const renderer: RendererLocation = {
  indexFile: path.join(here, '../renderer/index.html'),
  // Set by `electron-vite dev` only; a packaged app always loads its own files.
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
};
const isOwnPage = (url: string) => isRendererUrl(url, renderer);

let mainWindow: BrowserWindow | undefined;

app.enableSandbox();
registerMediaSchemeAsPrivileged();

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
  let db: Database;
  try {
    const { key, warning } = await unlockAppStore(home);
    if (warning) console.warn(`Debrief: the store is not encrypted: ${warning}`);
    db = await openDatabase(databasePath(home), { key });
  } catch (error) {
    fail(error);
    return;
  }
  // Finds recordings a crash left open and recovers them into their sessions in the background.
  const capture = await setUpCapture({ db, home, onError: (message, err) => console.warn(`Debrief: ${message}`, err) });
  const stopRetention = scheduleRetention(db, home, (err) => console.warn('Debrief: the retention job failed; it runs again tomorrow', err));
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting) return;
    // Finalize any recording in progress (files, journal, the transcript's tail) before the store closes.
    event.preventDefault();
    quitting = true;
    stopRetention();
    void capture
      .dispose()
      .finally(() => db.destroy())
      .finally(() => app.quit());
  });

  hardenSession(session.defaultSession, isOwnPage, renderer.devServerUrl && new URL(renderer.devServerUrl).origin);
  handleSystemAudioRequests(session.defaultSession, isOwnPage);
  handleMediaProtocol(db);
  registerIpcHandlers(
    createIpcHandlers({
      db,
      home,
      capture,
      secrets: osSecretSealer(),
      versions: { app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome },
    }),
    isOwnPage,
  );
  // Each recorded track's PCM arrives on its own MessagePort (binary, answered chunk by chunk).
  ipcMain.on(captureStreamChannel, (event, open: unknown) => {
    const [port] = event.ports;
    if (!port) return;
    if (!isOwnPage(event.senderFrame?.url ?? '')) {
      console.warn(`Refused a capture stream from ${event.senderFrame?.url || 'an unknown frame'}`);
      port.close();
      return;
    }
    serveCaptureStream(capture, port, open);
  });

  mainWindow = createMainWindow();
  // Tagging keys that work while the call app has the focus, registered only during a recording.
  const stopHotkeys = watchRecordingHotkeys({
    shortcuts: globalShortcut,
    isRecording: () => capture.service.activeSessions().length > 0,
    target: () => mainWindow?.webContents,
    onError: (message, err) => console.warn(`Debrief: ${message}`, err ?? ''),
  });
  app.on('will-quit', stopHotkeys);
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open opens one again.
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
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
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  if (renderer.devServerUrl) void window.loadURL(renderer.devServerUrl);
  else void window.loadFile(renderer.indexFile);
  return window;
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('Debrief could not start', error);
  dialog.showErrorBox('Debrief could not start', message);
  app.exit(1);
}
