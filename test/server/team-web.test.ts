import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rubricContentHash } from '../../src/server/sync/apply-changes.js';
import type { RunningServer } from '../../src/server/team-server.js';
import { buildTeamWeb } from '../support/build-renderer.js';
import { collectPageErrors, hasChromium, launchChromium } from '../support/chromium.js';
import { ChangeMaker, push } from '../support/sync-changes.js';
import { startTestTeam, type Member, type TestTeam } from '../support/team-server.js';

/**
 * The hiring manager signs off a rubric in the web view, as themselves: real Chromium, the built
 * web view served by the real team server, real PostgreSQL. No bridge.
 */
let team: TestTeam;
let web: RunningServer;
let browser: Browser;
let dir: string;
let recruiter: Member;
let manager: Member;
const content = { requisitionId: 'req-web', title: 'Backend rubric v2', criteria: ['System design', 'Testing'] };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'debrief-team-web-'));
  await buildTeamWeb(dir);
  team = await startTestTeam();
  web = await team.startInstance({ webRoot: dir });
  recruiter = await team.join('recruiter', 'Rosa Recruiter');
  manager = await team.join('hiring_manager', 'Hugo Manager', 'hugo-password-1');
  const laptop = new ChangeMaker('rosa');
  await recruiter.call('sync.push', push([laptop.upsert('requisition', 'req-web', { title: 'Backend engineer' })]));
  await recruiter.call('requisition.addMember', { requisitionId: 'req-web', userId: manager.userId, role: 'hiring_manager' });
  await recruiter.call('sync.push', push([laptop.upsert('rubric_version', 'rv-web-2', content)]));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await team?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it.skipIf(!hasChromium)('signs off the rubric as the signed-in hiring manager', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  collectPageErrors(page, errors);
  await page.goto(web.origin);

  await page.getByLabel('Email').fill('hugo.manager@example.com');
  await page.getByLabel('Password').fill('not-his-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toBe('That email and password do not match an account on this team server.');

  await page.getByLabel('Password').fill('hugo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const card = page.getByRole('region', { name: 'Backend rubric v2' });
  await card.getByRole('button', { name: 'Sign off as Hugo Manager' }).click();
  await expect.poll(() => card.locator('.signed').textContent(), { timeout: 30_000 }).toBe(`Signed off by you · content hash ${rubricContentHash(content).slice(0, 12)}`);

  // What the server recorded, and what the recruiter's laptop pulls.
  const c = new pg.Client({ connectionString: team.pg.ownerUrl });
  await c.connect();
  const signOffs = (await c.query('select user_id, content_hash from sign_offs where rubric_version_id = $1', ['rv-web-2'])).rows;
  await c.end();
  expect(signOffs).toEqual([{ user_id: manager.userId, content_hash: rubricContentHash(content) }]);
  const pulled = (await recruiter.call('sync.pull', { since: 0, limit: 1000 })).changes.filter((x) => x.change.entityId === 'rv-web-2');
  expect(pulled.at(-1)!.change.payload).toMatchObject({ signedOffBy: manager.userId, contentHash: rubricContentHash(content) });

  // The session cookie is HttpOnly: the page's own script can't read it.
  expect(await page.evaluate(() => document.cookie)).toBe('');
  // The only failed requests are the two refusals above (no session yet, the wrong password).
  expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
});

it.skipIf(!hasChromium)('refuses the sign-off button to a recruiter, in plain words', async () => {
  await recruiter.call('sync.push', push([new ChangeMaker('rosa2').upsert('rubric_version', 'rv-web-3', { ...content, title: 'Backend rubric v3' })]));
  const context = await browser.newContext();
  const page = await context.newPage();
  // The recruiter signs in on the web too (a password set via a new device join is the same account).
  const { invite } = await team.admin.call('invite.create', { role: 'recruiter' });
  const { callServer } = await import('../../src/shared/server-api/call-server.js');
  await callServer(team.server.origin, 'device.join', { invite, deviceName: 'web', email: 'rex@example.com', displayName: 'Rex Recruiter', password: 'rex-password-1' });
  const rexId = (await team.admin.call('users.list', {})).users.find((u) => u.email === 'rex@example.com')!.id;
  await recruiter.call('requisition.addMember', { requisitionId: 'req-web', userId: rexId, role: 'recruiter' });
  await page.goto(web.origin);
  await page.getByLabel('Email').fill('rex@example.com');
  await page.getByLabel('Password').fill('rex-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('region', { name: 'Backend rubric v3' }).getByRole('button', { name: 'Sign off as Rex Recruiter' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toBe("Only the requisition's hiring manager can sign off its rubric.");
  await context.close();
});
