import { sql, type Selectable } from 'kysely';
import type { ServerUser } from '../../shared/server-api/server-api.js';
import { inTransaction, type ServerTransaction } from '../db/server-database.js';
import type { UsersTable } from '../db/server-schema.js';
import { clearedSessionCookie, sessionCookie } from '../http/cookies.js';
import { callerOf, type Handlers } from '../http/handler.js';
import { badRequest, forbidden, HttpError, notFound, unauthorized } from '../http/http-error.js';
import { memberRole } from '../sync/access.js';
import { csrfTokenFor } from './authenticate.js';
import { signedIn, takeSignInAttempt } from './login-rate-limit.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { hashToken, newId, newToken } from './tokens.js';

const SESSION_HOURS = 12;

export function toUser(row: Pick<Selectable<UsersTable>, 'id' | 'email' | 'display_name' | 'role'>): ServerUser {
  return { id: row.id, email: row.email, displayName: row.display_name, role: row.role };
}

type IdentityHandlers = Pick<
  Handlers,
  | 'device.join'
  | 'session.login'
  | 'session.current'
  | 'session.logout'
  | 'invite.create'
  | 'users.list'
  | 'users.setRole'
  | 'devices.list'
  | 'devices.revoke'
  | 'requisition.addMember'
  | 'requisition.removeMember'
  | 'requisition.members'
  | 'users.disable'
>;

