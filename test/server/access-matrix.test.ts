import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncedEntity } from '../../src/core/sync/sync-change.js';
import { ChangeMaker, push } from '../support/sync-changes.js';
import { refusal, startTestTeam, type Member, type TestTeam } from '../support/team-server.js';
import { queryAs } from '../support/postgres.js';

/**
 * Every role × resource × action, through HTTP against the real server and PostgreSQL: each action
 * has people allowed and people denied. "outsider" is a recruiter who isn't on the requisition;
 * "admin" holds no hiring role on it. Denied writes come back as refused changes (one bad change
 * must not block a laptop's outbox) or a 403, and the stored row is unchanged.
 */
type Who = 'admin' | 'recruiter' | 'hiring_manager' | 'interviewer' | 'outsider';
const EVERYONE: Who[] = ['admin', 'recruiter', 'hiring_manager', 'interviewer', 'outsider'];

let team: TestTeam;
const people = {} as Record<Who, Member>;
const makers = {} as Record<Who, ChangeMaker>;
const REQ = 'req-matrix';

const owner = <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => queryAs<T>(team.pg.ownerUrl, text, values);

async function version(entity: string, id: string): Promise<number> {
  const [row] = await owner<{ version: number }>('select version from sync_rows where entity = $1 and entity_id = $2', [entity, id]);
  return row?.version ?? 0;
}

async function pushOne(who: Who, entity: SyncedEntity, id: string, payload: Record<string, unknown>) {
  const base = await version(entity, id);
  const out = await people[who].call('sync.push', push([makers[who].upsert(entity, id, payload, base)]));
  return { outcome: out.outcomes[0]!, before: base, after: await version(entity, id) };
}

async function visibleTo(who: Who): Promise<string[]> {
  return (await people[who].call('sync.pull', { since: 0, limit: 1000 })).changes.map((c) => c.change.entityId);
}

beforeAll(async () => {
  team = await startTestTeam();
  people.admin = team.admin;
  people.recruiter = await team.join('recruiter', 'Rae Recruiter');
  people.hiring_manager = await team.join('hiring_manager', 'Hal Manager');
  people.interviewer = await team.join('interviewer', 'Ida Interviewer');
  people.outsider = await team.join('recruiter', 'Otto Outsider');
  for (const who of EVERYONE) makers[who] = new ChangeMaker(who.replace('_', ''));
  const rec = people.recruiter;
  await rec.call('sync.push', push([makers.recruiter.upsert('requisition', REQ, { title: 'Matrix role' })]));
  await rec.call('requisition.addMember', { requisitionId: REQ, userId: people.hiring_manager.userId, role: 'hiring_manager' });
  await rec.call('requisition.addMember', { requisitionId: REQ, userId: people.interviewer.userId, role: 'interviewer' });
  // A second interviewer's scorecard and a debrief decision, for the read cases.
  const other = await team.join('interviewer', 'Omar Other');
  await rec.call('requisition.addMember', { requisitionId: REQ, userId: other.userId, role: 'interviewer' });
  await rec.call('sync.push', push([makers.recruiter.upsert('candidate', 'cand-m', { requisitionId: REQ, name: 'Morgan' }), makers.recruiter.upsert('rubric_version', 'rv-m', { requisitionId: REQ, criteria: ['m'] })]));
  await other.call('sync.push', push([new ChangeMaker('omar').upsert('scorecard_version', 'sc-omar', { requisitionId: REQ, candidateId: 'cand-m', recommendation: 'yes' })]));
  await people.hiring_manager.call('sync.push', push([makers.hiring_manager.upsert('debrief_decision', 'dd-m', { requisitionId: REQ, candidateId: 'cand-m', decision: 'hire' })]));
});

afterAll(async () => {
  await team?.close();
});

