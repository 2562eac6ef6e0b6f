import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncWithServer, type ServerConnection } from '../../src/backend/sync/server-sync.js';
import type { DebriefApi } from '../../src/shared/ipc/contract.js';
import { NOT_IN_WEB_VIEW } from '../../src/shared/ipc/web-view-channels.js';
import { rubricContentHash } from '../../src/server/sync/apply-changes.js';
import type { RunningServer } from '../../src/server/team-server.js';
import { buildTeamWeb } from '../support/build-renderer.js';
import { collectPageErrors, hasChromium, launchChromium } from '../support/chromium.js';
import { interviewFixture, salesCriteria } from '../support/seed-rubric.js';
import { tempDir } from '../support/speech.js';
import { startTestTeam, type Member, type TestTeam } from '../support/team-server.js';
import { openLaptop, submitMappedScorecard, type Laptop } from '../sync/support/sync-stores.js';

/**
 * The hiring manager's web view is the app's own renderer over the HTTP transport: real Chromium,
 * the built web entry served by the real team server, real PostgreSQL, laptops syncing through it.
 * No bridge: every `window.debrief` call in the page is a POST to the server.
 */
const screenshots = process.env.DEBRIEF_SCREENSHOTS;

describe.skipIf(!hasChromium)('the web view', () => {
  const root = tempDir('debrief-web-view-');
  const webRoot = path.join(root, 'web');
  let team: TestTeam;
  let web: RunningServer;
  let browser: Browser;
  const people: Record<'recruiter' | 'manager' | 'dana' | 'ivy', { member: Member; laptop: Laptop; connection: ServerConnection; email: string }> = {} as never;
  const sync = async (who: keyof typeof people) => {
    const report = await syncWithServer(people[who].laptop.db, people[who].connection, { home: people[who].laptop.home, backoffMs: 10 });
    expect(report.refused, who).toEqual([]);
    return report;
  };
  let requisitionId: string;
  let versionId: string;
  let candidateId: string;

  beforeAll(async () => {
    await mkdir(webRoot, { recursive: true });
    await buildTeamWeb(webRoot);
    team = await startTestTeam();
    web = await team.startInstance({ webRoot });
    const roles = { recruiter: ['recruiter', 'Rita Recruiter'], manager: ['hiring_manager', 'Hank Manager'], dana: ['interviewer', 'Dana Kim'], ivy: ['interviewer', 'Ivy Interviewer'] } as const;
    for (const [key, [role, name]] of Object.entries(roles) as [keyof typeof people, (typeof roles)[keyof typeof roles]][]) {
      const member = await team.join(role, name, `${key}-password-1`);
      const laptop = await openLaptop(root, key);
      people[key] = { member, laptop, connection: { origin: team.server.origin, deviceToken: member.auth.deviceToken!, userId: member.userId }, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com` };
    }

    // The recruiter's laptop: a requisition, its rubric (unsigned), a candidate; then the panel joins it.
    const r = people.recruiter.laptop.handlers;
    requisitionId = (await r['requisitions:create']({ title: 'Account executive', hiringManager: 'Hank Manager' })).id;
    const criteria = salesCriteria(['Discovery and qualification', 'Closing and negotiation']);
    const saved = await r['rubrics:save']({ requisitionId, versionId: null, criteria, interviewPlan: { stages: [{ name: 'Screen', questions: [{ id: 'q1', text: 'Walk me through a deal.', criterionIds: [criteria[0]!.id] }] }] } });
    versionId = saved.version.id;
    candidateId = (await r['candidates:create']({ name: 'Marcus Reed', requisitionId, stage: 'Phone screen' })).id;
    await sync('recruiter');
    const rec = people.recruiter.member;
    await rec.call('requisition.addMember', { requisitionId, userId: people.manager.member.userId, role: 'hiring_manager' });
    await rec.call('requisition.addMember', { requisitionId, userId: people.dana.member.userId, role: 'interviewer' });
    await rec.call('requisition.addMember', { requisitionId, userId: people.ivy.member.userId, role: 'interviewer' });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    for (const p of Object.values(people)) await p.laptop.db.destroy();
    await team?.close();
    await rm(root, { recursive: true, force: true });
  });

  async function signIn(who: keyof typeof people): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    collectPageErrors(page, errors);
    await page.goto(web.origin);
    await page.getByLabel('Email').fill(people[who].email);
    await page.getByLabel('Password').fill(`${who}-password-1`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Requisitions' }).waitFor({ timeout: 60_000 });
    return { context, page, errors };
  }

  /** A scorecard submitted on an interviewer's laptop, the way the app makes one, then synced. */
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

  const call = <T,>(page: Page, fn: (api: DebriefApi) => Promise<T>) => page.evaluate(`(${fn.toString()})(window.debrief)`) as Promise<T>;

  it('signs the hiring manager in, shows their requisition, and signs its rubric off as them with the content hash', async () => {
    const { context, page, errors } = await signIn('manager');
    // Only what lives on the server: no Interviews, Search or Settings.
    await expect.poll(() => page.getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents()).toEqual(['Requisitions']);
    await expect.poll(() => page.getByTestId('privacy-line').textContent()).toBe('Signed in to the team server as Hank Manager. Only structured data is here: no audio, no transcripts.');
    await page.getByRole('link', { name: 'Account executive' }).click();
    await expect.poll(() => page.getByTestId('signing-as').textContent(), { timeout: 30_000 }).toBe('Signing off as Hank Manager, the person signed in to the team server.');
    // Reviewing, not editing: the laptop's save bar and intake drafting are not here.
    expect(await page.getByRole('button', { name: /Save/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Draft from intake call…' }).count()).toBe(0);
    // Review and comment, as themselves.
    await page.getByLabel('Your comment').fill('Closing needs a deal-breaker: discounting without approval.');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await expect.poll(() => page.getByTestId('rubric-comment').textContent(), { timeout: 30_000 }).toMatch(/^Hank Manager .+Closing needs a deal-breaker: discounting without approval\.$/);
    if (screenshots) await page.screenshot({ path: path.join(screenshots, 'web-requisition.png'), fullPage: true });
    await page.getByRole('button', { name: 'Sign off version 1' }).click();
    await expect.poll(() => page.getByTestId('version-bar').locator('option').first().textContent(), { timeout: 30_000 }).toBe('Version 1 — signed off by Hank Manager');

    // The stored sign-off names their server identity and the content hash of what they saw.
    const client = new pg.Client({ connectionString: team.pg.ownerUrl });
    await client.connect();
    const row = (await client.query('select payload from sync_rows where entity = $1 and entity_id = $2', ['rubric_version', versionId])).rows[0] as { payload: Record<string, unknown> };
    const signOffs = (await client.query('select user_id, content_hash from sign_offs where rubric_version_id = $1', [versionId])).rows;
    const comments = (await client.query('select author_id, body from rubric_comments where rubric_version_id = $1', [versionId])).rows;
    expect(comments).toEqual([{ author_id: people.manager.member.userId, body: 'Closing needs a deal-breaker: discounting without approval.' }]);
    await client.end();
    expect(signOffs).toEqual([{ user_id: people.manager.member.userId, content_hash: rubricContentHash(row.payload) }]);
    expect(row.payload).toMatchObject({ signedOffBy: people.manager.member.userId, contentHash: rubricContentHash(row.payload) });
    // The recruiter's laptop pulls it, and names the signer rather than showing their server id.
    await sync('recruiter');
    expect((await people.recruiter.laptop.handlers['rubrics:getVersion']({ versionId })).signedOff?.by).toBe('Hank Manager');

    // The session cookie is HttpOnly: the page's own script can't read it.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // The one failed request is the session check before signing in.
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    await context.close();
  }, 180_000);

  it('refuses a sign-off to a recruiter on the web, in plain words', async () => {
    // A new version from the recruiter's laptop: an edit of a signed version is a new unsigned one.
    const r = people.recruiter.laptop.handlers;
    const signed = await r['rubrics:getVersion']({ versionId });
    const edited = await r['rubrics:save']({ requisitionId, versionId, criteria: signed.criteria.map(({ questionIds: _q, warnings: _w, ...c }) => ({ ...c, title: `${c.title}!` })) });
    expect(edited.createdNewVersion).toBe(true);
    await sync('recruiter');
    const { context, page } = await signIn('recruiter');
    await page.goto(`${web.origin}/#/requisitions/${encodeURIComponent(requisitionId)}`);
    await page.getByRole('button', { name: 'Sign off version 2' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Could not sign off.' }).textContent(), { timeout: 30_000 }).toBe("Could not sign off.Only the requisition's hiring manager can sign off its rubric.");
    await context.close();
  }, 180_000);

  it('shows an interviewer the panel’s scorecards only after their own is submitted, and the hiring manager the debrief with its flags', async () => {
    await submitScorecard('dana', 'Dana Kim', 'account-executive-01');
    const debriefUrl = `${web.origin}/#/candidates/${encodeURIComponent(candidateId)}/debrief`;

    const ivy = await signIn('ivy');
    await ivy.page.getByRole('link', { name: 'Account executive' }).click();
    await ivy.page.getByRole('region', { name: 'Candidates' }).getByRole('link', { name: 'Marcus Reed' }).click();
    await expect.poll(() => ivy.page.getByText('No submitted scorecards for this candidate yet.').count(), { timeout: 30_000 }).toBe(1);
    expect(await call(ivy.page, (api) => api.scorecardsList({}))).toEqual({ ok: true, value: [] });

    await submitScorecard('ivy', 'Ivy Interviewer', 'account-executive-02');
    await ivy.page.reload();
    await expect.poll(() => ivy.page.getByTestId('sheet').textContent(), { timeout: 30_000 }).toContain('Dana Kim');
    const listed = await call(ivy.page, (api) => api.scorecardsList({}));
    expect(listed.ok && listed.value.map((s) => s.interviewer).sort()).toEqual(['Dana Kim', 'Ivy Interviewer']);
    await ivy.context.close();

    const hank = await signIn('manager');
    await hank.page.goto(debriefUrl);
    await expect.poll(() => hank.page.getByRole('heading', { name: 'Debrief: Marcus Reed' }).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => hank.page.getByTestId('sheet').textContent()).toContain('Ivy Interviewer');
    expect(await hank.page.getByRole('heading', { name: /^Flags \(\d+\)$/ }).count()).toBe(1);
    // The decision is made on the laptop: no form here, and no erasure panel.
    expect(await hank.page.getByRole('button', { name: 'Record decision' }).count()).toBe(0);
    if (screenshots) await hank.page.screenshot({ path: path.join(screenshots, 'web-debrief.png'), fullPage: true });
    expect(hank.errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    await hank.context.close();
  }, 300_000);

  it('signs out: the server forgets the session and the page is back at sign-in', async () => {
    const { context, page, errors } = await signIn('manager');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'debrief_session');
    expect(session?.httpOnly).toBe(true);
    const csrfToken = await page.evaluate(async () => ((await (await fetch('/api/session.current', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { csrfToken: string }).csrfToken);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 30_000 }).toBe('You are signed out.');
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    expect(await page.evaluate(() => 'debrief' in window)).toBe(false);
    // The browser dropped the cookie, and the old token no longer opens anything on the server.
    expect((await context.cookies()).some((c) => c.name === 'debrief_session' && c.value !== '')).toBe(false);
    const replayed = await fetch(`${web.origin}/api/ipc/requisitions:list`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `debrief_session=${session!.value}`, 'x-csrf-token': csrfToken }, body: '{}' });
    expect(replayed.status).toBe(401);
    // A reload stays signed out.
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 30_000 });
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    await context.close();
  }, 120_000);

  it('says plainly that a laptop-only channel is not in the web view', async () => {
    const { context, page } = await signIn('manager');
    expect(await call(page, (api) => api.sessionsList())).toEqual({ ok: false, error: { code: 'not-in-web-view', message: NOT_IN_WEB_VIEW } });
    await page.goto(`${web.origin}/#/interviews`);
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(NOT_IN_WEB_VIEW);
    await context.close();
    // Someone not on the requisition sees none of it, and can't read its comments.
    const outsider = await team.join('hiring_manager', 'Olga Outsider', 'olga-password-1');
    expect(outsider.userId).toBeTruthy();
    const olga = await browser.newContext();
    const other = await olga.newPage();
    await other.goto(web.origin);
    await other.getByLabel('Email').fill('olga.outsider@example.com');
    await other.getByLabel('Password').fill('olga-password-1');
    await other.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => other.getByText('None of the team server’s requisitions has you on it yet: the recruiter adds you from their laptop.').count(), { timeout: 30_000 }).toBe(1);
    const comments = await other.evaluate((v) => (window as unknown as { debrief: DebriefApi }).debrief.rubricsComments({ versionId: v }), versionId);
    expect(comments).toEqual({ ok: false, error: { code: 'not-found', message: 'There is no such rubric version on the team server (or you are not on its requisition).' } });
    const requisition = await other.evaluate((v) => (window as unknown as { debrief: DebriefApi }).debrief.requisitionsGet({ id: v }), requisitionId);
    expect(requisition.ok).toBe(false);
    await olga.close();
    // Signed out, nothing is answered.
    const anonymous = await fetch(`${web.origin}/api/ipc/requisitions:list`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
    // A session cookie without its CSRF token (another site's form) is refused too.
    const login = await fetch(`${web.origin}/api/session.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: people.manager.email, password: 'manager-password-1' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^debrief_session=/);
    const forged = await fetch(`${web.origin}/api/ipc/requisitions:list`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    expect(forged.ok).toBe(false);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toMatch(/CSRF|csrf|token/);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const allowed = await fetch(`${web.origin}/api/ipc/requisitions:list`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: '{}' });
    expect(((await allowed.json()) as { ok: boolean; value: { id: string }[] }).value.map((r) => r.id)).toEqual([requisitionId]);
  }, 120_000);
});
