import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath, modelsDir } from '../../src/core/app-paths.js';
import { createModelManager } from '../../src/core/transcribe/models/model-manager.js';
import { parseTranscriptFile } from '../../src/core/transcript/parse-transcript-file.js';
import { getSession, listMoments, openDatabase, type Database } from '../../src/db/index.js';
import { setUpCapture } from '../../src/backend/capture-setup.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { startLoopbackServer, type LoopbackServer } from '../models/loopback-file-server.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { fakeMicrophoneArgs, hasChromium } from '../support/chromium.js';
import { mediaRoute, testMediaUrl } from '../support/media-route.js';
import { speechWav } from '../support/speech.js';
import { randomWeightModelPath } from '../support/test-models.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// test-results/ (ignored) by default, so a run leaves the tree clean; the README's copies are refreshed with
// DEBRIEF_SCREENSHOTS=docs/screenshots npx vitest run test/renderer/first-launch-journey.test.ts
const screenshots = path.resolve(repoRoot, process.env.DEBRIEF_SCREENSHOTS ?? 'test-results');
const intakeTranscript = path.join(repoRoot, 'test/fixtures/intake/senior-backend-engineer.vtt');
const interviewTranscript = path.join(repoRoot, 'test/fixtures/interviews/backend-engineer-01.vtt');

