import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { candidateNeedles, findBytes, seedCandidate, type SeededCandidate } from '../privacy/support/seed-candidate.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';

// The candidate page's privacy panel and a requisition's retention, in real Chromium over the real
// handlers and store: export, an erasure cancelled then confirmed (receipt, and no byte of the
// candidate left in the data folder), the audit trail, and a 0-day override confirmed first.
describe.skipIf(!hasChromium)('candidate data and retention in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let handlers: IpcHandlers;
  let page: Page;
  let candidate: SeededCandidate;
  let requisitionId: string;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];
  const panel = () => page.getByRole('region', { name: 'Candidate data' });
  const auditLines = () => panel().getByRole('list', { name: 'Audit trail' }).getByRole('listitem').allTextContents();

  beforeAll(async () => {
    ws = await createAppWorkspace('privacy-panel');
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    handlers = createIpcHandlers({ db, home: ws.home });
    candidate = await seedCandidate(db, ws.home, 'quillby');
    const created = await handlers['requisitions:create']({ title: 'Staff engineer, billing' });
    requisitionId = created.id;
    ({ page } = await openAppPage(ws, { handlers, hash: `#/candidates/${candidate.candidateId}/debrief`, pageErrors, handlerErrors }));
  });
  afterAll(() => ws?.close());

  it('exports everything about the candidate to the chosen file, and the audit trail says so', async () => {
    await page.getByRole('heading', { level: 1, name: `Debrief: ${candidate.name}` }).waitFor();
    const out = path.join(ws.work, 'subject-access.tar');
    await panel().getByLabel('Export file').fill('relative/export.tar');
    await panel().getByRole('button', { name: 'Export everything' }).click();
    const refused = panel().getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toBe('"relative/export.tar" is not a full path: choose where to save the export.');
    expect(fs.existsSync(out)).toBe(false);

    await panel().getByLabel('Export file').fill(out);
    await panel().getByRole('button', { name: 'Export everything' }).click();
    await panel().getByRole('status').filter({ hasText: 'Exported' }).waitFor();
    expect(await panel().getByRole('status').textContent()).toBe(`Exported 1 session(s) and 1 audio file(s) to ${out}.`);
    // A tar archive holding the manifest and the candidate's audio, byte for byte.
    const archive = fs.readFileSync(out);
    expect(archive.subarray(257, 262).toString('latin1')).toBe('ustar');
    expect(archive.includes(candidate.audio.subarray(0, 4096))).toBe(true);
    await expect.poll(auditLines, { timeout: 10_000 }).toEqual([expect.stringMatching(/ exported candidate$/)]);
  });

  it('asks before erasing; Cancel erases nothing', async () => {
    await panel().getByRole('button', { name: 'Erase candidate…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Confirm erasure' });
    expect(await confirm.textContent()).toContain('This deletes their recordings, transcripts, moments and scorecards for good.');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await db.selectFrom('candidates').select('id').where('id', '=', candidate.candidateId).execute()).toHaveLength(1);
    expect(fs.existsSync(candidate.audioFile)).toBe(true);
  });

  it('erases on confirmation and shows the receipt; nothing of the candidate remains in the data folder', async () => {
    await panel().getByRole('button', { name: 'Erase candidate…' }).click();
    await page.getByRole('alertdialog', { name: 'Confirm erasure' }).getByRole('button', { name: 'Erase', exact: true }).click();
    const erased = page.getByRole('region', { name: 'Candidate erased' });
    await erased.waitFor();
    const receipt = await db.selectFrom('erasure_receipts').selectAll().executeTakeFirstOrThrow();
    expect(await erased.getByRole('status').textContent()).toMatch(new RegExp(`^Erased on .+: receipt ${receipt.id} \\(no team server configured\\)\\.$`));
    expect(await db.selectFrom('candidates').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('sessions').select('id').where('id', '=', candidate.sessionId).execute()).toEqual([]);
    expect(fs.existsSync(candidate.audioFile)).toBe(false);
    expect(findBytes(ws.home, candidateNeedles(candidate, 'quillby'))).toEqual([]);
    const trail = await db.selectFrom('audit_events').select(['action', 'subject_kind']).where('candidate_id', '=', candidate.candidateId).orderBy('seq').execute();
    expect(trail.map((e) => `${e.action} ${e.subject_kind}`)).toEqual(['exported candidate', 'deleted candidate']);
  });

  it("keeps a requisition's own retention: a 0-day value is confirmed first, an empty field follows the default", async () => {
    await page.goto(page.url().replace(/#.*$/, `#/requisitions/${requisitionId}`));
    const form = page.getByRole('form', { name: 'Retention for this requisition' });
    await form.waitFor();
    const audio = form.getByLabel("Days to keep this requisition's audio");
    // The defaults arrive after the form shows: wait for them, as a person would.
    await expect.poll(() => audio.getAttribute('placeholder')).toBe('30');
    expect(await form.textContent()).toContain('(30 days for audio, 90 days for transcripts)');
    await audio.fill('0');
    await form.getByRole('button', { name: 'Save retention' }).click();
    const question = form.getByRole('alertdialog', { name: 'Confirm retention of 0 days' });
    await question.waitFor();
    expect(await question.textContent()).toMatch(/^Keeping audio for 0 days deletes it for every session it covers at the next retention run/);
    // Asked, not yet applied.
    expect(await db.selectFrom('retention_overrides').selectAll().execute()).toEqual([]);
    await question.getByRole('button', { name: 'Confirm and apply' }).click();
    await form.getByRole('status').filter({ hasText: 'Retention saved.' }).waitFor();
    expect(await db.selectFrom('retention_overrides').select(['requisition_id', 'audio_days', 'transcript_days_after_close']).execute()).toEqual([
      { requisition_id: requisitionId, audio_days: 0, transcript_days_after_close: null },
    ]);

    await page.reload();
    await form.waitFor();
    await expect.poll(() => audio.inputValue()).toBe('0');
    expect(await form.getByLabel("Days to keep this requisition's transcripts").inputValue()).toBe('');
    const changes = await db.selectFrom('audit_events').select(['action', 'subject_id']).where('subject_kind', '=', 'retention-policy').execute();
    expect(changes).toEqual([{ action: 'amended', subject_id: requisitionId }]);
  });

  it('had no page or handler errors', () => {
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});