const writeCases: { action: string; entity: SyncedEntity; allowed: Who[]; payload: (who: Who) => Record<string, unknown>; id: (who: Who) => string }[] = [
  { action: 'update the requisition', entity: 'requisition', allowed: ['recruiter', 'hiring_manager'], id: () => REQ, payload: (w) => ({ title: `edited by ${w}` }) },
  { action: 'write a rubric', entity: 'rubric', allowed: ['recruiter', 'hiring_manager'], id: (w) => `rub-${w}`, payload: () => ({ requisitionId: REQ, title: 'R' }) },
  { action: 'write a rubric version', entity: 'rubric_version', allowed: ['recruiter', 'hiring_manager'], id: (w) => `rv-${w}`, payload: () => ({ requisitionId: REQ, criteria: ['a'] }) },
  { action: 'write a criterion', entity: 'criterion', allowed: ['recruiter', 'hiring_manager'], id: (w) => `crit-${w}`, payload: () => ({ requisitionId: REQ, title: 'C' }) },
  { action: 'write an interview plan', entity: 'interview_plan', allowed: ['recruiter', 'hiring_manager'], id: (w) => `plan-${w}`, payload: () => ({ requisitionId: REQ, stages: [] }) },
  { action: 'write a candidate', entity: 'candidate', allowed: ['recruiter', 'hiring_manager'], id: (w) => `cand-${w}`, payload: () => ({ requisitionId: REQ, name: 'N' }) },
  { action: 'submit a scorecard', entity: 'scorecard_version', allowed: ['recruiter', 'hiring_manager', 'interviewer'], id: (w) => `sc-${w}`, payload: () => ({ requisitionId: REQ, candidateId: 'cand-x', recommendation: 'no' }) },
  { action: 'record a debrief decision', entity: 'debrief_decision', allowed: ['recruiter', 'hiring_manager'], id: (w) => `dd-${w}`, payload: () => ({ requisitionId: REQ, candidateId: 'cand-x', decision: 'no_hire' }) },
  // Admins may erase a candidate too (a deletion request can't wait for a hiring role).
  { action: 'record an erasure', entity: 'erasure', allowed: ['admin', 'recruiter', 'hiring_manager'], id: (w) => `er-${w}`, payload: () => ({ requisitionId: REQ, candidateId: 'cand-gone' }) },
];

