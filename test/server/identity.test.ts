import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callServer } from '../../src/shared/server-api/call-server.js';
import { ChangeMaker, push } from '../support/sync-changes.js';
import { ADMIN_PASSWORD, refusal, startTestTeam, type Member, type TestTeam } from '../support/team-server.js';
import { queryAs } from '../support/postgres.js';

let team: TestTeam;

const ownerQuery = <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => queryAs<T>(team.pg.ownerUrl, text, values);

async function login(email: string, password: string): Promise<Response> {
  return fetch(`${team.server.origin}/api/session.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

beforeAll(async () => {
  team = await startTestTeam();
});
afterAll(async () => {
  await team?.close();
});

describe('invites and devices', () => {
  it('stores device tokens and invites only as hashes; the token is 256 random bits', async () => {
    const rows = await ownerQuery<{ token_hash: string }>('select token_hash from devices');
    expect(rows).toHaveLength(1);
    const token = team.admin.auth.deviceToken!;
    expect(Buffer.from(token.slice(token.indexOf('_') + 1), 'base64url')).toHaveLength(32);
    expect(JSON.stringify(await ownerQuery('select * from devices'))).not.toContain(token);
  });

  it('refuses an invite used twice, and the second try makes no device or person', async () => {
    const { invite } = await team.admin.call('invite.create', { role: 'interviewer' });
    await callServer(team.server.origin, 'device.join', { invite, deviceName: 'one', email: 'once@example.com', displayName: 'Once' });
    const before = await ownerQuery('select (select count(*) from devices) d, (select count(*) from users) u');
    const twice = await refusal(callServer(team.server.origin, 'device.join', { invite, deviceName: 'two', email: 'twice@example.com', displayName: 'Twice' }));
    expect([twice.status, twice.message]).toEqual([409, 'This invite was already used: ask an admin for a new one.']);
    const bogus = await refusal(callServer(team.server.origin, 'device.join', { invite: 'inv_' + 'A'.repeat(43), deviceName: 'x', email: 'x@example.com', displayName: 'X' }));
    expect(bogus.status).toBe(400);
    expect(await ownerQuery('select (select count(*) from devices) d, (select count(*) from users) u')).toEqual(before);
  });

  it('refuses a revoked device token from then on, and its push stores nothing', async () => {
    const rita = await team.join('recruiter', 'Rita Revoked');
    await rita.call('sync.push', push([new ChangeMaker('r').upsert('requisition', 'req-revoke', { title: 'x' })]));
    await rita.call('devices.revoke', { deviceId: rita.deviceId });
    const seq = await ownerQuery('select last_seq from teams');
    const refused = await refusal(rita.call('sync.push', push([new ChangeMaker('r2').upsert('requisition', 'req-after', { title: 'y' })])));
    expect([refused.status, refused.message]).toEqual([401, 'This device was revoked by an admin or its owner: join again with a new invite.']);
    expect((await refusal(rita.call('sync.pull', { since: 0 }))).status).toBe(401);
    expect(await ownerQuery('select last_seq from teams')).toEqual(seq);
  });

  it('lets only an admin revoke someone else\'s device', async () => {
    const a = await team.join('interviewer', 'Ann Device');
    const b = await team.join('interviewer', 'Ben Device');
    const denied = await refusal(a.call('devices.revoke', { deviceId: b.deviceId }));
    expect(denied.status).toBe(403);
    expect((await b.call('devices.list', {})).devices.map((d) => d.id)).toEqual([b.deviceId]);
    await team.admin.call('devices.revoke', { deviceId: b.deviceId });
    expect((await refusal(b.call('sync.pull', { since: 0 }))).status).toBe(401);
  });
});

describe('role escalation', () => {
  let rec: Member;
  let iv: Member;
  beforeAll(async () => {
    rec = await team.join('recruiter', 'Rob Recruiter');
    iv = await team.join('interviewer', 'Iris Interviewer');
    await rec.call('sync.push', push([new ChangeMaker('rob').upsert('requisition', 'req-esc', { title: 'Escalation' })]));
    await rec.call('requisition.addMember', { requisitionId: 'req-esc', userId: iv.userId, role: 'interviewer' });
  });

  it('refuses invites, role changes and people lists from anyone but an admin', async () => {
    for (const m of [rec, iv]) {
      for (const call of [() => m.call('invite.create', { role: 'admin' }), () => m.call('users.setRole', { userId: m.userId, role: 'admin' }), () => m.call('users.list', {})]) {
        const r = await refusal(call());
        expect([r.status, r.message]).toEqual([403, 'Only an admin can do this.']);
      }
    }
    const [row] = await ownerQuery<{ role: string }>('select role from users where id = $1', [iv.userId]);
    expect(row!.role).toBe('interviewer');
  });

  it('refuses an interviewer adding people, and a recruiter making an interviewer the hiring manager', async () => {
    const self = await refusal(iv.call('requisition.addMember', { requisitionId: 'req-esc', userId: iv.userId, role: 'hiring_manager' }));
    expect(self.status).toBe(403);
    const promote = await refusal(rec.call('requisition.addMember', { requisitionId: 'req-esc', userId: iv.userId, role: 'hiring_manager' }));
    expect(promote.message).toBe('Iris Interviewer is on the team as interviewer: they can join a requisition as that or as an interviewer.');
    expect((await rec.call('requisition.members', { requisitionId: 'req-esc' })).members.map((m) => m.role)).toEqual(['recruiter', 'interviewer']);
  });

  it('keeps the last admin an admin', async () => {
    const r = await refusal(team.admin.call('users.setRole', { userId: team.admin.userId, role: 'interviewer' }));
    expect(r.status).toBe(409);
    expect((await refusal(team.admin.call('users.disable', { userId: team.admin.userId }))).status).toBe(409);
  });

  it('disables someone leaving: their devices and web sessions are refused from then on, their work stays', async () => {
    const dora = await team.join('recruiter', 'Dora Departing', 'dora-password-1');
    await dora.call('sync.push', push([new ChangeMaker('dora').upsert('requisition', 'req-dora', { title: 'Left behind' })]));
    const signedIn = await login('dora.departing@example.com', 'dora-password-1');
    const session = { cookie: signedIn.headers.get('set-cookie')!.split(';')[0]! };
    expect((await callServer(team.server.origin, 'session.current', {}, session)).user.id).toBe(dora.userId);
    expect((await refusal(dora.call('users.disable', { userId: dora.userId }))).status).toBe(403);

    const out = await team.admin.call('users.disable', { userId: dora.userId });
    expect(out.user.id).toBe(dora.userId);
    expect((await refusal(dora.call('sync.pull', { since: 0 }))).status).toBe(401);
    expect((await refusal(callServer(team.server.origin, 'session.current', {}, session))).status).toBe(401);
    expect((await login('dora.departing@example.com', 'dora-password-1')).status).toBe(401);
    expect(await ownerQuery("select count(*)::int as n from web_sessions where user_id = $1", [dora.userId])).toEqual([{ n: 0 }]);
    expect(await ownerQuery('select revoked_at is not null as revoked from devices where user_id = $1', [dora.userId])).toEqual([{ revoked: true }]);
    expect(await ownerQuery("select count(*)::int as n from sync_rows where entity_id = 'req-dora'")).toEqual([{ n: 1 }]);
    expect((await team.admin.call('users.list', {})).users.find((u) => u.id === dora.userId)?.disabled).toBe(true);
    // Again is a no-op with the first time.
    expect((await team.admin.call('users.disable', { userId: dora.userId })).disabledAt).toBe(out.disabledAt);
  });
});

describe('web sign-in', () => {
  it('hashes the password with argon2id and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const [row] = await ownerQuery<{ password_hash: string }>("select password_hash from users where email = 'admin@example.com'");
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    const response = await login('admin@example.com', ADMIN_PASSWORD);
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^debrief_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    const session = { cookie: cookie.split(';')[0]! };
    // Reading the session needs no CSRF token; anything else does.
    expect((await callServer(team.server.origin, 'session.current', {}, session)).csrfToken).toBe(csrfToken);
    expect((await refusal(callServer(team.server.origin, 'users.list', {}, session))).status).toBe(403);
    expect((await callServer(team.server.origin, 'users.list', {}, { ...session, csrfToken })).users.length).toBeGreaterThan(1);
    await callServer(team.server.origin, 'session.logout', {}, { ...session, csrfToken });
    expect((await refusal(callServer(team.server.origin, 'session.current', {}, session))).status).toBe(401);
  });

  it('rate-limits failed sign-ins per account, across server instances, even for the right password', async () => {
    const other = await team.startInstance();
    const email = 'admin@example.com';
    for (let i = 0; i < 5; i++) {
      const origin = i % 2 === 0 ? team.server.origin : other.origin;
      const r = await fetch(`${origin}/api/session.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: `wrong-${i}` }) });
      expect(r.status).toBe(401);
    }
    const limited = await login(email, ADMIN_PASSWORD);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toBe('Too many failed sign-ins: wait 15 minutes and try again.');
    const [row] = await ownerQuery<{ failures: number }>("select failures from login_attempts where key = 'email:admin@example.com'");
    expect(row!.failures).toBe(5);
  });

  it('counts sign-ins sent in parallel: no more than the limit get a password check', async () => {
    await team.join('recruiter', 'Pat Parallel', 'pat-password-1');
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => login('pat.parallel@example.com', `wrong-${i}`).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect((await login('pat.parallel@example.com', 'pat-password-1')).status).toBe(429);
  });

  it('answers a wrong password and an unknown account alike', async () => {
    const unknown = await login('nobody@example.com', 'whatever-pass');
    const body = (await unknown.json()) as { error: { message: string } };
    expect([unknown.status, body.error.message]).toEqual([401, 'That email and password do not match an account on this team server.']);
  });
});