export const identityHandlers: IdentityHandlers = {
  async 'device.join'(input, ctx) {
    // Hash outside the transaction: argon2 takes a while and the invite row is locked inside it.
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    return inTransaction(ctx.db, { teamId: ctx.teamId, userId: null }, async (trx) => {
      const invite = await trx.selectFrom('invites').selectAll().where('token_hash', '=', hashToken(input.invite)).forUpdate().executeTakeFirst();
      if (!invite) throw new HttpError(400, 'invite-invalid', "This invite isn't valid for this team server: check it was copied whole.");
      if (invite.used_at) throw new HttpError(409, 'invite-used', 'This invite was already used: ask an admin for a new one.');
      if (invite.expires_at.getTime() < Date.now()) throw new HttpError(410, 'invite-expired', 'This invite has expired: ask an admin for a new one.');
      let user: Selectable<UsersTable>;
      if (invite.user_id) {
        user = await trx.selectFrom('users').selectAll().where('id', '=', invite.user_id).executeTakeFirstOrThrow();
        if (passwordHash) await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', user.id).execute();
      } else {
        if (!input.email || !input.displayName) throw badRequest('Joining with this invite needs your email and name.');
        const taken = await trx.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
        if (taken) throw new HttpError(409, 'email-taken', `${input.email} is already on this team: ask an admin for a device invite for that account.`);
        user = await trx
          .insertInto('users')
          .values({ id: newId('u'), team_id: ctx.teamId, email: input.email, display_name: input.displayName, role: invite.role, password_hash: passwordHash })
          .returningAll()
          .executeTakeFirstOrThrow();
      }
      const deviceToken = newToken('dev');
      const deviceId = newId('d');
      await trx.insertInto('devices').values({ id: deviceId, team_id: ctx.teamId, user_id: user.id, name: input.deviceName, token_hash: hashToken(deviceToken) }).execute();
      await trx.updateTable('invites').set({ used_at: new Date(), used_by: user.id }).where('id', '=', invite.id).execute();
      return { teamId: ctx.teamId, user: toUser(user), deviceId, deviceToken };
    });
  },

  async 'session.login'(input, ctx) {
    await takeSignInAttempt(ctx.db, ctx.teamId, input.email, ctx.ip);
    const user = await inTransaction(ctx.db, { teamId: ctx.teamId, userId: null }, (trx) =>
      trx.selectFrom('users').selectAll().where('email', '=', input.email).where('disabled_at', 'is', null).executeTakeFirst(),
    );
    if (!(await verifyPassword(user?.password_hash ?? null, input.password)) || !user) {
      throw unauthorized('That email and password do not match an account on this team server.');
    }
    await signedIn(ctx.db, ctx.teamId, input.email, ctx.ip);
    const token = newToken('s');
    const csrfToken = csrfTokenFor(token);
    await inTransaction(ctx.db, { teamId: ctx.teamId, userId: user.id }, (trx) =>
      trx
        .insertInto('web_sessions')
        .values({ token_hash: hashToken(token), team_id: ctx.teamId, user_id: user.id, csrf_hash: hashToken(csrfToken), expires_at: new Date(Date.now() + SESSION_HOURS * 3_600_000) })
        .execute(),
    );
    ctx.setCookie(sessionCookie(token, { maxAgeSeconds: SESSION_HOURS * 3600, secure: ctx.secureCookies }));
    return { user: toUser(user), csrfToken };
  },

  async 'session.current'(_input, ctx) {
    const caller = callerOf(ctx);
    return { user: caller.user, csrfToken: caller.sessionToken ? csrfTokenFor(caller.sessionToken) : null };
  },

  async 'session.logout'(_input, ctx) {
    const caller = callerOf(ctx);
    if (caller.sessionToken) {
      const hash = hashToken(caller.sessionToken);
      await inTransaction(ctx.db, { teamId: ctx.teamId, userId: caller.user.id }, (trx) => trx.deleteFrom('web_sessions').where('token_hash', '=', hash).execute());
      ctx.setCookie(clearedSessionCookie(ctx.secureCookies));
    }
    return { ok: true as const };
  },

  async 'invite.create'(input, ctx) {
    const caller = callerOf(ctx);
    const invite = newToken('inv');
    const expiresAt = new Date(Date.now() + input.validDays * 86_400_000);
    await inTransaction(ctx.db, { teamId: ctx.teamId, userId: caller.user.id }, (trx) =>
      trx
        .insertInto('invites')
        .values({ id: newId('i'), team_id: ctx.teamId, token_hash: hashToken(invite), role: input.role, created_by: caller.user.id, expires_at: expiresAt })
        .execute(),
    );
    return { invite, role: input.role, expiresAt: expiresAt.toISOString() };
  },

  async 'users.list'(_input, ctx) {
    const rows = await inTransaction(ctx.db, { teamId: ctx.teamId, userId: callerOf(ctx).user.id }, (trx) =>
      trx.selectFrom('users').selectAll().orderBy('created_at').execute(),
    );
    return { users: rows.map((r) => ({ ...toUser(r), disabled: r.disabled_at !== null })) };
  },

  async 'users.setRole'(input, ctx) {
    return inTransaction(ctx.db, { teamId: ctx.teamId, userId: callerOf(ctx).user.id }, async (trx) => {
      const target = await trx.selectFrom('users').selectAll().where('id', '=', input.userId).forUpdate().executeTakeFirst();
      if (!target) throw notFound('There is no such person on this team.');
      if (target.role === 'admin' && input.role !== 'admin') await refuseIfLastAdmin(trx);
      const updated = await trx.updateTable('users').set({ role: input.role }).where('id', '=', input.userId).returningAll().executeTakeFirstOrThrow();
      // A requisition role needs the team role (addMember's rule): a demoted recruiter stays on as an interviewer.
      await trx
        .updateTable('requisition_members')
        .set({ role: 'interviewer' })
        .where('user_id', '=', input.userId)
        .where('role', 'not in', input.role === 'recruiter' || input.role === 'hiring_manager' ? ['interviewer', input.role] : ['interviewer'])
        .execute();
      return { user: toUser(updated) };
    });
  },

  async 'users.disable'(input, ctx) {
    return inTransaction(ctx.db, { teamId: ctx.teamId, userId: callerOf(ctx).user.id }, async (trx) => {
      const target = await trx.selectFrom('users').selectAll().where('id', '=', input.userId).forUpdate().executeTakeFirst();
      if (!target) throw notFound('There is no such person on this team.');
      if (target.disabled_at) return { user: toUser(target), disabledAt: target.disabled_at.toISOString() };
      if (target.role === 'admin') await refuseIfLastAdmin(trx);
      const at = new Date();
      await trx.updateTable('users').set({ disabled_at: at }).where('id', '=', target.id).execute();
      // Authentication refuses a disabled person's devices and sessions already; these go for good.
      await trx.updateTable('devices').set({ revoked_at: at }).where('user_id', '=', target.id).where('revoked_at', 'is', null).execute();
      await trx.deleteFrom('web_sessions').where('user_id', '=', target.id).execute();
      return { user: toUser(target), disabledAt: at.toISOString() };
    });
  },

  async 'devices.list'(_input, ctx) {
    const caller = callerOf(ctx);
    const rows = await inTransaction(ctx.db, { teamId: ctx.teamId, userId: caller.user.id }, (trx) => {
      let q = trx.selectFrom('devices').selectAll().orderBy('created_at');
      if (caller.user.role !== 'admin') q = q.where('user_id', '=', caller.user.id);
      return q.execute();
    });
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
      devices: rows.map((r) => ({ id: r.id, userId: r.user_id, name: r.name, createdAt: r.created_at.toISOString(), lastSeenAt: iso(r.last_seen_at), revokedAt: iso(r.revoked_at) })),
    };
  },

  async 'devices.revoke'(input, ctx) {
    const caller = callerOf(ctx);
    return inTransaction(ctx.db, { teamId: ctx.teamId, userId: caller.user.id }, async (trx) => {
      const device = await trx.selectFrom('devices').selectAll().where('id', '=', input.deviceId).forUpdate().executeTakeFirst();
      if (!device) throw notFound('There is no such device on this team.');
      if (device.user_id !== caller.user.id && caller.user.role !== 'admin') throw forbidden("Only an admin can revoke someone else's device.");
      if (device.revoked_at) return { revokedAt: device.revoked_at.toISOString() };
      const at = new Date();
      await trx.updateTable('devices').set({ revoked_at: at }).where('id', '=', device.id).execute();
      return { revokedAt: at.toISOString() };
    });
  },

  async 'requisition.addMember'(input, ctx) {
    const caller = callerOf(ctx);
    return inTransaction(ctx.db, { teamId: ctx.teamId, userId: caller.user.id }, async (trx) => {
      await refuseUnlessHiringLead(trx, ctx.teamId, input.requisitionId, caller.user.id, 'add people to it');
      const target = await trx.selectFrom('users').selectAll().where('id', '=', input.userId).executeTakeFirst();
      if (!target) throw notFound('There is no such person on this team.');
      // Anyone may interview; the other hiring roles need that team role (no escalation through a requisition).
      if (input.role !== 'interviewer' && input.role !== target.role) {
        throw forbidden(`${target.display_name} is on the team as ${target.role.replace('_', ' ')}: they can join a requisition as that or as an interviewer.`);
      }
      const existing = await memberRole(trx, ctx.teamId, input.requisitionId, input.userId);
      if (existing && existing !== input.role) {
        throw new HttpError(409, 'already-member', `${target.display_name} is already on this requisition as ${existing.replace('_', ' ')}.`);
      }
      if (!existing) {
        // A number of its own in the team's sequence (the team row stays locked to the commit, as in a
        // push): the requisition's older rows reach the new member's next pull at this number, even if
        // their laptop has already pulled past them.
        const { last_seq } = await trx.updateTable('teams').set({ last_seq: sql`last_seq + 1` }).where('id', '=', ctx.teamId).returning('last_seq').executeTakeFirstOrThrow();
        await trx
          .insertInto('requisition_members')
          .values({ team_id: ctx.teamId, requisition_id: input.requisitionId, user_id: input.userId, role: input.role, added_by: caller.user.id, visible_from: last_seq })
          .execute();
      }
      return { requisitionId: input.requisitionId, userId: input.userId, role: input.role };
    });
  },

  async 'requisition.removeMember'(input, ctx) {
    const caller = callerOf(ctx);
    return inTransaction(ctx.db, { teamId: ctx.teamId, userId: caller.user.id }, async (trx) => {
      await refuseUnlessHiringLead(trx, ctx.teamId, input.requisitionId, caller.user.id, 'take people off it');
      // One change to a requisition's people at a time: two removals can't each leave the other as its last owner.
      await sql`select pg_advisory_xact_lock(hashtextextended(${`members:${ctx.teamId}:${input.requisitionId}`}, 0))`.execute(trx);
      const members = await trx.selectFrom('requisition_members').select(['user_id', 'role']).where('team_id', '=', ctx.teamId).where('requisition_id', '=', input.requisitionId).execute();
      const target = members.find((m) => m.user_id === input.userId);
      if (!target) return { requisitionId: input.requisitionId, userId: input.userId, removed: false };
      if (target.role !== 'interviewer' && !members.some((m) => m.user_id !== input.userId && m.role !== 'interviewer')) {
        throw new HttpError(409, 'last-owner', 'This is the last recruiter or hiring manager on the requisition: add another before taking them off.');
      }
      await trx.deleteFrom('requisition_members').where('team_id', '=', ctx.teamId).where('requisition_id', '=', input.requisitionId).where('user_id', '=', input.userId).execute();
      return { requisitionId: input.requisitionId, userId: input.userId, removed: true };
    });
  },

  async 'requisition.members'(input, ctx) {
    const caller = callerOf(ctx);
    return inTransaction(ctx.db, { teamId: ctx.teamId, userId: caller.user.id }, async (trx) => {
      if (!(await memberRole(trx, ctx.teamId, input.requisitionId, caller.user.id))) throw forbidden("You aren't on this requisition.");
      const rows = await trx
        .selectFrom('requisition_members')
        .innerJoin('users', 'users.id', 'requisition_members.user_id')
        .select(['requisition_members.user_id', 'users.display_name', 'requisition_members.role'])
        .where('requisition_members.requisition_id', '=', input.requisitionId)
        .orderBy('requisition_members.added_at')
        .execute();
      return { members: rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, role: r.role })) };
    });
  },
};

async function refuseIfLastAdmin(trx: ServerTransaction): Promise<void> {
  const admins = await trx.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).execute();
  if (admins.length <= 1) throw new HttpError(409, 'last-admin', "This is the team's only admin: make someone else an admin first.");
}

/** Only a recruiter or hiring manager on a requisition changes who is on it. */
async function refuseUnlessHiringLead(trx: ServerTransaction, teamId: string, requisitionId: string, userId: string, doing: string): Promise<void> {
  const mine = await memberRole(trx, teamId, requisitionId, userId);
  if (mine !== 'recruiter' && mine !== 'hiring_manager') throw forbidden(`Only a recruiter or hiring manager on this requisition can ${doing}.`);
}
