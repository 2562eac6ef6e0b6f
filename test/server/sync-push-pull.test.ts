import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rubricContentHash } from '../../src/server/sync/apply-changes.js';
import { ChangeMaker, push } from '../support/sync-changes.js';
import { refusal, startTestTeam, type Member, type TestTeam } from '../support/team-server.js';
import { queryAs } from '../support/postgres.js';

let team: TestTeam;
let recruiter: Member;
let manager: Member;
let ivA: Member;
let ivB: Member;
const laptop = new ChangeMaker('rita');

async function pullAll(m: Member, since = 0) {
  const r = await m.call('sync.pull', { since, limit: 1000 });
  return r;
}

const ownerQuery = <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => queryAs<T>(team.pg.ownerUrl, text, values);

beforeAll(async () => {
  team = await startTestTeam();
  recruiter = await team.join('recruiter', 'Rita Recruiter');
  manager = await team.join('hiring_manager', 'Hank Manager', 'hank-password-1');
  ivA = await team.join('interviewer', 'Ivy One');
  ivB = await team.join('interviewer', 'Ivan Two');
  const out = await recruiter.call('sync.push', push([laptop.upsert('requisition', 'req-1', { title: 'Backend engineer' })]));
  expect(out.outcomes[0]!.status).toBe('applied');
  for (const [m, role] of [[manager, 'hiring_manager'], [ivA, 'interviewer'], [ivB, 'interviewer']] as const) {
    await recruiter.call('requisition.addMember', { requisitionId: 'req-1', userId: m.userId, role });
  }
  await recruiter.call('sync.push', push([laptop.upsert('candidate', 'cand-1', { requisitionId: 'req-1', name: 'Casey' })]));
});

afterAll(async () => {
  await team?.close();
});

