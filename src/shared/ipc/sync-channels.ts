import { z } from 'zod';
import { id, noInput, type ChannelSpecs } from './primitives.js';

/** Settings → Team sync: the mode (off, shared folder, team server), its status, and the conflict chooser. */

export const syncStatusSchema = z.object({
  mode: z.enum(['off', 'folder', 'server']),
  target: z.string().nullable(),
  signedInAs: z.string().nullable(),
  lastSyncedAt: z.string().nullable(),
  waiting: z.number().int(),
  error: z.string().nullable(),
  conflicts: z.number().int(),
  refused: z.object({ count: z.number().int(), latest: z.string().nullable() }),
  accessNote: z.string().nullable(),
});

const conflictSideSchema = z.object({
  changeId: z.string(),
  device: z.string(),
  mine: z.boolean(),
  madeAt: z.string(),
  payload: z.record(z.string(), z.unknown()).nullable(),
  shown: z.boolean(),
});

export const syncConflictSchema = z.object({
  id: z.string(),
  entity: z.string(),
  entityId: z.string(),
  label: z.string(),
  sides: z.tuple([conflictSideSchema, conflictSideSchema]),
  createdAt: z.string(),
});

const path = z.string().trim().min(1, 'the folder path is empty').max(4096);

export const syncChannels = {
  'sync:status': { input: noInput, output: syncStatusSchema },
  /** A shared network drive or synced folder: no server, access is the folder's permissions. */
  'sync:useFolder': { input: z.object({ folder: path }).strict(), output: syncStatusSchema },
  /** Joins a team server with an invite from its admin; the device token is kept sealed. */
  'sync:joinServer': {
    input: z
      .object({
        origin: z.string().trim().url('the server address must be a URL like https://debrief.example.com').max(2048),
        invite: z.string().trim().min(20, 'the invite is too short: paste all of it').max(200),
        deviceName: z.string().trim().min(1, 'name this laptop').max(200),
        email: z.string().trim().max(320).optional(),
        displayName: z.string().trim().max(200).optional(),
      })
      .strict(),
    output: syncStatusSchema,
  },
  'sync:turnOff': { input: noInput, output: syncStatusSchema },
  /** One round now: send what waits, bring what is new. An error is in the status, not thrown. */
  'sync:now': { input: noInput, output: syncStatusSchema },
  'sync:conflicts': { input: noInput, output: z.array(syncConflictSchema) },
  'sync:resolve': { input: z.object({ conflictId: id, keepChangeId: id }).strict(), output: syncStatusSchema },
} as const satisfies ChannelSpecs;
