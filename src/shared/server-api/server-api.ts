import { z } from 'zod';
import { UUID_V7 } from '../../core/sync/uuid-v7-pattern.js';
import { pullRequestSchema, pullResponseSchema, pushRequestSchema, pushResponseSchema } from '../../core/sync/sync-protocol.js';

/**
 * The team server's HTTP API as one table, like the IPC contract: each entry is a POST of a JSON body
 * to `/api/<name>`, validated with `input` on the server and answered with `output`. The laptop's
 * sync client and the web view both call it through the same table.
 *
 * Auth: 'none' (joining, signing in), 'user' (a device token as `Authorization: Bearer`, or the web
 * session cookie plus the `x-csrf-token` header), 'admin' (a user whose team role is admin).
 */

export const teamRoleSchema = z.enum(['admin', 'recruiter', 'hiring_manager', 'interviewer']);
export const hiringRoleSchema = z.enum(['recruiter', 'hiring_manager', 'interviewer']);

const id = z.string().min(1).max(128);
const email = z.string().trim().toLowerCase().email('not an email address').max(320);
const displayName = z.string().trim().min(1, 'a name is needed').max(200);
const password = z.string().min(10, 'a password needs at least 10 characters').max(1000);
const token = z.string().min(20).max(200);

export const userSchema = z.object({ id, email: z.string(), displayName: z.string(), role: teamRoleSchema });
export type ServerUser = z.infer<typeof userSchema>;

const deviceSchema = z.object({
  id,
  userId: id,
  name: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const serverApi = {
  /** Redeem an invite from a laptop: a device token comes back once (store it sealed). */
  'device.join': {
    auth: 'none',
    input: z.object({
      invite: token,
      deviceName: z.string().trim().min(1).max(200),
      /** For an invite made for a new person; ignored when the invite names an existing one. */
      email: email.optional(),
      displayName: displayName.optional(),
      /** Lets the person also sign in to the web view. */
      password: password.optional(),
    }),
    output: z.object({ teamId: id, user: userSchema, deviceId: id, deviceToken: z.string() }),
  },
  'session.login': {
    auth: 'none',
    input: z.object({ email, password: z.string().min(1).max(1000) }),
    output: z.object({ user: userSchema, csrfToken: z.string() }),
  },
  'session.current': { auth: 'user', input: z.object({}), output: z.object({ user: userSchema, csrfToken: z.string().nullable() }) },
  'session.logout': { auth: 'user', input: z.object({}), output: z.object({ ok: z.literal(true) }) },
  'invite.create': {
    auth: 'admin',
    input: z.object({ role: teamRoleSchema, validDays: z.number().int().min(1).max(30).default(7) }),
    output: z.object({ invite: z.string(), role: teamRoleSchema, expiresAt: z.string() }),
  },
  'users.list': { auth: 'admin', input: z.object({}), output: z.object({ users: z.array(userSchema.extend({ disabled: z.boolean() })) }) },
  /** A hiring role taken away also goes from the person's requisitions: they stay on them as an interviewer. */
  'users.setRole': { auth: 'admin', input: z.object({ userId: id, role: teamRoleSchema }), output: z.object({ user: userSchema }) },
  /** Someone leaving the team: every device and web session of theirs is refused from then on; their work stays. */
  'users.disable': { auth: 'admin', input: z.object({ userId: id }), output: z.object({ user: userSchema, disabledAt: z.string() }) },
  /** Admins see every device; others see their own. */
  'devices.list': { auth: 'user', input: z.object({}), output: z.object({ devices: z.array(deviceSchema) }) },
  /** Admins revoke any device; others their own. A revoked token is refused from then on. */
  'devices.revoke': { auth: 'user', input: z.object({ deviceId: id }), output: z.object({ revokedAt: z.string() }) },
  /** A recruiter or hiring manager on the requisition adds a person to it. */
  'requisition.addMember': {
    auth: 'user',
    input: z.object({ requisitionId: id, userId: id, role: hiringRoleSchema }),
    output: z.object({ requisitionId: id, userId: id, role: hiringRoleSchema }),
  },
  /** A recruiter or hiring manager on the requisition takes a person off it: their pulls bring nothing more from it. */
  'requisition.removeMember': {
    auth: 'user',
    input: z.object({ requisitionId: id, userId: id }),
    output: z.object({ requisitionId: id, userId: id, removed: z.boolean() }),
  },
  'requisition.members': {
    auth: 'user',
    input: z.object({ requisitionId: id }),
    output: z.object({ members: z.array(z.object({ userId: id, displayName: z.string(), role: hiringRoleSchema })) }),
  },
  'sync.push': { auth: 'user', input: pushRequestSchema, output: pushResponseSchema },
  'sync.pull': { auth: 'user', input: pullRequestSchema, output: pullResponseSchema },
  /** The hiring manager signs a rubric version off as themselves (the web view's button). */
  'rubric.signOff': {
    auth: 'user',
    input: z.object({ rubricVersionId: id }),
    output: z.object({ rubricVersionId: id, contentHash: z.string(), seq: z.number().int(), version: z.number().int() }),
  },
  /**
   * Erase a candidate from the team server: a recruiter or hiring manager on their requisition, or an
   * admin. Every row and log entry about them goes; a receipt (hash of the id, when, by whom) stays,
   * and the log gets an erasure entry so each laptop erases its copy on its next pull. Idempotent.
   */
  'candidate.erase': {
    auth: 'user',
    input: z.object({ candidateId: id, changeId: z.string().regex(UUID_V7, 'change id must be a UUIDv7'), hlc: z.string().max(96).optional() }),
    output: z.object({
      candidateHash: z.string(),
      requisitionId: id,
      erasedAt: z.string(),
      erasedBy: id,
      seq: z.number().int(),
      rowsRemoved: z.number().int(),
      changesRemoved: z.number().int(),
      already: z.boolean(),
    }),
  },
  /** The server's audit trail (admins): who opened, submitted, amended, signed off or deleted what. Never content. */
  'audit.list': {
    auth: 'admin',
    input: z.object({ candidateHash: z.string().max(64).optional(), requisitionId: id.optional(), after: id.optional(), limit: z.number().int().min(1).max(1000).default(500) }),
    output: z.object({
      events: z.array(
        z.object({
          id,
          at: z.string(),
          actorId: id,
          actorName: z.string(),
          deviceId: z.string().nullable(),
          action: z.enum(['opened', 'exported', 'shared', 'submitted', 'amended', 'signed_off', 'deleted']),
          subjectKind: z.string(),
          subjectId: z.string(),
          requisitionId: z.string().nullable(),
          candidateHash: z.string().nullable(),
          details: z.record(z.string(), z.unknown()),
        }),
      ),
    }),
  },
} as const satisfies Record<string, { auth: 'none' | 'user' | 'admin'; input: z.ZodType; output: z.ZodType }>;

export type ServerApi = typeof serverApi;
export type ServerApiName = keyof ServerApi;
export type ServerApiInput<N extends ServerApiName> = z.input<ServerApi[N]['input']>;
export type ServerApiOutput<N extends ServerApiName> = z.infer<ServerApi[N]['output']>;

export function serverApiPath(name: ServerApiName): string {
  return `/api/${name}`;
}

/** Every error body: a stable code and a sentence for the person. */
export const serverErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