describe('push', () => {
  it('applies a retried batch once and hands out increasing per-team sequence numbers', async () => {
    const batch = push([
      laptop.upsert('rubric', 'rub-1', { requisitionId: 'req-1', name: 'Backend rubric' }),
      laptop.upsert('interview_plan', 'plan-1', { requisitionId: 'req-1', stages: ['tech'] }),
    ]);
    const first = await recruiter.call('sync.push', batch);
    const again = await recruiter.call('sync.push', batch);
    expect(first.outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    const seqs = first.outcomes.map((o) => (o.status === 'applied' ? o.seq : -1));
    expect(seqs[1]).toBe(seqs[0]! + 1);
    expect(again.outcomes).toEqual(first.outcomes.map((o) => ({ id: o.id, status: 'duplicate', seq: (o as { seq: number }).seq })));
    const [count] = await ownerQuery<{ n: string }>(`select count(*) as n from sync_changes where change_id = any($1)`, [batch.changes.map((c) => c.id)]);
    expect(Number(count!.n)).toBe(2);
  });

  it('answers a stale base version with a conflict carrying the current row, and changes nothing', async () => {
    const v1 = await recruiter.call('sync.push', push([laptop.upsert('rubric_version', 'rv-draft', { requisitionId: 'req-1', criteria: ['design'] })]));
    expect(v1.outcomes[0]).toMatchObject({ status: 'applied', version: 1 });
    const otherLaptop = new ChangeMaker('hank');
    const hank = await manager.call('sync.push', push([otherLaptop.upsert('rubric_version', 'rv-draft', { requisitionId: 'req-1', criteria: ['design', 'testing'] }, 1)]));
    expect(hank.outcomes[0]).toMatchObject({ status: 'applied', version: 2 });
    const stale = await recruiter.call('sync.push', push([laptop.upsert('rubric_version', 'rv-draft', { requisitionId: 'req-1', criteria: ['ops'] }, 1)]));
    expect(stale.outcomes[0]).toMatchObject({ status: 'conflict', version: 2, current: { requisitionId: 'req-1', criteria: ['design', 'testing'] } });
    const [row] = await ownerQuery<{ payload: unknown; version: number }>(`select payload, version from sync_rows where entity_id = 'rv-draft'`);
    expect(row).toEqual({ payload: { requisitionId: 'req-1', criteria: ['design', 'testing'] }, version: 2 });
  });

  it('keeps unknown payload fields from a newer client as sent', async () => {
    const change = laptop.upsert('criterion', 'crit-new', { requisitionId: 'req-1', label: 'Design', fieldFromTheFuture: { nested: [1, 2] } });
    await recruiter.call('sync.push', push([change]));
    const pulled = await pullAll(manager);
    expect(pulled.changes.find((c) => c.change.id === change.id)?.change.payload).toEqual(change.payload);
  });

  it('refuses other content for a submitted scorecard, and takes the same content again as a retry', async () => {
    const iv = new ChangeMaker('ivy');
    const card = { requisitionId: 'req-1', candidateId: 'cand-1', recommendation: 'yes', evidence: ['"I led the migration"'] };
    const first = await ivA.call('sync.push', push([iv.upsert('scorecard_version', 'sc-ivy-1', card)]));
    expect(first.outcomes[0]!.status).toBe('applied');
    const sameAgain = await ivA.call('sync.push', push([iv.upsert('scorecard_version', 'sc-ivy-1', { ...card })]));
    expect(sameAgain.outcomes[0]!.status).toBe('duplicate');
    const changed = await ivA.call('sync.push', push([iv.upsert('scorecard_version', 'sc-ivy-1', { ...card, recommendation: 'strong_yes' }, 1)]));
    expect(changed.outcomes[0]).toMatchObject({ status: 'refused', reason: 'A submitted scorecard version cannot change: amend it as a new version.' });
    const removed = await ivA.call('sync.push', push([iv.remove('scorecard_version', 'sc-ivy-1', 1)]));
    expect(removed.outcomes[0]!.status).toBe('refused');
    const [row] = await ownerQuery<{ payload: unknown }>(`select payload from sync_rows where entity_id = 'sc-ivy-1'`);
    expect(row!.payload).toEqual(card);
  });
});

describe('server timing', () => {
  it("says how long the server spent on each answer, refusals included (Server-Timing)", async () => {
    const ask = (auth: string) =>
      fetch(`${team.server.origin}/api/sync.pull`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` }, body: JSON.stringify({ since: 0 }) });
    for (const response of [await ask(recruiter.auth.deviceToken!), await ask('dev_unknown')]) {
      const dur = /^app;dur=(\d+(?:\.\d)?)$/.exec(response.headers.get('server-timing') ?? '')?.[1];
      expect(dur).toBeDefined();
      expect(Number(dur)).toBeGreaterThanOrEqual(0);
      await response.arrayBuffer();
    }
  });
});

describe('an id held by a row out of sight', () => {
  it('refuses just that change and applies the rest of the batch', async () => {
    // Ivan can't see Ivy's scorecard yet; his laptop happens to reuse its id.
    const iv = new ChangeMaker('ivan-clash');
    const out = await ivB.call('sync.push', push([
      iv.upsert('scorecard_version', 'sc-ivy-1', { requisitionId: 'req-1', candidateId: 'cand-9', recommendation: 'no' }),
      iv.upsert('scorecard_version', 'sc-ivan-other', { requisitionId: 'req-1', candidateId: 'cand-9', recommendation: 'no' }),
    ]));
    expect(out.outcomes.map((o) => o.status)).toEqual(['refused', 'applied']);
    expect(out.outcomes[0]).toMatchObject({ reason: 'The id sc-ivy-1 is already taken by another scorecard version.' });
    const [row] = await ownerQuery<{ author_id: string; candidate_id: string }>(`select author_id, candidate_id from sync_rows where entity_id = 'sc-ivy-1'`);
    expect(row).toEqual({ author_id: ivA.userId, candidate_id: 'cand-1' });
  });
});

describe('the scorecard rule: an interviewer sees the panel only after submitting their own', () => {
  it('holds the others back, then brings them on the next pull after submitting, though older than the cursor', async () => {
    // Ivy submitted (above); Ivan has not. The recruiter's later edit moves Ivan's cursor past her card.
    await recruiter.call('sync.push', push([laptop.upsert('candidate', 'cand-1', { requisitionId: 'req-1', name: 'Casey', stage: 'onsite' }, 1)]));
    const before = await pullAll(ivB);
    const visibleIds = before.changes.map((c) => c.change.entityId);
    expect(visibleIds).toContain('cand-1');
    expect(visibleIds).not.toContain('sc-ivy-1');
    const cursor = before.next;

    const iv = new ChangeMaker('ivan');
    await ivB.call('sync.push', push([iv.upsert('scorecard_version', 'sc-ivan-1', { requisitionId: 'req-1', candidateId: 'cand-1', recommendation: 'no' })]));
    const after = await pullAll(ivB, cursor);
    expect(after.changes.map((c) => c.change.entityId).sort()).toEqual(['sc-ivan-1', 'sc-ivy-1']);
    // Ivy's change is older than the cursor Ivan pulled from.
    expect(after.changes.find((c) => c.change.entityId === 'sc-ivy-1')!.seq).toBeLessThan(cursor);
    const nothingNew = await pullAll(ivB, after.next);
    expect(nothingNew.changes).toEqual([]);
    expect(nothingNew.next).toBe(after.next);
  });

  it('shows the recruiter and hiring manager every scorecard at once', async () => {
    for (const m of [recruiter, manager]) {
      const ids = (await pullAll(m)).changes.map((c) => c.change.entityId);
      expect(ids).toEqual(expect.arrayContaining(['sc-ivy-1', 'sc-ivan-1']));
    }
  });

  it('pages without splitting a group that became visible together', async () => {
    await recruiter.call('sync.push', push([laptop.upsert('candidate', 'cand-2', { requisitionId: 'req-1', name: 'Dana' })]));
    const others = [recruiter, manager, ivA];
    for (const [i, m] of others.entries()) {
      await m.call('sync.push', push([new ChangeMaker(`p${i}`).upsert('scorecard_version', `sc-c2-${i}`, { requisitionId: 'req-1', candidateId: 'cand-2', recommendation: 'yes' })]));
    }
    const cursor = (await pullAll(ivB)).next;
    await ivB.call('sync.push', push([new ChangeMaker('ivan2').upsert('scorecard_version', 'sc-c2-ivan', { requisitionId: 'req-1', candidateId: 'cand-2', recommendation: 'no' })]));
    const page = await ivB.call('sync.pull', { since: cursor, limit: 2 });
    // Three cards became visible at Ivan's submission: all of them come in one page, with his own.
    expect(page.changes.map((c) => c.change.entityId).sort()).toEqual(['sc-c2-0', 'sc-c2-1', 'sc-c2-2', 'sc-c2-ivan']);
    expect(page.more).toBe(false);
  });
});

describe('someone added to a requisition after their laptop synced', () => {
  it('gets its earlier rows on the next pull, at the seq they were added, with the panel still held back', async () => {
    const late = await team.join('interviewer', 'Lena Late');
    const other = new ChangeMaker('rita-req-2');
    await recruiter.call('sync.push', push([other.upsert('requisition', 'req-2', { title: 'Data engineer' }), other.upsert('candidate', 'cand-r2', { requisitionId: 'req-2', name: 'Robin' })]));
    await recruiter.call('requisition.addMember', { requisitionId: 'req-2', userId: late.userId, role: 'interviewer' });
    // Lena's laptop syncs req-2 and pulls past everything req-1 holds so far.
    const first = await pullAll(late);
    expect(first.changes.map((c) => c.change.entityId)).toEqual(['req-2', 'cand-r2']);
    const cursor = first.next;
    const [req1] = await ownerQuery<{ last: string }>(`select max(seq) as last from sync_changes where requisition_id = 'req-1'`);
    expect(cursor).toBeGreaterThan(Number(req1!.last));

    await recruiter.call('requisition.addMember', { requisitionId: 'req-1', userId: late.userId, role: 'interviewer' });
    const after = await pullAll(late, cursor);
    const ids = new Set(after.changes.map((c) => c.change.entityId));
    for (const id of ['req-1', 'cand-1', 'rub-1', 'plan-1']) expect(ids.has(id)).toBe(true);
    // Older than her cursor, and no one else's scorecard until she submits her own.
    expect(after.changes.find((c) => c.change.entityId === 'req-1')!.seq).toBeLessThan(cursor);
    expect([...ids].filter((id) => id.startsWith('sc-'))).toEqual([]);
    const nothingNew = await pullAll(late, after.next);
    expect(nothingNew.changes).toEqual([]);

    await late.call('sync.push', push([new ChangeMaker('lena').upsert('scorecard_version', 'sc-lena-1', { requisitionId: 'req-1', candidateId: 'cand-1', recommendation: 'yes' })]));
    const panel = (await pullAll(late, after.next)).changes.map((c) => c.change.entityId);
    expect(panel).toEqual(expect.arrayContaining(['sc-lena-1', 'sc-ivy-1', 'sc-ivan-1']));
  });
});

describe('sign-off', () => {
  it('records the content hash for the hiring manager signing as themselves, and refuses later edits', async () => {
    const content = { requisitionId: 'req-1', criteria: ['design', 'testing'], title: 'v3' };
    await recruiter.call('sync.push', push([laptop.upsert('rubric_version', 'rv-3', content)]));
    const byRecruiter = await recruiter.call('sync.push', push([laptop.upsert('rubric_version', 'rv-3', { ...content, signedOffBy: recruiter.userId }, 1)]));
    expect(byRecruiter.outcomes[0]).toMatchObject({ status: 'refused', reason: "Only the requisition's hiring manager can sign off its rubric." });
    const inHanksName = await recruiter.call('sync.push', push([laptop.upsert('rubric_version', 'rv-3', { ...content, signedOffBy: manager.userId }, 1)]));
    expect(inHanksName.outcomes[0]).toMatchObject({ status: 'refused', reason: 'A sign-off is valid only from the hiring manager themselves: it names someone else.' });

    const hank = new ChangeMaker('hank-signs');
    const signed = await manager.call('sync.push', push([hank.upsert('rubric_version', 'rv-3', { ...content, signedOffBy: manager.userId, contentHash: 'forged' }, 1)]));
    expect(signed.outcomes[0]).toMatchObject({ status: 'applied', version: 2 });
    const [row] = await ownerQuery<{ content_hash: string; signed_off_by: string; payload: Record<string, unknown> }>(
      `select content_hash, signed_off_by, payload from sync_rows where entity_id = 'rv-3'`,
    );
    expect(row!.content_hash).toBe(rubricContentHash(content));
    expect(row!.signed_off_by).toBe(manager.userId);
    expect(row!.payload.contentHash).toBe(rubricContentHash(content));
    const [signOff] = await ownerQuery<{ user_id: string; content_hash: string }>(`select user_id, content_hash from sign_offs where rubric_version_id = 'rv-3'`);
    expect(signOff).toEqual({ user_id: manager.userId, content_hash: rubricContentHash(content) });

    const edit = await recruiter.call('sync.push', push([laptop.upsert('rubric_version', 'rv-3', { ...content, title: 'v3 edited' }, 2)]));
    expect(edit.outcomes[0]).toMatchObject({ status: 'refused', reason: 'This rubric version was signed off and cannot change: an edit makes a new, unsigned version.' });
  });

  it("drops a laptop's own word on who signed: a recruiter writing the manager's name signs nothing", async () => {
    const content = { requisitionId: 'req-1', criteria: ['design'], title: 'claimed' };
    const claimed = await recruiter.call('sync.push', push([laptop.upsert('rubric_version', 'rv-claimed', { ...content, signed_off_by: 'Hank Manager', signed_off_at: '2026-12-01T09:00:00.000Z' })]));
    expect(claimed.outcomes[0]).toMatchObject({ status: 'applied', version: 1 });
    const [row] = await ownerQuery<{ signed_off_by: string | null; payload: Record<string, unknown> }>(`select signed_off_by, payload from sync_rows where entity_id = 'rv-claimed'`);
    expect(row).toEqual({ signed_off_by: null, payload: content });
    expect(await ownerQuery(`select 1 from sign_offs where rubric_version_id = 'rv-claimed'`)).toEqual([]);
    const seenByOthers = (await pullAll(manager)).changes.filter((c) => c.change.entityId === 'rv-claimed');
    expect(seenByOthers.map((c) => c.change.payload)).toEqual([content]);
    // Still open to edits, and the real manager can sign it as themselves.
    const signed = await manager.call('sync.push', push([new ChangeMaker('hank-claimed').upsert('rubric_version', 'rv-claimed', { ...content, signed_off_at: '2026-12-01T10:00:00.000Z', signedOffBy: manager.userId }, 1)]));
    expect(signed.outcomes[0]).toMatchObject({ status: 'applied', version: 2 });
    const [after] = await ownerQuery<{ signed_off_by: string; content_hash: string; payload: Record<string, unknown> }>(`select signed_off_by, content_hash, payload from sync_rows where entity_id = 'rv-claimed'`);
    expect(after!.signed_off_by).toBe(manager.userId);
    expect(after!.content_hash).toBe(rubricContentHash(content));
    expect(after!.payload).not.toHaveProperty('signed_off_at');
    expect(after!.payload).toMatchObject({ signedOffBy: manager.userId, contentHash: rubricContentHash(content) });
  });

  it('signs off from the web session with its CSRF token, and not without it', async () => {
    await recruiter.call('sync.push', push([laptop.upsert('rubric_version', 'rv-web', { requisitionId: 'req-1', criteria: ['x'] })]));
    const { cookie, csrfToken } = await signIn('hank.manager@example.com', 'hank-password-1');
    const noCsrf = await refusal(callAs({ cookie }, 'rubric.signOff', { rubricVersionId: 'rv-web' }));
    expect(noCsrf.status).toBe(403);
    const ok = await callAs({ cookie, csrfToken }, 'rubric.signOff', { rubricVersionId: 'rv-web' });
    expect(ok.contentHash).toBe(rubricContentHash({ requisitionId: 'req-1', criteria: ['x'] }));
    const pulled = (await pullAll(recruiter)).changes.filter((c) => c.change.entityId === 'rv-web');
    expect(pulled.at(-1)!.change.payload).toMatchObject({ signedOffBy: manager.userId, contentHash: ok.contentHash });
  });
});

describe('bad input changes nothing', () => {
  async function snapshot() {
    return ownerQuery(`select (select count(*) from sync_changes) as changes, (select last_seq from teams) as seq, (select md5(string_agg(payload::text, '' order by entity_id)) from sync_rows) as rows`);
  }

  it('refuses a malformed batch whole with a 400 saying what is wrong', async () => {
    const before = await snapshot();
    const good = laptop.upsert('candidate', 'cand-x', { requisitionId: 'req-1' });
    const bad = await refusal(recruiter.call('sync.push', push([good, { ...good, id: 'not-a-uuid' }])));
    expect(bad.status).toBe(400);
    expect(bad.message).toBe('Invalid sync.push request: changes[1].id: change id must be a UUIDv7');
    const audio = await refusal(recruiter.call('sync.push', push([{ ...good, entity: 'transcript_segment' as never }])));
    expect(audio.status).toBe(400);
    const empty = await refusal(recruiter.call('sync.push', { schemaVersion: 1, changes: [] }));
    expect(empty.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('answers an oversized body with a 413', async () => {
    const before = await snapshot();
    const big = laptop.upsert('candidate', 'cand-big', { requisitionId: 'req-1', notes: 'x'.repeat(300 * 1024) });
    const tooBig = await refusal(recruiter.call('sync.push', push([big])));
    expect(tooBig.status).toBe(413);
    expect(tooBig.message).toMatch(/larger than this server accepts/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a whole batch when one change is unscoped, with the reason', async () => {
    const out = await recruiter.call('sync.push', push([laptop.upsert('candidate', 'cand-noreq', { name: 'No requisition' })]));
    expect(out.outcomes[0]).toMatchObject({ status: 'refused', reason: 'a candidate change needs "requisitionId" in its payload (a non-empty id)' });
  });

  it('stores SQL metacharacters in every field as plain text', async () => {
    const evil = `'; drop table sync_rows; -- "\\ %_ $1 \u0000`.replace('\u0000', '');
    const change = laptop.upsert('candidate', `cand-${evil}`, { requisitionId: 'req-1', name: evil, [evil]: evil });
    const out = await recruiter.call('sync.push', push([change]));
    expect(out.outcomes[0]!.status).toBe('applied');
    const pulled = (await pullAll(manager)).changes.find((c) => c.change.id === change.id);
    expect(pulled!.change).toEqual(change);
    const [count] = await ownerQuery<{ n: string }>(`select count(*) as n from sync_rows`);
    expect(Number(count!.n)).toBeGreaterThan(5);
    const evilLogin = await refusal(callAs({}, 'session.login', { email: `a@b.c' or '1'='1`, password: evil }));
    expect(evilLogin.status).toBe(400);
  });
});

async function signIn(email: string, password: string): Promise<{ cookie: string; csrfToken: string }> {
  const response = await fetch(`${team.server.origin}/api/session.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  const setCookie = response.headers.get('set-cookie')!;
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: setCookie.split(';')[0]!, csrfToken: body.csrfToken };
}

async function callAs(auth: { cookie?: string; csrfToken?: string }, name: Parameters<Member['call']>[0], input: unknown) {
  const { callServer } = await import('../../src/shared/server-api/call-server.js');
  return callServer(team.server.origin, name, input as never, auth) as Promise<{ contentHash: string }>;
}

