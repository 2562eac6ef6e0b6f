import path from 'node:path';
import { syncWithServer } from '../sync/server-sync.js';
import { UserFacingError } from '../../core/errors.js';
import { plainSealer } from '../../core/secrets/secret-sealer.js';
import { listConflicts, resolveConflict } from '../../db/sync/conflicts.js';
import { syncSharedFolder } from '../../db/sync/shared-folder.js';
import { getSyncSetting, getSyncStatus, openDeviceToken, recordSyncRound, recordSyncSuccess, setSyncSetting } from '../../db/sync/sync-settings.js';
import { callServer } from '../../shared/server-api/call-server.js';
import type { syncChannels } from '../../shared/ipc/sync-channels.js';
import type { HandlersFor, IpcHandlerDeps } from '../ipc-handlers.js';

export function createSyncHandlers(deps: IpcHandlerDeps): HandlersFor<typeof syncChannels> {
  const { db, home } = deps;
  const secrets = deps.secrets ?? plainSealer;
  let running: Promise<void> | null = null;

  /** One round in the chosen mode; its error is kept for the status line, never thrown at the app. */
  async function round(): Promise<void> {
    const setting = await getSyncSetting(db);
    if (setting.mode === 'off') throw new UserFacingError('Team sync is off: choose a shared folder or a team server first.', 'sync-off');
    try {
      if (setting.mode === 'folder') {
        const report = await syncSharedFolder(db, { folder: setting.folder, home });
        if (report.problems.length) throw new UserFacingError(report.problems.join(' '), 'sync-folder-problem');
      } else {
        await syncWithServer(db, { origin: setting.origin, deviceToken: openDeviceToken(setting, secrets), userId: setting.userId }, { home });
      }
      await recordSyncSuccess(db);
    } catch (error) {
      await recordSyncRound(db, error instanceof Error ? error.message : String(error));
    }
  }

  // Settings says so where the device token can't be sealed (no OS key store).
  const status = () => getSyncStatus(db, { tokenSealed: secrets.encrypts });

  return {
    'sync:status': () => status(),
    'sync:useFolder': async ({ folder }) => {
      if (!path.isAbsolute(folder)) throw new UserFacingError(`"${folder}" is not a full path: choose the shared folder.`, 'path-not-absolute');
      await setSyncSetting(db, { mode: 'folder', folder });
      return status();
    },
    'sync:joinServer': async ({ origin, invite, deviceName, email, displayName }) => {
      const base = origin.replace(/\/+$/, '');
      let joined;
      try {
        joined = await callServer(base, 'device.join', { invite, deviceName, email: email || undefined, displayName: displayName || undefined });
      } catch (error) {
        throw new UserFacingError(`Could not join the team server at ${base}: ${error instanceof Error ? error.message : String(error)}`, 'sync-join-failed', { cause: error });
      }
      await setSyncSetting(db, {
        mode: 'server',
        origin: base,
        teamId: joined.teamId,
        userId: joined.user.id,
        userName: joined.user.displayName,
        deviceId: joined.deviceId,
        sealedToken: secrets.seal(joined.deviceToken),
      });
      return status();
    },
    'sync:turnOff': async () => {
      await setSyncSetting(db, { mode: 'off' });
      return status();
    },
    'sync:now': async () => {
      // One round at a time: a second click waits for the one running.
      running ??= round().finally(() => (running = null));
      await running;
      return status();
    },
    'sync:conflicts': () => listConflicts(db),
    'sync:resolve': async ({ conflictId, keepChangeId }) => {
      await resolveConflict(db, conflictId, keepChangeId);
      return status();
    },
  };
}
