import os from 'node:os';
import path from 'node:path';

/** The data folder: DEBRIEF_HOME when set, else the OS's per-user app-data folder. */
export function dataHome(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.DEBRIEF_HOME) return path.resolve(env.DEBRIEF_HOME);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Debrief');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Debrief');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'debrief');
}

export const databasePath = (home: string) => path.join(home, 'debrief.sqlite');
export const modelsDir = (home: string) => path.join(home, 'models');
export const recordingsDir = (home: string) => path.join(home, 'recordings');
