import os from 'node:os';
import path from 'node:path';
import { teamServerFor } from '../sync/server-erasure.js';
import { UserFacingError } from '../../core/errors.js';
import { plainSealer } from '../../core/secrets/secret-sealer.js';
import {
  eraseCandidate,
  exportCandidate,
  getRequisition,
  getRetentionOverride,
  getRetentionPolicy,
  listAudit,
  runRetention,
  setRetentionOverride,
  setRetentionPolicy,
} from '../../db/index.js';
import type { privacyChannels } from '../../shared/ipc/privacy-channels.js';
import type { HandlersFor, IpcHandlerDeps } from '../ipc-handlers.js';

/** Who the audit trail names for what is done in the app. */
export const appActor = () => os.userInfo().username;

export function createPrivacyHandlers(deps: IpcHandlerDeps): HandlersFor<typeof privacyChannels> {
  const { db, home } = deps;
  return {
    'privacy:getRetention': () => getRetentionPolicy(db),
    'privacy:setRetention': async ({ policy, requisitionId, confirmed }) => {
      const options = { confirmed, actor: appActor() };
      if (requisitionId) await setRetentionOverride(db, requisitionId, policy, options);
      else await setRetentionPolicy(db, policy, options);
      return null;
    },
    'privacy:getRetentionOverride': async ({ requisitionId }) => {
      await getRequisition(db, requisitionId); // a clear "does not exist" rather than empty defaults
      return { override: await getRetentionOverride(db, requisitionId), defaults: await getRetentionPolicy(db) };
    },
    'privacy:setRetentionOverride': async ({ requisitionId, override, confirmed }) => {
      await getRequisition(db, requisitionId);
      await setRetentionOverride(db, requisitionId, override, { confirmed, actor: appActor() });
      return null;
    },
    'privacy:runRetention': async ({ dryRun }) => runRetention(db, { home, dryRun }),
    'privacy:exportCandidate': async ({ candidateId, path: out }) => {
      if (!path.isAbsolute(out)) throw new UserFacingError(`"${out}" is not a full path: choose where to save the export.`, 'path-not-absolute');
      const exported = await exportCandidate(db, candidateId, { out, actor: appActor(), encryptionKey: deps.encryptionKey });
      return { sessions: exported.sessions.length, audioFiles: exported.files.length };
    },
    'privacy:eraseCandidate': async ({ candidateId }) => {
      const active = new Set(deps.capture?.service.activeSessions() ?? []);
      const teamServer = await teamServerFor(db, deps.secrets ?? plainSealer);
      const receipt = await eraseCandidate(db, candidateId, { home, actor: appActor(), isRecording: (id) => active.has(id), teamServer });
      return { receiptId: receipt.id, candidateHash: receipt.candidateHash, erasedAt: receipt.erasedAt, server: receipt.server, removed: receipt.removed };
    },
    'privacy:audit': ({ candidateId }) => listAudit(db, { candidateId }),
  };
}