// A new user's first launch, walked in the built renderer in Debian's Chromium over the real handlers,
// SQLite store and whisper.cpp, one step per test: no model → the notice; a model downloaded in Settings
// from a loopback HTTP server; a requisition; its intake call imported, a rubric drafted from it and
// signed off; an interview recorded with the fake microphone (espeak-ng speech) and tagged with hotkeys;
// its transcript; a mic-only transcript of known words (one voice for both people) split into
// interviewer and candidate by Map moments, mapped against the signed rubric, reviewed, and the accepted
// evidence on the scorecard draft. The recorder's model makes meaningless words, so content checks
// use the imported transcripts.
describe.skipIf(!hasChromium)('first launch to reviewed evidence in Chromium', () => {
  let ws: AppWorkspace;
  let db: Database;
  let handlers: IpcHandlers;
  let capture: Awaited<ReturnType<typeof setUpCapture>>;
  let page: Page;
  let server: LoopbackServer;
  let oneVoiceTranscript: string;
  let requisitionId: string;
  let recordedId: string;
  let interviewId: string;
  let acceptedQuote: string;
  let acceptedCriterion: string;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];
  /** What the OS "Open" dialog answers next, per kind of file; the page only gets a token for it. */
  const dialog: { transcript: string } = { transcript: intakeTranscript };
  /** The model file the loopback server sends (the random-weight tiny.en, made on first use). */
  let model: Buffer;
  /** `journey-NN-name.png`: numbered by step, so a failed step leaves no gap-shifted names. */
  const screenshot = (step: number, name: string) => page.screenshot({ path: path.join(screenshots, `journey-${String(step).padStart(2, '0')}-${name}.png`) });
  const nav = (name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name });

  beforeAll(async () => {
    fs.mkdirSync(screenshots, { recursive: true });
    model = fs.readFileSync(randomWeightModelPath());
    // The random-weight tiny.en served as tiny.en-q5_1: the catalog's tiny.en carries the published SHA-1,
    // which these weights cannot match, so it is served under a name the manager verifies by its structure,
    // recording the SHA-1 of what arrived. In pieces with pauses, so the progress line is seen.
    server = await startLoopbackServer({ '/mirror/ggml-tiny.en-q5_1.bin': { kind: 'file', body: model, chunkBytes: 512 * 1024, chunkDelayMs: 30 } });
    ws = await createAppWorkspace('journey');
    ws.onClose(() => server.close());
    // A mic-only interview: the known-words transcript with its voice tags taken out, one speaker for both.
    oneVoiceTranscript = path.join(ws.work, 'backend-engineer-01-one-voice.vtt');
    fs.writeFileSync(oneVoiceTranscript, fs.readFileSync(interviewTranscript, 'utf8').replace(/<v [^>]*>|<\/v>/g, ''));
    // About 5 s of speech with a second of silence on each side; Chromium loops the file.
    const speechFile = speechWav('Tell me about the last system you designed. We moved billing to an event queue and cut failures in half.', ws.work, 'fake-mic', {
      rate: 48000,
      padSec: 1,
    });
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    // No model path given: the recorder uses whatever the user installs in Settings, as the app does.
    capture = await setUpCapture({ db, home: ws.home, threads: 2, onError: (message, error) => handlerErrors.push([message, error]) });
    ws.onClose(() => capture.dispose());
    handlers = createIpcHandlers({
      db,
      home: ws.home,
      capture,
      mediaUrl: testMediaUrl,
      modelDownloadBaseUrl: server.url('/mirror/'),
      chooseFile: async (purpose) => (purpose === 'transcript' ? dialog.transcript : null),
    });
    ({ page } = await openAppPage(ws, {
      handlers,
      capture,
      route: mediaRoute(db),
      chromiumArgs: [...fakeMicrophoneArgs, `--use-file-for-fake-audio-capture=${speechFile}`],
      hash: '#/interviews',
      pageErrors,
      handlerErrors,
    }));
  }, 120_000);

  afterAll(() => ws?.close());

  it('says at first launch that no model is installed', async () => {
    const notice = page.getByTestId('first-run-model-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('none is installed yet');
    const models = modelsDir(ws.home);
    expect(fs.existsSync(models) ? fs.readdirSync(models).filter((f) => f.endsWith('.bin')) : []).toEqual([]);
    await screenshot(1, 'first-launch');
  });

  it('downloads a model in Settings with progress, checks it and installs it, and the notice goes', async () => {
    await nav('Settings').click();
    const row = page.getByTestId('model-tiny.en-q5_1');
    await row.getByRole('button', { name: 'Download' }).click();
    const progress = row.getByTestId('download-progress');
    await expect.poll(async () => (await progress.textContent().catch(() => '')) ?? '', { timeout: 60_000 }).toMatch(/^\d+ [KM]B of \d+ MB · \d+ [KM]B\/s · \d+ (s|min) left$/);
    await row.getByText('Installed').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('model-in-use').textContent()).toBe('Transcribing with tiny.en-q5_1 (the best one installed).');
    // One request, the served bytes on disk, and the manager's record holds their SHA-1 and the loopback source.
    expect(server.requests.map((r) => [r.path, r.status])).toEqual([['/mirror/ggml-tiny.en-q5_1.bin', 200]]);
    const installedFile = path.join(modelsDir(ws.home), 'ggml-tiny.en-q5_1.bin');
    expect(fs.readFileSync(installedFile).equals(model)).toBe(true);
    expect(fs.existsSync(`${installedFile}.part`)).toBe(false);
    const entries = (await createModelManager({ modelsDir: modelsDir(ws.home) }).list()).filter((e) => e.status === 'installed');
    expect(entries.map((e) => [e.name, e.origin, e.sha1])).toEqual([['tiny.en-q5_1', 'download', createHash('sha1').update(model).digest('hex')]]);
    // Settings says it itself: the first-run notice is not shown over it.
    expect(await page.getByTestId('first-run-model-notice').count()).toBe(0);
    await screenshot(2, 'model-downloaded');
    await nav('Interviews').click();
    await page.getByRole('heading', { level: 1, name: 'Interviews' }).waitFor();
    expect(await page.getByTestId('first-run-model-notice').count()).toBe(0);
  });

  it('creates a requisition', async () => {
    await nav('Requisitions').click();
    await page.getByText('No requisitions yet.').waitFor();
    await page.getByRole('button', { name: 'New requisition' }).click();
    const form = page.getByRole('form', { name: 'New requisition' });
    await form.getByLabel('Title').fill('Senior Backend Engineer');
    await form.getByLabel('Hiring manager').fill('Dana Whitfield');
    await form.getByRole('button', { name: 'Create requisition' }).click();
    await page.getByRole('heading', { level: 1, name: 'Senior Backend Engineer' }).waitFor();
    requisitionId = /#\/requisitions\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await screenshot(3, 'requisition-created');
  });

  it('imports the intake call and drafts the rubric from it', async () => {
    await page.getByRole('button', { name: 'Draft from intake call…' }).click();
    const panel = page.getByRole('region', { name: 'Draft from intake call' });
    await panel.getByRole('button', { name: 'Choose intake transcript…' }).click();
    await panel.getByLabel('Intake call').waitFor();
    await panel.getByRole('button', { name: 'Draft criteria' }).click();
    const drafted = panel.getByTestId('drafted-criterion');
    await drafted.first().waitFor();
    const count = await drafted.count();
    expect(count).toBeGreaterThanOrEqual(4);
    // The intake call's words, not noise: Postgres is one of the hiring manager's must-haves.
    expect((await drafted.allTextContents()).some((t) => /must-have/i.test(t) && /postgres/i.test(t))).toBe(true);
    await screenshot(4, 'intake-draft');
    await panel.getByRole('button', { name: `Add ${count} criteria to the rubric` }).click();
    await page.getByRole('status').filter({ hasText: `Added ${count} drafted criteria` }).waitFor();
    await page.getByRole('button', { name: 'Save as version 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 1.' }).waitFor();
    const stored = await handlers['requisitions:get']({ id: requisitionId });
    expect(stored.versions).toHaveLength(1);
    // The intake call is stored as the requisition's intake session, not as an interview.
    const intake = await db.selectFrom('sessions').select(['kind', 'requisition_id']).where('kind', '=', 'intake').execute();
    expect(intake).toEqual([{ kind: 'intake', requisition_id: requisitionId }]);
    expect(stored.versions[0]!.criteria).toHaveLength(count);
  });

  it('is signed off by the hiring manager', async () => {
    const signOff = page.getByRole('form', { name: 'Hiring manager sign-off' });
    expect(await signOff.getByLabel('Signed off by').inputValue()).toBe('Dana Whitfield');
    await screenshot(5, 'rubric-before-sign-off');
    await signOff.getByRole('button', { name: 'Sign off version 1' }).click();
    await page.getByTestId('version-bar').getByTestId('sign-off-badge').getByText('Signed off by Dana Whitfield on', { exact: false }).waitFor();
    const stored = await handlers['requisitions:get']({ id: requisitionId });
    expect(stored.versions[0]!.signedOff?.by).toBe('Dana Whitfield');
    await screenshot(6, 'rubric-signed');
  });

  it('records a mic-only interview filed up front, tagging moments with hotkeys', async () => {
    await nav('Interviews').click();
    await page.getByRole('link', { name: 'New recording' }).click();
    const setup = page.getByRole('form', { name: 'Recording setup' });
    await setup.getByLabel('Requisition').locator('option', { hasText: 'Senior Backend Engineer' }).waitFor({ state: 'attached' });
    await setup.getByLabel('Requisition').selectOption({ label: 'Senior Backend Engineer' });
    await setup.getByLabel("New candidate's name").fill('Sam Lee');
    await setup.getByLabel('Stage').fill('Phone screen');
    await setup.getByLabel('Your name (microphone)').fill('Dana');
    await expect.poll(() => setup.getByLabel('Microphone').locator('option').count()).toBeGreaterThan(1);
    await setup.getByLabel('I read this notice', { exact: false }).check();
    await screenshot(7, 'recorder-setup');
    await setup.getByRole('button', { name: 'Start recording' }).click();
    await page.getByTestId('recorder-state').filter({ hasText: 'Recording' }).waitFor();
    recordedId = capture.service.activeSessions()[0]!;
    const elapsed = () => capture.service.status(recordedId).elapsedSec;

    // The signed rubric came with the requisition: its criteria are the hotkeys.
    const panel = page.getByRole('complementary', { name: 'Tag this moment' });
    await panel.getByText('Signed off by Dana Whitfield').waitFor();
    await panel.getByTestId('criterion-chip').first().waitFor();
    await expect.poll(elapsed, { timeout: 60_000 }).toBeGreaterThan(1.5);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('1');
    await page.getByTestId('tag-status').filter({ hasText: /^Tagged / }).waitFor();
    await expect.poll(elapsed, { timeout: 60_000 }).toBeGreaterThan(3);
    await page.keyboard.press('f');
    await page.getByTestId('tag-status').filter({ hasText: /^Tagged Flag: revisit at / }).waitFor();
    await screenshot(8, 'recording-tagged');

    // Enough audio for several live chunks, counted by the recorder's own clock.
    await expect.poll(elapsed, { timeout: 180_000, interval: 250 }).toBeGreaterThanOrEqual(12);
    await page.getByRole('button', { name: 'Stop' }).click();
    // Stop waits for the live transcriber's backlog: long on a loaded machine.
    await page.waitForURL(new RegExp(`#/interviews/${recordedId}$`), { timeout: 300_000 });
    const session = await db.selectFrom('sessions').selectAll().where('id', '=', recordedId).executeTakeFirstOrThrow();
    expect(session).toMatchObject({ status: 'complete', stage: 'Phone screen', requisition_id: requisitionId, interviewer: 'Dana' });
    expect(session.rubric_version_id).not.toBeNull();
    // No title typed: it defaults to candidate, stage and date.
    expect(session.title).toMatch(/^Sam Lee — Phone screen — /);
    const candidate = await db.selectFrom('candidates').selectAll().where('id', '=', session.candidate_id!).executeTakeFirstOrThrow();
    expect(candidate.name).toBe('Sam Lee');
    const moments = await listMoments(db, recordedId);
    expect(moments.map((m) => m.flagged).sort()).toEqual([false, true]);
    for (const m of moments) {
      expect(m).toMatchObject({ origin: 'manual', status: 'accepted', rubricVersionId: session.rubric_version_id, author: 'Dana' });
      expect(m.start).toBeLessThanOrEqual(session.duration_sec!);
    }
  }, 600_000);

  it('shows the recording’s transcript on its page', async () => {
    await page.getByRole('heading', { level: 1 }).waitFor();
    const stored = (await getSession(db, recordedId))!;
    // Live transcription ran on the model imported in Settings (random weights: real compute, meaningless words).
    expect(stored.segments.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.segment').count()).toBe(stored.segments.length);
    expect(new Set(stored.segments.map((s) => s.speaker))).toEqual(new Set(['Dana']));
    await page.getByRole('region', { name: 'Your tags and flags (2)' }).waitFor();
    await screenshot(9, 'recorded-transcript');
  });

  it('imports a one-voice transcript of known words, splits the speakers and maps it against the signed rubric', async () => {
    dialog.transcript = oneVoiceTranscript;
    await nav('Interviews').click();
    await page.getByRole('button', { name: 'Import transcript…' }).click();
    const form = page.getByRole('form', { name: 'Import transcript' });
    await form.getByRole('button', { name: 'Choose file…' }).click();
    await form.getByLabel('an interview with a candidate').check();
    await form.getByLabel('Title (optional)').fill('Sam Lee — Technical');
    await form.getByRole('button', { name: /^Import/ }).click();
    await page.waitForURL(/#\/interviews\/[0-9a-f-]{36}$/);
    interviewId = page.url().split('/').pop()!;
    expect(interviewId).not.toBe(recordedId);

    // Filed under the candidate recorded earlier, at the same stage.
    await page.getByRole('button', { name: 'Move…' }).click();
    const move = page.getByRole('form', { name: 'Move this session' });
    await move.getByLabel('Candidate').locator('option', { hasText: 'Sam Lee — Senior Backend Engineer' }).waitFor({ state: 'attached' });
    await move.getByLabel('Candidate').selectOption({ label: 'Sam Lee — Senior Backend Engineer' });
    await move.getByLabel('Stage').fill('Phone screen');
    await move.getByRole('button', { name: 'Move session' }).click();
    await move.waitFor({ state: 'detached' });
    const recorded = await db.selectFrom('sessions').select(['candidate_id', 'requisition_id']).where('id', '=', recordedId).executeTakeFirstOrThrow();
    await expect
      .poll(() => db.selectFrom('sessions').select(['candidate_id', 'requisition_id', 'stage']).where('id', '=', interviewId).executeTakeFirstOrThrow())
      .toEqual({ ...recorded, stage: 'Phone screen' });

    const picker = page.getByLabel('Rubric for this session');
    const signed = picker.locator('option', { hasText: 'Senior Backend Engineer v1' });
    await signed.waitFor({ state: 'attached' });
    await picker.selectOption((await signed.getAttribute('value'))!);
    await page.getByRole('button', { name: 'Use this rubric' }).click();
    // Imported as it came: one voice, no speaker labels.
    expect(new Set((await getSession(db, interviewId))!.segments.map((s) => s.speaker))).toEqual(new Set([null]));
    await page.getByText(/This transcript has no speaker labels: mapping first splits/).waitFor();
    await page.getByRole('button', { name: 'Map moments' }).click();
    const status = page.getByTestId('mapping-status');
    await status.filter({ hasText: /^\d+ moments? to review\. Speakers split into Interviewer and Candidate/ }).waitFor({ timeout: 120_000 });
    // Every line is stored with the speaker who said it in the labelled original: the interviewer's questions
    // are the interviewer's, the answers the candidate's (no line was cut in two, so starts match).
    const labelled = (await parseTranscriptFile(interviewTranscript)).transcript.segments;
    const split = (await getSession(db, interviewId))!.segments;
    expect(split.map((s) => [s.start, s.text, s.speaker])).toEqual(labelled.map((s) => [s.start, s.text, s.speaker]));
    const questions = labelled.filter((s) => s.speaker === 'Interviewer' && s.text.endsWith('?')).map((s) => s.text);
    expect(questions.length).toBeGreaterThan(5);
    expect(split.filter((s) => questions.includes(s.text)).map((s) => s.speaker)).toEqual(questions.map(() => 'Interviewer'));
    await expect.poll(() => page.locator('.segment .speaker', { hasText: 'Interviewer' }).count()).toBe(split.filter((s) => s.speaker === 'Interviewer').length);
    const proposed = (await listMoments(db, interviewId)).filter((m) => m.status === 'proposed');
    expect(proposed.length).toBeGreaterThan(0);
    expect(await status.textContent()).toMatch(new RegExp(`^${proposed.length} moments? to review`));
    await screenshot(10, 'mapped');
  });

  it('accepts evidence in review', async () => {
    const review = page.getByRole('region', { name: /^To review/ });
    // The candidate's on-call incident: a proposal whose words are in the imported transcript.
    const card = review.getByTestId('moment').filter({ has: page.locator('.moment-card__quote', { hasText: 'I was the on-call engineer' }) }).first();
    await card.scrollIntoViewIfNeeded();
    acceptedCriterion = (await card.locator('.criterion-tag').textContent())!;
    const before = (await listMoments(db, interviewId)).filter((m) => m.status === 'proposed').length;
    await card.getByRole('button', { name: 'Accept' }).click();
    await page.getByTestId('mapping-status').filter({ hasText: new RegExp(`^${before - 1} moments? to review`) }).waitFor();
    const accepted = (await listMoments(db, interviewId)).filter((m) => m.status === 'accepted' && m.origin !== 'manual');
    expect(accepted).toHaveLength(1);
    acceptedQuote = accepted[0]!.quote!;
    expect(acceptedQuote).toContain('I was the on-call engineer');
    // The quote is the candidate's words from the imported transcript.
    const opening = acceptedQuote.split(' ').slice(0, 6).join(' ');
    expect(fs.readFileSync(oneVoiceTranscript, 'utf8')).toContain(opening);
    // ...on a line the split gave to the candidate.
    expect((await getSession(db, interviewId))!.segments.find((s) => s.text.includes(opening))?.speaker).toBe('Candidate');
    await screenshot(11, 'evidence-accepted');
  });

  it('shows the accepted evidence on the scorecard draft', async () => {
    await page.getByRole('link', { name: 'Scorecard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Scorecard: Sam Lee — Technical' }).waitFor();
    // An imported transcript names no interviewer: the scorer says who they are.
    await page.getByLabel('Your name (the interviewer scoring)').fill('Dana Whitfield');
    await page.getByRole('button', { name: 'Open scorecard' }).click();
    const rubric = await handlers['requisitions:get']({ id: requisitionId });
    const title = rubric.versions[0]!.criteria.map((c) => c.title).find((t) => acceptedCriterion.includes(t))!;
    expect(title).toBeDefined();
    const group = page.locator(`fieldset[data-criterion="${title}"]`);
    const evidence = group.getByRole('list', { name: `Evidence for ${title}` });
    await evidence.getByText(acceptedQuote.split(' ').slice(0, 6).join(' '), { exact: false }).waitFor();
    await group.scrollIntoViewIfNeeded();
    await screenshot(12, 'scorecard-draft');
  });

  it('deletes the practice recording after a confirmation naming what goes, keeping the reviewed interview', async () => {
    const tracks = await db.selectFrom('tracks').select('path').where('session_id', '=', recordedId).execute();
    expect(tracks).toHaveLength(1);
    const audio = tracks[0]!.path!;
    expect(fs.existsSync(audio)).toBe(true);
    const { segments } = (await getSession(db, recordedId))!;
    await page.goto(page.url().replace(/#.*$/, `#/interviews/${recordedId}`));
    await page.getByRole('button', { name: 'Delete…' }).click();
    const confirmation = page.getByRole('alertdialog', { name: 'Delete this session?' });
    await confirmation.waitFor();
    expect(await confirmation.textContent()).toContain(`This removes ${segments.length} transcript segments, 2 moments and the audio file ${path.basename(audio)}`);
    await screenshot(13, 'delete-confirmation');
    await confirmation.getByRole('button', { name: 'Delete for good' }).click();
    await page.waitForURL(/#\/interviews$/);
    await page.getByTestId('session-list').waitFor();
    expect(await db.selectFrom('sessions').select('id').where('id', '=', recordedId).execute()).toEqual([]);
    expect(fs.existsSync(audio)).toBe(false);
    // The interview reviewed above, and its accepted evidence, are untouched.
    expect((await listMoments(db, interviewId)).filter((m) => m.status === 'accepted').map((m) => m.quote)).toContain(acceptedQuote);
  });

  it('ran without page errors or unexpected handler failures', () => {
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});
