import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { createSessionWithTranscript, openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { channelCaller } from '../support/call-channel.js';
import { collectPageErrors, fakeMicrophoneArgs, hasChromium, launchChromium } from '../support/chromium.js';
import { installDebriefBridge } from '../support/debrief-bridge.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const intakeTranscript = path.join(repoRoot, 'test/fixtures/intake/senior-backend-engineer.vtt');

// Where sessions are filed, in the built renderer in Chromium over the real handlers and SQLite store:
// an intake call started or imported from its requisition, a session moved to another candidate,
// and a recorder that says "no microphone" before Start.
describe.skipIf(!hasChromium)('filing sessions in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let page: Page;
  let origin: string;
  let handlers: IpcHandlers;
  let dialogAnswer: string | null = null;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];
  const call = channelCaller(() => handlers, handlerErrors);
  let requisitionId: string;
  let otherRequisitionId: string;

  beforeAll(async () => {
    ws = await createAppWorkspace('session-filing');
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    handlers = createIpcHandlers({ db, home: ws.home, chooseFile: async () => dialogAnswer });
    requisitionId = (await call('requisitions:create', { title: 'Senior Backend Engineer' })).id;
    otherRequisitionId = (await call('requisitions:create', { title: 'Data Engineer' })).id;
    ({ page, origin } = await openAppPage(ws, { handlers, chromiumArgs: fakeMicrophoneArgs, hash: `#/requisitions/${requisitionId}`, pageErrors, handlerErrors }));
  });

  afterAll(() => ws?.close());

  it('imports an intake call from its requisition, filed under it, and starts recording one set up for it', async () => {
    await page.getByRole('heading', { level: 1, name: 'Senior Backend Engineer' }).waitFor();
    await page.getByRole('button', { name: 'Draft from intake call…' }).click();
    const panel = page.getByRole('region', { name: 'Draft from intake call' });
    await panel.getByText('No intake calls yet', { exact: false }).waitFor();
    dialogAnswer = intakeTranscript;
    await panel.getByRole('button', { name: 'Choose intake transcript…' }).click();
    await panel.getByLabel('Intake call').waitFor();

    // Stored as this requisition's intake call: listed with it, and offered to the drafter.
    await expect.poll(async () => (await call('interviews:list', { requisitionId })).map((r) => [r.kind, r.requisition?.title])).toEqual([['intake', 'Senior Backend Engineer']]);
    expect(await call('interviews:list', { requisitionId: otherRequisitionId })).toEqual([]);
    const option = await panel.getByLabel('Intake call').locator('option').first().textContent();
    expect(option).toContain('senior-backend-engineer.vtt');
    expect(option).not.toContain('not filed');

    await panel.getByRole('link', { name: 'Record intake call' }).click();
    const setup = page.getByRole('form', { name: 'Recording setup' });
    await setup.waitFor();
    expect(await setup.getByLabel('Kind').inputValue()).toBe('intake');
    expect(await setup.getByLabel('Requisition').inputValue()).toBe(requisitionId);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("offers this requisition's intake calls, then the unfiled ones, never another requisition's or an interview", async () => {
    const intake = (title: string) => createSessionWithTranscript(db, { title, kind: 'intake', source: 'import', durationSec: 4, tracks: [], segments: [] });
    await intake('Unfiled intake');
    await call('sessions:file', { id: await intake('Data intake'), requisitionId: otherRequisitionId });
    const interview = await createSessionWithTranscript(db, { title: 'Screen, not an intake', kind: 'interview', source: 'import', durationSec: 4, tracks: [], segments: [] });
    await call('sessions:file', { id: interview, requisitionId });

    await page.goto(`${origin}/#/requisitions/${requisitionId}`);
    await page.getByRole('button', { name: 'Draft from intake call…' }).click();
    const options = page.getByRole('region', { name: 'Draft from intake call' }).getByLabel('Intake call').locator('option');
    await expect.poll(() => options.count()).toBe(2);
    const labels = await options.allTextContents();
    expect(labels[0]).toContain('senior-backend-engineer.vtt');
    expect(labels[1]).toMatch(/^Unfiled intake — .* \(not filed under a requisition\)$/);
    await db.deleteFrom('sessions').where('title', 'in', ['Unfiled intake', 'Data intake', 'Screen, not an intake']).execute();
  });

  it('moves a session to another candidate, bringing their requisition, and keeps the filing when the candidate is gone', async () => {
    const sessionId = await createSessionWithTranscript(db, {
      title: 'Phone screen',
      kind: 'interview',
      source: 'import',
      durationSec: 4,
      tracks: [],
      segments: [{ start: 0, end: 4, speaker: 'Dana', text: 'Tell me about a system you designed.', words: [] }],
    });
    const ana = await call('candidates:create', { name: 'Ana Lima', requisitionId: otherRequisitionId });
    const gone = await call('candidates:create', { name: 'Bo Chen', requisitionId });
    const row = async () => (await call('interviews:list')).find((r) => r.id === sessionId)!;
    expect((await row()).candidate).toBeNull();

    await page.goto(`${origin}/#/interviews/${sessionId}`);
    await page.getByRole('heading', { level: 1, name: 'Phone screen' }).waitFor();
    await page.getByRole('button', { name: 'Move…' }).click();
    const form = page.getByRole('form', { name: 'Move this session' });
    await form.getByLabel('Candidate').locator('option', { hasText: 'Ana Lima — Data Engineer' }).waitFor({ state: 'attached' });
    await form.getByLabel('Candidate').selectOption({ label: 'Ana Lima — Data Engineer' });
    await form.getByLabel('Stage').fill('Onsite');
    await form.getByRole('button', { name: 'Move session' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(async () => (await row()).candidate?.name).toBe('Ana Lima');
    expect(await row()).toMatchObject({ candidate: { id: ana.id }, requisition: { id: otherRequisitionId }, stage: 'Onsite' });

    // The candidate picked is deleted before Move is pressed: the user is told, and nothing changes.
    await page.getByRole('button', { name: 'Move…' }).click();
    await form.getByLabel('Candidate').locator('option', { hasText: 'Bo Chen' }).waitFor({ state: 'attached' });
    await form.getByLabel('Candidate').selectOption({ label: 'Bo Chen — Senior Backend Engineer' });
    await call('candidates:delete', { id: gone.id });
    await form.getByRole('button', { name: 'Move session' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('That candidate no longer exists (they may have been deleted): pick another one.');
    expect(await row()).toMatchObject({ candidate: { id: ana.id }, requisition: { id: otherRequisitionId }, stage: 'Onsite' });

    // Moving to nobody takes it off the requisition too.
    await form.getByLabel('Candidate').selectOption({ label: 'No candidate' });
    await form.getByRole('button', { name: 'Move session' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(async () => (await row()).candidate).toBeNull();
    expect((await row()).requisition).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  it('says "no microphone" before Start when the computer has none', async () => {
    // Chromium without its fake devices, on a machine with no sound card: no audio input at all.
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const bare = await browser.newPage();
      const errors: string[] = [];
      collectPageErrors(bare, errors);
      await installDebriefBridge(bare, handlers, (message, error) => handlerErrors.push([message, error]));
      await bare.goto(`${origin}/#/record`);
      const setup = bare.getByRole('form', { name: 'Recording setup' });
      await setup.waitFor();
      const inputs = await bare.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput').length);
      // The claim holds only where the machine truly has no input; with one, the list must show it instead.
      if (inputs === 0) {
        await setup.getByTestId('no-microphone').waitFor();
        expect(await setup.getByTestId('no-microphone').textContent()).toContain('No microphone found');
        await setup.getByLabel('I read this notice', { exact: false }).check();
        expect(await setup.getByRole('button', { name: 'Start recording' }).isDisabled()).toBe(true);
      } else {
        await expect.poll(() => setup.getByLabel('Microphone').locator('option').count()).toBe(inputs + 1);
      }
      // Never a browser message like "Requested device not found".
      expect(await bare.getByText('Requested device', { exact: false }).count()).toBe(0);
      expect(errors.filter((e) => !/Permission|NotFoundError|device/i.test(e))).toEqual([]);
    } finally {
      await browser?.close();
    }
    // With the fake microphone, the same setup lists it and Start is allowed once consent is acknowledged.
    await page.goto(`${origin}/#/record`);
    const setup = page.getByRole('form', { name: 'Recording setup' });
    await expect.poll(() => setup.getByLabel('Microphone').locator('option').count()).toBeGreaterThan(1);
    expect(await setup.getByTestId('no-microphone').count()).toBe(0);
    await setup.getByLabel('I read this notice', { exact: false }).check();
    expect(await setup.getByRole('button', { name: 'Start recording' }).isDisabled()).toBe(false);
    expect(handlerErrors).toEqual([]);
  });
});
