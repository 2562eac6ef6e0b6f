import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncWithServer, type ServerConnection } from '../../src/backend/sync/server-sync.js';
import { uuidV7 } from '../../src/core/sync/uuid-v7.js';
import type { IpcResult } from '../../src/shared/ipc/contract.js';
import { webViewChannelPath } from '../../src/shared/ipc/web-view-channels.js';
import type { RunningServer } from '../../src/server/team-server.js';
import { interviewFixture, salesCriteria } from '../support/seed-rubric.js';
import { tempDir } from '../support/speech.js';
import { startTestTeam, type Member, type TestTeam } from '../support/team-server.js';
import { openLaptop, submitMappedScorecard, type Laptop } from '../sync/support/sync-stores.js';

/**
 * The web view keeps each person's projected store between requests and pulls only since its
 * cursor. Whatever it keeps, each answer is what a fresh build would say: new changes appear,
 * the panel opens to an interviewer once they submit, and a revoked membership or an erasure
 * hides what it should on the very next read. Real server, real PostgreSQL, real laptops.
 */
describe('the web view’s per-person store', () => {
  const root = tempDir('debrief-web-cache-');
  let team: TestTeam;
  let other: RunningServer;
  const people: Record<'recruiter' | 'manager' | 'dana' | 'ivy', { member: Member; laptop: Laptop; connection: ServerConnection }> = {} as never;
  let requisitionId: string;
  let versionId: string;
  let candidateId: string;

  const sync = async (who: keyof typeof people) => {
    const report = await syncWithServer(people[who].laptop.db, people[who].connection, { home: people[who].laptop.home, backoffMs: 10 });
    expect(report.refused, who).toEqual([]);
    return report;
  };

  /** One web view call as this person (their device token), on the given instance. */
  async function ipc<T>(who: keyof typeof people, channel: string, input: unknown, origin = team.server.origin): Promise<IpcResult<T>> {
    const response = await fetch(`${origin}${webViewChannelPath(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${people[who].member.auth.deviceToken!}` },
      body: JSON.stringify({ input }),
    });
    return (await response.json()) as IpcResult<T>;
  }
  async function value<T>(who: keyof typeof people, channel: string, input: unknown, origin?: string): Promise<T> {
    const result = await ipc<T>(who, channel, input, origin);
    if (!result.ok) throw new Error(`${who} ${channel}: ${result.error.message}`);
    return result.value;
  }
  const candidateNames = async (who: keyof typeof people, origin?: string) =>
    (await value<{ name: string }[]>(who, 'candidates:list', { requisitionId }, origin)).map((c) => c.name).sort();

  beforeAll(async () => {
    team = await startTestTeam();
    other = await team.startInstance();
    const roles = { recruiter: ['recruiter', 'Rita Recruiter'], manager: ['hiring_manager', 'Hank Manager'], dana: ['interviewer', 'Dana Kim'], ivy: ['interviewer', 'Ivy Interviewer'] } as const;
    for (const [key, [role, name]] of Object.entries(roles) as [keyof typeof people, (typeof roles)[keyof typeof roles]][]) {
      const member = await team.join(role, name);
      const laptop = await openLaptop(root, key);
      people[key] = { member, laptop, connection: { origin: team.server.origin, deviceToken: member.auth.deviceToken!, userId: member.userId } };
    }
    const r = people.recruiter.laptop.handlers;
    requisitionId = (await r['requisitions:create']({ title: 'Account executive' })).id;
    const criteria = salesCriteria(['Discovery and qualification', 'Closing and negotiation']);
    versionId = (await r['rubrics:save']({ requisitionId, versionId: null, criteria })).version.id;
    candidateId = (await r['candidates:create']({ name: 'Marcus Reed', requisitionId, stage: 'Phone screen' })).id;
    await sync('recruiter');
    const rec = people.recruiter.member;
    await rec.call('requisition.addMember', { requisitionId, userId: people.manager.member.userId, role: 'hiring_manager' });
    await rec.call('requisition.addMember', { requisitionId, userId: people.dana.member.userId, role: 'interviewer' });
    await rec.call('requisition.addMember', { requisitionId, userId: people.ivy.member.userId, role: 'interviewer' });
  }, 300_000);

  afterAll(async () => {
    for (const p of Object.values(people)) await p.laptop.db.destroy();
    await team?.close();
    await rm(root, { recursive: true, force: true });
  });

  async function submitScorecard(who: 'dana' | 'ivy', interviewer: string, fixture: string) {
    await sync(who);
    await submitMappedScorecard(people[who].laptop.handlers, {
      transcript: interviewFixture(fixture),
      candidateId,
      versionId,
      interviewer,
      title: `Marcus, screen with ${interviewer}`,
      stage: 'Phone screen',
    });
    expect((await sync(who)).pushed, who).toBeGreaterThan(0);
  }

  it('shows a change made after a cached read on the next read, as a fresh instance does', async () => {
    expect(await candidateNames('manager')).toEqual(['Marcus Reed']);
    expect(await candidateNames('manager')).toEqual(['Marcus Reed']);
    const r = people.recruiter.laptop.handlers;
    await r['candidates:create']({ name: 'Nora Quinn', requisitionId, stage: 'Onsite' });
    await r['requisitions:update']({ id: requisitionId, title: 'Account executive, EMEA' });
    await sync('recruiter');
    expect(await candidateNames('manager')).toEqual(['Marcus Reed', 'Nora Quinn']);
    expect((await value<{ requisition: { title: string } }>('manager', 'requisitions:get', { id: requisitionId })).requisition.title).toBe('Account executive, EMEA');
    // The other instance has nothing cached: it builds from scratch and says the same.
    expect(await candidateNames('manager', other.origin)).toEqual(['Marcus Reed', 'Nora Quinn']);
    // A sign-off made through the web view shows on the signer's next read, with their name.
    const signed = await value<{ signedOff: { by: string } | null }>('manager', 'rubrics:signOff', { versionId, by: 'ignored' });
    expect(signed.signedOff?.by).toBe('Hank Manager');
    expect((await value<{ signedOff: { by: string } | null }>('manager', 'rubrics:getVersion', { versionId })).signedOff?.by).toBe('Hank Manager');
  }, 180_000);

  it('opens the panel’s scorecards to an interviewer right after they submit their own', async () => {
    await submitScorecard('dana', 'Dana Kim', 'account-executive-01');
    // Ivy's store is built and kept while she has not scored Marcus: no one else's scorecard.
    expect(await value('ivy', 'scorecards:list', {})).toEqual([]);
    expect(await value('ivy', 'scorecards:list', {})).toEqual([]);
    await submitScorecard('ivy', 'Ivy Interviewer', 'account-executive-02');
    const listed = await value<{ interviewer: string }[]>('ivy', 'scorecards:list', {});
    expect(listed.map((s) => s.interviewer).sort()).toEqual(['Dana Kim', 'Ivy Interviewer']);
    expect((await value<{ interviewer: string }[]>('ivy', 'scorecards:list', {}, other.origin)).map((s) => s.interviewer).sort()).toEqual(['Dana Kim', 'Ivy Interviewer']);
  }, 300_000);

  it('hides an erased candidate on the next read', async () => {
    const nora = (await value<{ id: string; name: string }[]>('manager', 'candidates:list', { requisitionId })).find((c) => c.name === 'Nora Quinn')!;
    await people.recruiter.member.call('candidate.erase', { candidateId: nora.id, changeId: uuidV7() });
    expect(await candidateNames('manager')).toEqual(['Marcus Reed']);
  }, 120_000);

  it('hides the requisition on the next read once the membership is revoked, leaving nothing stale', async () => {
    expect((await value<{ id: string }[]>('dana', 'requisitions:list', undefined)).map((r) => r.id)).toEqual([requisitionId]);
    expect((await value<unknown[]>('dana', 'scorecards:list', {})).length).toBe(2);
    // No API takes a person off a requisition yet: the owner does it in the database.
    const client = new pg.Client({ connectionString: team.pg.ownerUrl });
    await client.connect();
    try {
      await client.query('delete from requisition_members where requisition_id = $1 and user_id = $2', [requisitionId, people.dana.member.userId]);
    } finally {
      await client.end();
    }
    expect(await value('dana', 'requisitions:list', undefined)).toEqual([]);
    expect(await value('dana', 'scorecards:list', {})).toEqual([]);
    expect((await ipc('dana', 'requisitions:get', { id: requisitionId })).ok).toBe(false);
    expect((await ipc('dana', 'candidates:list', { requisitionId })).ok ? await value('dana', 'candidates:list', { requisitionId }) : []).toEqual([]);
  }, 120_000);
});
