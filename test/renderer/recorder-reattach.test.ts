import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { listMoments, openDatabase, type Database } from '../../src/db/index.js';
import { setUpCapture } from '../../src/backend/capture-setup.js';
import { createIpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { collectPageErrors, fakeMicrophoneArgs, hasChromium } from '../support/chromium.js';
import { installDebriefBridge } from '../support/debrief-bridge.js';
import { speechWav } from '../support/speech.js';

// A recording outlives its page: after a reload, and after the page is gone and a new one opens (a
// window closed on macOS, or a crashed renderer that main reloads),
// the recorder finds the recording still running in the backend and sends it audio again. Real
// Chromium with its fake microphone, the real capture service and crash-safe writer; no model is
// installed, so there is no live transcription to wait for.
describe.skipIf(!hasChromium)('recorder reattaches to a running recording in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let page: Page;
  let origin: string;
  let capture: Awaited<ReturnType<typeof setUpCapture>>;
  let handlers: ReturnType<typeof createIpcHandlers>;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];
  const recorded = (sessionId: string) => capture.service.status(sessionId).tracks[0]!.recordedSec;

  beforeAll(async () => {
    ws = await createAppWorkspace('recorder-reattach');
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    const speech = speechWav('Tell me about the last system you designed.', ws.work, 'fake-mic', { rate: 48000, padSec: 1 });
    capture = await setUpCapture({ db, home: ws.home, threads: 1, onError: () => undefined });
    ws.onClose(() => capture.dispose());
    handlers = createIpcHandlers({ db, home: ws.home, capture });
    ({ page, origin } = await openAppPage(ws, {
      handlers,
      capture,
      chromiumArgs: [...fakeMicrophoneArgs, `--use-file-for-fake-audio-capture=${speech}`],
      hash: '#/record',
      pageErrors,
      handlerErrors,
    }));
  });

  afterAll(() => ws?.close());

  it('picks the recording up again after a reload, and in a new page after the old one is gone', async () => {
    await page.getByLabel('Title').fill('Reattached interview');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Start recording' }).click();
    await page.getByTestId('recorder-state').filter({ hasText: 'Recording' }).waitFor();
    const sessionId = capture.service.activeSessions()[0]!;
    await expect.poll(() => recorded(sessionId), { timeout: 60_000 }).toBeGreaterThan(1);

    // A reload: the page's microphone and streams are gone; the backend keeps the recording open.
    await page.reload();
    await page.getByTestId('recorder-state').filter({ hasText: 'Recording' }).waitFor();
    await page.getByText('picked it up again', { exact: false }).waitFor();
    expect(capture.service.activeSessions()).toEqual([sessionId]);
    // Audio reaches the same track again: the writer's count goes on growing from where it was.
    const afterReload = recorded(sessionId);
    await expect.poll(() => recorded(sessionId), { timeout: 60_000 }).toBeGreaterThan(afterReload + 1);

    // The page goes away with its renderer (closed without stopping); a new page reattaches the same way.
    const browser = page.context().browser()!;
    await page.close();
    const next = await browser.newPage();
    collectPageErrors(next, pageErrors);
    await installDebriefBridge(next, handlers, (message, error) => handlerErrors.push([message, error]), capture);
    await next.goto(`${origin}/#/interviews`);
    // Elsewhere in the app, the banner says a recording runs and leads back to it.
    await next.getByTestId('recording-banner').waitFor();
    await next.getByRole('link', { name: 'Back to the recorder' }).click();
    await next.getByTestId('recorder-state').filter({ hasText: 'Recording' }).waitFor();
    const afterCrash = recorded(sessionId);
    await expect.poll(() => recorded(sessionId), { timeout: 60_000 }).toBeGreaterThan(afterCrash + 1);
    // A tag in the new page lands on the recording's clock, which goes on from before the reload, not from 0.
    const beforeTag = recorded(sessionId);
    await next.keyboard.press('f');
    await next.getByTestId('tag-status').filter({ hasText: /^Tagged Flag: revisit at / }).waitFor();
    const [flag] = await listMoments(db, sessionId);
    expect(flag!.start).toBeGreaterThanOrEqual(beforeTag - 0.05);

    // Stop from the reattached page finishes the same session.
    await next.getByRole('button', { name: 'Stop' }).click();
    await next.waitForURL(new RegExp(`#/interviews/${sessionId}$`), { timeout: 60_000 });
    expect(capture.service.activeSessions()).toEqual([]);
    const row = await db.selectFrom('sessions').select(['status', 'duration_sec']).where('id', '=', sessionId).executeTakeFirstOrThrow();
    expect(row.status).toBe('complete');
    expect(row.duration_sec).toBeGreaterThan(afterCrash + 1);
    expect(await handlers['capture:active'](undefined)).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});
