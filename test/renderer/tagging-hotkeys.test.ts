import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { listMoments, openDatabase, type Database } from '../../src/db/index.js';
import { setUpCapture } from '../../src/backend/capture-setup.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { fakeMicrophoneArgs, hasChromium } from '../support/chromium.js';
import { mediaRoute, testMediaUrl } from '../support/media-route.js';
import { seedSignedRubric, type SeededRubric } from '../support/seed-rubric.js';
import { speechWav } from '../support/speech.js';
import { weightlessModelPath } from '../support/test-models.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const screenshots = path.join(repoRoot, 'test-results');

// Tagging during a real recording: Chromium's fake microphone plays espeak-ng speech into the recorder,
// and the interviewer presses 1, 2 and F on the keyboard. The tags must land in the store at the
// recording's elapsed time, against the session's rubric version, and show on the session page after.
describe.skipIf(!hasChromium)('tagging with hotkeys during a fake-microphone recording', () => {
  let ws: AppWorkspace;
  let db: Database;
  let handlers: IpcHandlers;
  let page: Page;
  let capture: Awaited<ReturnType<typeof setUpCapture>>;
  let rubric: SeededRubric;
  let sessionId: string;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];
  /** The writer's elapsed time just before and just after each key press, from the capture service. */
  const pressed: { key: string; before: number; after: number }[] = [];

  const elapsed = async () => (await handlers['capture:status']({ sessionId })).elapsedSec;
  async function press(key: string, expectStatus: RegExp) {
    const before = await elapsed();
    await page.keyboard.press(key);
    await page.getByTestId('tag-status').filter({ hasText: expectStatus }).waitFor();
    pressed.push({ key, before, after: await elapsed() });
  }

  beforeAll(async () => {
    ws = await createAppWorkspace('tagging');
    const speechFile = speechWav('Before we hang up I try to find out how they buy, who signs, and whether there is budget this year.', ws.work, 'fake-mic', {
      rate: 48000,
      padSec: 1,
    });
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    rubric = await seedSignedRubric(db, 'account-executive');
    // The real engine with the weightless model: live transcription runs (and costs CPU) but returns no words.
    capture = await setUpCapture({ db, home: ws.home, modelPath: weightlessModelPath(), vadModelPath: null, threads: 1, onError: (m, e) => handlerErrors.push([m, e]) });
    ws.onClose(() => capture.dispose());
    handlers = createIpcHandlers({ db, home: ws.home, capture, mediaUrl: testMediaUrl });
    ({ page } = await openAppPage(ws, {
      handlers,
      capture,
      route: mediaRoute(db),
      chromiumArgs: [...fakeMicrophoneArgs, `--use-file-for-fake-audio-capture=${speechFile}`],
      hash: '#/record',
      pageErrors,
      handlerErrors,
    }));
  });

  afterAll(() => ws?.close());

  it('starts a recording and attaches the signed rubric in the tagging panel', async () => {
    await page.getByLabel('Title').fill('Marcus, AE screen (live)');
    await page.getByLabel('Your name (microphone)').fill('Dana');
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Start recording' }).click();
    await page.getByTestId('recorder-state').filter({ hasText: 'Recording' }).waitFor();
    sessionId = (await db.selectFrom('sessions').select('id').where('status', '=', 'recording').executeTakeFirstOrThrow()).id;

    const panel = page.getByRole('complementary', { name: 'Tag this moment' });
    await panel.getByLabel('Rubric for this session').selectOption(rubric.versionId);
    await panel.getByRole('button', { name: 'Use this rubric' }).click();
    const chips = panel.getByTestId('criterion-chip');
    await chips.first().waitFor();
    expect(await chips.allTextContents()).toEqual(rubric.titles.map((t, i) => `${i + 1}${t}`));
    await panel.getByText('Signed off by Priya Shah').waitFor();
    // The interview plan, by stage, each question with the criteria it probes.
    expect(await panel.locator('details.interview-plan').getAttribute('open')).not.toBeNull();
    expect(await panel.getByRole('region', { name: 'Stage: Phone screen' }).getByTestId('plan-question').count()).toBeGreaterThan(0);
    expect(await panel.getByTestId('plan-question').first().textContent()).toContain('Discovery and qualification');
  });

  it('tags with 1, 2 and F during the recording; digits typed into the note are text, and undo removes a tag', async () => {
    // Let some audio in first, so the tags are spread over the recording.
    await expect.poll(elapsed, { timeout: 15_000 }).toBeGreaterThan(1.5);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await press('1', /^Tagged Discovery and qualification at 00:0\d$/);

    // A note for the last tag: the digits in it are not tags.
    const note = page.getByLabel('Note for the last tag');
    await note.click();
    await page.keyboard.type('asked who signs, 2 questions');
    await note.press('Enter');
    await page.getByTestId('tag-status').filter({ hasText: 'Note saved for Discovery and qualification' }).waitFor();

    await expect.poll(elapsed, { timeout: 15_000 }).toBeGreaterThan(pressed[0]!.after + 1);
    await press('2', /^Tagged Closing and negotiation at /);
    await press('f', /^Tagged Flag: revisit at /);
    await press('3', /^Tagged Pipeline generation/);
    const recent = page.getByTestId('recent-tags').getByRole('listitem');
    expect(await recent.count()).toBe(4);
    await page.getByRole('button', { name: /^Undo Pipeline generation and quota attainment at / }).click();
    await page.getByTestId('tag-status').filter({ hasText: /^Removed Pipeline generation/ }).waitFor();
    expect(await recent.count()).toBe(3);
    expect(await recent.first().textContent()).toContain('Flag: revisit');
    expect(await recent.last().textContent()).toContain('asked who signs, 2 questions');
    await page.screenshot({ path: path.join(screenshots, 'tagging-during-recording.png') });
  });

  it('stores each tag at the moment its key was pressed, against the rubric version, and shows them after stopping', async () => {
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.waitForURL(new RegExp(`#/interviews/${sessionId}$`), { timeout: 120_000 });
    const session = await db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
    expect(session).toMatchObject({ status: 'complete', rubric_version_id: rubric.versionId, interviewer: 'Dana' });

    const stored = (await listMoments(db, sessionId)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const expected = [
      { key: '1', criterionId: rubric.criteria.get('ae-discovery')!, flagged: false, note: 'asked who signs, 2 questions' },
      { key: '2', criterionId: rubric.criteria.get('ae-closing')!, flagged: false, note: null },
      { key: 'f', criterionId: null, flagged: true, note: null },
    ];
    expect(stored.map((m) => ({ criterionId: m.criterionId, flagged: m.flagged, note: m.note }))).toEqual(expected.map(({ key: _key, ...rest }) => rest));
    for (const [i, m] of stored.entries()) {
      const { before } = pressed[i]!;
      expect(m).toMatchObject({ origin: 'manual', status: 'accepted', rubricVersionId: rubric.versionId, author: 'Dana' });
      expect(m.end).toBe(m.start);
      // Stamped from the audio captured at the key press (to 0.1 s), which the writer's count never runs ahead of.
      expect(m.start, `tag ${expected[i]!.key}`).toBeGreaterThanOrEqual(before - 0.05);
      expect(m.start).toBeLessThanOrEqual(session.duration_sec!);
    }
    expect(stored[0]!.start).toBeLessThan(stored[1]!.start);
    expect(stored[1]!.start).toBeLessThanOrEqual(stored[2]!.start);

    // After the call the tags are on the session page's timeline.
    await page.getByRole('region', { name: 'Your tags and flags (3)' }).waitFor();
    expect(await page.locator('[data-testid="timeline-marker"][data-kind="tag"]').count()).toBe(2);
    expect(await page.locator('[data-testid="timeline-marker"][data-kind="flag"]').count()).toBe(1);
  });

  it('ran without page errors or unexpected handler failures', () => {
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});
