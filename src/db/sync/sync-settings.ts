import { z } from 'zod';
import { plainSealer, type SecretSealer } from '../../core/secrets/secret-sealer.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import { getSetting, setSetting } from '../repositories/settings-repository.js';
import { listConflicts } from './conflicts.js';
import { waitingCount } from './outbox.js';

/**
 * Settings → Team sync: off, a shared folder, or a team server (joined with an invite; the device
 * token is kept sealed like the LLM key), and what the last sync round did, for the status line.
 */

export const FOLDER_ACCESS_NOTE =
  'Anyone who can open this folder can read what is synced into it (requisitions, rubrics, candidates, scorecards with their quotes, decisions): access control is the folder’s own permissions. Audio and transcripts never go there.';

const syncSettingSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('off') }),
  z.object({ mode: z.literal('folder'), folder: z.string().min(1) }),
  z.object({ mode: z.literal('server'), origin: z.string().url(), teamId: z.string(), userId: z.string(), userName: z.string(), deviceId: z.string(), sealedToken: z.string() }),
]);
export type SyncSetting = z.infer<typeof syncSettingSchema>;

const lastRoundSchema = z.object({ at: z.string(), ok: z.boolean(), error: z.string().nullable() });

const SETTING = 'sync';
const LAST_ROUND = 'status:last-round';

export async function getSyncSetting(db: Database): Promise<SyncSetting> {
  return (await getSetting(db, SETTING, syncSettingSchema)) ?? { mode: 'off' };
}

export async function setSyncSetting(db: Database, value: SyncSetting): Promise<void> {
  await setSetting(db, SETTING, syncSettingSchema, value);
}

/** The token to send, opened from its sealed form. */
export function openDeviceToken(setting: Extract<SyncSetting, { mode: 'server' }>, secrets: SecretSealer = plainSealer): string {
  return secrets.open(setting.sealedToken);
}

export async function recordSyncRound(db: Database, error: string | null): Promise<void> {
  const now = nowIso();
  const position = JSON.stringify(lastRoundSchema.parse({ at: now, ok: error === null, error }));
  await db
    .insertInto('sync_cursors')
    .values({ source: LAST_ROUND, position, updated_at: now })
    .onConflict((oc) => oc.column('source').doUpdateSet({ position, updated_at: now }))
    .execute();
}

export interface SyncStatus {
  mode: SyncSetting['mode'];
  /** The folder's path or the server's address; null when off. */
  target: string | null;
  /** Signed in on the server as (server mode). */
  signedInAs: string | null;
  /** When a round last finished without error. */
  lastSyncedAt: string | null;
  /** Local changes not yet sent. */
  waiting: number;
  /** The last round's error, in words; null when it went through. */
  error: string | null;
  conflicts: number;
  /** This laptop's changes the other side refused (not allowed, or invalid), and the latest reason. */
  refused: { count: number; latest: string | null };
  /** Who can read what is synced, in words. */
  accessNote: string | null;
}

export const PLAIN_TOKEN_NOTE =
  'This laptop has no OS key store, so its device token is stored unencrypted in the data folder: anyone who can read that folder can sync as you until an admin revokes this laptop.';

/** `tokenSealed`: whether the device token is encrypted at rest (false where the OS has no key store). */
export async function getSyncStatus(db: Database, options: { tokenSealed?: boolean } = {}): Promise<SyncStatus> {
  const setting = await getSyncSetting(db);
  const row = await db.selectFrom('sync_cursors').select('position').where('source', '=', LAST_ROUND).executeTakeFirst();
  const last = row ? lastRoundSchema.parse(JSON.parse(row.position)) : null;
  const okRow = await db.selectFrom('sync_cursors').select('updated_at').where('source', '=', 'status:last-ok').executeTakeFirst();
  return {
    mode: setting.mode,
    target: setting.mode === 'folder' ? setting.folder : setting.mode === 'server' ? setting.origin : null,
    signedInAs: setting.mode === 'server' ? setting.userName : null,
    lastSyncedAt: okRow?.updated_at ?? null,
    waiting: await waitingCount(db),
    error: last && !last.ok ? last.error : null,
    conflicts: (await listConflicts(db)).length,
    refused: await refusedChanges(db),
    accessNote:
      setting.mode === 'folder'
        ? FOLDER_ACCESS_NOTE
        : setting.mode === 'server'
          ? `The team server decides who sees what by role; audio and transcripts never leave this laptop.${options.tokenSealed === false ? ` ${PLAIN_TOKEN_NOTE}` : ''}`
          : null,
  };
}

async function refusedChanges(db: Database): Promise<{ count: number; latest: string | null }> {
  const rows = await db.selectFrom('sync_changes').select(['reason']).where('origin', '=', 'local').where('status', '=', 'refused').orderBy('received_at', 'desc').execute();
  return { count: rows.length, latest: rows[0]?.reason ?? null };
}

/** Marks a round that went through. */
export async function recordSyncSuccess(db: Database): Promise<void> {
  await recordSyncRound(db, null);
  const now = nowIso();
  await db
    .insertInto('sync_cursors')
    .values({ source: 'status:last-ok', position: now, updated_at: now })
    .onConflict((oc) => oc.column('source').doUpdateSet({ position: now, updated_at: now }))
    .execute();
}