describe.each(writeCases)('$action', ({ entity, allowed, payload, id }) => {
  it.each(EVERYONE)('%s', async (who) => {
    const { outcome, before, after } = await pushOne(who, entity, id(who), payload(who));
    if (allowed.includes(who)) {
      expect(outcome.status).toBe('applied');
      expect(after).toBe(before + 1);
    } else {
      expect(outcome.status).toBe('refused');
      expect(outcome.status === 'refused' && outcome.reason).toMatch(/^(Admins manage people and devices|You aren't on this requisition|Interviewers submit scorecards)/);
      expect(after).toBe(before);
    }
  });
});

// A delete has no payload: its scope is the row the server holds, made here by the recruiter for each case.
const deleteCases: { action: string; entity: SyncedEntity; allowed: Who[]; payload: Record<string, unknown> }[] = [
  { action: 'delete a candidate', entity: 'candidate', allowed: ['recruiter', 'hiring_manager'], payload: { requisitionId: REQ, name: 'Del' } },
  { action: 'delete a draft rubric version', entity: 'rubric_version', allowed: ['recruiter', 'hiring_manager'], payload: { requisitionId: REQ, criteria: ['d'] } },
  { action: 'delete an interview plan', entity: 'interview_plan', allowed: ['recruiter', 'hiring_manager'], payload: { requisitionId: REQ, stages: [] } },
  // Submitted is final: nobody deletes a scorecard, its author included (they amend it with a new version).
  { action: 'delete a submitted scorecard', entity: 'scorecard_version', allowed: [], payload: { requisitionId: REQ, candidateId: 'cand-x', recommendation: 'yes' } },
];

describe.each(deleteCases)('$action', ({ entity, allowed, payload }) => {
  it.each(EVERYONE)('%s', async (who) => {
    const id = `del-${entity}-${who}`;
    const made = await people.recruiter.call('sync.push', push([makers.recruiter.upsert(entity, id, payload)]));
    expect(made.outcomes[0]!.status).toBe('applied');
    const out = await people[who].call('sync.push', push([makers[who].remove(entity, id, 1)]));
    const [row] = await owner<{ deleted: boolean; version: number }>('select deleted, version from sync_rows where entity = $1 and entity_id = $2', [entity, id]);
    if (allowed.includes(who)) {
      expect(out.outcomes[0]!.status).toBe('applied');
      expect(row).toEqual({ deleted: true, version: 2 });
    } else {
      expect(out.outcomes[0]!.status).toBe('refused');
      expect(row).toEqual({ deleted: false, version: 1 });
    }
  });
});

describe('sign off a rubric version', () => {
  it.each(EVERYONE)('%s', async (who) => {
    const rv = `rv-sign-${who}`;
    await people.recruiter.call('sync.push', push([makers.recruiter.upsert('rubric_version', rv, { requisitionId: REQ, criteria: ['b'] })]));
    const { outcome } = await pushOne(who, 'rubric_version', rv, { requisitionId: REQ, criteria: ['b'], signedOffBy: people[who].userId });
    const [row] = await owner<{ signed_off_by: string | null }>('select signed_off_by from sync_rows where entity_id = $1', [rv]);
    if (who === 'hiring_manager') {
      expect(outcome.status).toBe('applied');
      expect(row!.signed_off_by).toBe(people.hiring_manager.userId);
    } else {
      expect(outcome.status).toBe('refused');
      expect(row!.signed_off_by).toBeNull();
    }
  });
});

const readCases: { action: string; entityId: string; allowed: Who[] }[] = [
  { action: 'read the requisition', entityId: REQ, allowed: ['recruiter', 'hiring_manager', 'interviewer'] },
  { action: 'read a candidate', entityId: 'cand-m', allowed: ['recruiter', 'hiring_manager', 'interviewer'] },
  { action: 'read a rubric version', entityId: 'rv-m', allowed: ['recruiter', 'hiring_manager', 'interviewer'] },
  // The interviewer hasn't scored cand-m: another's scorecard and the debrief stay hidden.
  { action: "read another interviewer's scorecard", entityId: 'sc-omar', allowed: ['recruiter', 'hiring_manager'] },
  { action: 'read the debrief decision', entityId: 'dd-m', allowed: ['recruiter', 'hiring_manager'] },
];

describe.each(readCases)('$action', ({ entityId, allowed }) => {
  it.each(EVERYONE)('%s', async (who) => {
    expect((await visibleTo(who)).includes(entityId)).toBe(allowed.includes(who));
  });
});

const adminCases: { action: string; run: (m: Member) => Promise<unknown> }[] = [
  { action: 'invite a person', run: (m) => m.call('invite.create', { role: 'interviewer' }) },
  { action: 'list the people', run: (m) => m.call('users.list', {}) },
  { action: "revoke someone else's device", run: async (m) => m.call('devices.revoke', { deviceId: (await team.join('interviewer', `Spare ${Math.random()}`)).deviceId }) },
  { action: "change someone's role", run: async (m) => m.call('users.setRole', { userId: (await team.join('interviewer', `Spare ${Math.random()}`)).userId, role: 'recruiter' }) },
  { action: 'disable a person', run: async (m) => m.call('users.disable', { userId: (await team.join('interviewer', `Spare ${Math.random()}`)).userId }) },
];

describe.each(adminCases)('$action', ({ run }) => {
  it.each(EVERYONE)('%s', async (who) => {
    if (who === 'admin') await expect(run(people[who])).resolves.toBeTruthy();
    else expect((await refusal(run(people[who]))).status).toBe(403);
  });
});

describe('add a person to the requisition', () => {
  it.each(EVERYONE)('%s', async (who) => {
    const newcomer = await team.join('interviewer', `New ${who}`);
    const call = () => people[who].call('requisition.addMember', { requisitionId: REQ, userId: newcomer.userId, role: 'interviewer' });
    if (who === 'recruiter' || who === 'hiring_manager') await expect(call()).resolves.toMatchObject({ role: 'interviewer' });
    else expect((await refusal(call())).status).toBe(403);
  });
});

describe('take a person off the requisition', () => {
  it.each(EVERYONE)('%s', async (who) => {
    const leaver = await team.join('interviewer', `Leaving ${who}`);
    await people.recruiter.call('requisition.addMember', { requisitionId: REQ, userId: leaver.userId, role: 'interviewer' });
    const call = () => people[who].call('requisition.removeMember', { requisitionId: REQ, userId: leaver.userId });
    if (who === 'recruiter' || who === 'hiring_manager') await expect(call()).resolves.toMatchObject({ removed: true });
    else expect((await refusal(call())).status).toBe(403);
    const members = (await people.recruiter.call('requisition.members', { requisitionId: REQ })).members.map((m) => m.userId);
    expect(members.includes(leaver.userId)).toBe(who !== 'recruiter' && who !== 'hiring_manager');
  });

  it('leaves the person nothing more from it, and keeps one recruiter or hiring manager on it', async () => {
    const gone = await team.join('interviewer', 'Gus Gone');
    await people.recruiter.call('requisition.addMember', { requisitionId: REQ, userId: gone.userId, role: 'interviewer' });
    const cursor = (await gone.call('sync.pull', { since: 0, limit: 1000 })).next;
    await people.recruiter.call('requisition.removeMember', { requisitionId: REQ, userId: gone.userId });
    await pushOne('recruiter', 'candidate', 'cand-after-removal', { requisitionId: REQ, name: 'After' });
    expect((await gone.call('sync.pull', { since: cursor, limit: 1000 })).changes).toEqual([]);
    expect(await visibleTo('recruiter')).toContain('cand-after-removal');
    // The hiring manager may leave while the recruiter stays; the last of them may not.
    const solo = await team.join('recruiter', 'Sol Solo');
    await solo.call('sync.push', push([new ChangeMaker('solo').upsert('requisition', 'req-solo', { title: 'Solo' })]));
    const last = await refusal(solo.call('requisition.removeMember', { requisitionId: 'req-solo', userId: solo.userId }));
    expect([last.status, last.message]).toEqual([409, 'This is the last recruiter or hiring manager on the requisition: add another before taking them off.']);
  });

  it('keeps a demoted recruiter on their requisitions as an interviewer only', async () => {
    const demoted = await team.join('recruiter', 'Dee Demoted');
    await demoted.call('sync.push', push([new ChangeMaker('dee').upsert('requisition', 'req-dee', { title: 'Dee' })]));
    await people.recruiter.call('requisition.addMember', { requisitionId: REQ, userId: demoted.userId, role: 'recruiter' });
    await team.admin.call('users.setRole', { userId: demoted.userId, role: 'interviewer' });
    expect(await owner('select requisition_id, role from requisition_members where user_id = $1 order by requisition_id', [demoted.userId])).toEqual([
      { requisition_id: 'req-dee', role: 'interviewer' },
      { requisition_id: REQ, role: 'interviewer' },
    ]);
    const asDemoted = await demoted.call('sync.push', push([new ChangeMaker('dee2').upsert('candidate', 'cand-dee-2', { requisitionId: REQ, name: 'y' })]));
    expect(asDemoted.outcomes[0]!.status).toBe('refused');
  });
});

describe('row-level security is a second wall (the server role, its checks bypassed)', () => {
  async function asApp<T extends pg.QueryResultRow>(who: Who, text: string, values: unknown[] = []): Promise<T[]> {
    const c = new pg.Client({ connectionString: team.pg.appUrl });
    await c.connect();
    try {
      await c.query('begin');
      await c.query("select set_config('debrief.team_id', $1, true), set_config('debrief.user_id', $2, true)", [team.teamId, people[who].userId]);
      const rows = (await c.query<T>(text, values)).rows;
      await c.query('commit');
      return rows;
    } catch (err) {
      await c.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      await c.end();
    }
  }

  it('owns none of the tables', async () => {
    const rows = await owner<{ tablename: string }>("select tablename from pg_tables where schemaname = 'public' and tableowner = 'debrief_app'");
    expect(rows).toEqual([]);
  });

  it.each(EVERYONE)("filters another interviewer's scorecard rows for %s", async (who) => {
    const rows = await asApp(who, "select entity_id from sync_changes where entity_id = 'sc-omar'");
    expect(rows.length).toBe(['recruiter', 'hiring_manager'].includes(who) ? 1 : 0);
  });

  it.each(['interviewer', 'admin', 'outsider'] as Who[])('refuses a requisition row written directly by %s', async (who) => {
    await expect(
      asApp(who, `insert into sync_rows (team_id, entity, entity_id, requisition_id, author_id, version, payload, last_seq)
                  values ($1, 'candidate', 'direct', $2, $3, 1, '{}', 999999)`, [team.teamId, REQ, people[who].userId]),
    ).rejects.toThrow(/row-level security/);
  });

  it.each(['recruiter', 'interviewer'] as Who[])('refuses a sign-off written directly by %s', async (who) => {
    await expect(
      asApp(who, `insert into sign_offs (team_id, rubric_version_id, requisition_id, user_id, content_hash) values ($1, 'rv-x', $2, $3, 'h')`, [team.teamId, REQ, people[who].userId]),
    ).rejects.toThrow(/row-level security/);
  });

  it('refuses a write in someone else\'s name even from a member', async () => {
    await expect(
      asApp('recruiter', `insert into sync_rows (team_id, entity, entity_id, requisition_id, author_id, version, payload, last_seq)
                          values ($1, 'candidate', 'forged', $2, $3, 1, '{}', 999998)`, [team.teamId, REQ, people.hiring_manager.userId]),
    ).rejects.toThrow(/row-level security/);
  });

  it.each(['recruiter', 'hiring_manager', 'interviewer'] as Who[])('refuses %s raising their own role, disabling someone, or making invites and people directly', async (who) => {
    const me = people[who].userId;
    await expect(asApp(who, "update users set role = 'admin' where id = $1", [me])).rejects.toThrow(/row-level security/);
    await expect(asApp(who, 'update users set disabled_at = now() where id = $1', [people.admin.userId])).rejects.toThrow(/row-level security/);
    await expect(
      asApp(who, "insert into invites (id, team_id, token_hash, role, created_by, expires_at) values ('i-direct', $1, 'h', 'admin', $2, now() + interval '1 day')", [team.teamId, me]),
    ).rejects.toThrow(/row-level security/);
    await expect(asApp(who, "insert into users (id, team_id, email, display_name, role) values ('u-direct', $1, 'direct@example.com', 'Direct', 'admin')", [team.teamId])).rejects.toThrow(
      /row-level security/,
    );
    // What they may do to their own row still works (nothing that changes who they are).
    await expect(asApp(who, 'update users set display_name = display_name where id = $1 returning id', [me])).resolves.toEqual([{ id: me }]);
  });

  it('refuses the log being rewritten', async () => {
    await expect(asApp('recruiter', "update sync_changes set payload = '{}' where entity_id = $1", [REQ])).rejects.toThrow(/permission denied/);
    await expect(asApp('recruiter', 'delete from sync_changes')).rejects.toThrow(/permission denied/);
  });
});
