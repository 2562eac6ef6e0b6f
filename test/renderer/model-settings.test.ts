import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath, modelsDir } from '../../src/core/app-paths.js';
import { createModelManager } from '../../src/core/transcribe/models/model-manager.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers } from '../../src/backend/ipc-handlers.js';
import { startLoopbackServer, type LoopbackServer } from '../models/loopback-file-server.js';
import { createAppWorkspace, openAppPage, type AppWorkspace } from '../support/app-in-chromium.js';
import { hasChromium } from '../support/chromium.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const screenshots = path.join(repoRoot, 'test-results');
const TINY_EN = '/work/shared/models/for-tests-ggml-tiny.en.bin';

// Settings → Transcription in real Chromium over the real handlers and model manager, downloading from a
// loopback HTTP server: a connection dropped mid-download, a bad checksum, a 404 and a full disk.
describe.skipIf(!hasChromium)('transcription models in Settings', () => {
  let ws: AppWorkspace;
  let db: Database;
  let page: Page;
  let server: LoopbackServer;
  const pageErrors: string[] = [];
  const handlerErrors: unknown[] = [];
  const model = fs.readFileSync(TINY_EN);
  const row = (name: string) => page.getByTestId(`model-${name}`);

  beforeAll(async () => {
    server = await startLoopbackServer({
      // Quantized: no published checksum, so the manager checks the file is a model. Slow pieces, cut once at 200 KB.
      '/mirror/ggml-tiny.en-q5_1.bin': { kind: 'file', body: model, chunkBytes: 16 * 1024, chunkDelayMs: 40, dropAfterBytesOnce: 200 * 1024 },
      // The weightless test file is not the published base.en: its SHA-1 fails.
      '/mirror/ggml-base.en.bin': { kind: 'file', body: model },
      '/mirror/ggml-small.en-q5_1.bin': { kind: 'file', body: model },
      // Slow enough to pause halfway.
      '/mirror/ggml-base.en-q5_1.bin': { kind: 'file', body: model, chunkBytes: 8 * 1024, chunkDelayMs: 60 },
    });
    ws = await createAppWorkspace('model-settings');
    ws.onClose(() => server.close());
    db = await openDatabase(databasePath(ws.home));
    ws.onClose(() => db.destroy());
    // The OS dialog's answer, injected: the page only gets a token for the chosen file.
    const handlers = createIpcHandlers({ db, home: ws.home, modelDownloadBaseUrl: server.url('/mirror/'), chooseFile: async () => TINY_EN });
    ({ page } = await openAppPage(ws, { handlers, hash: '#/interviews', pageErrors, handlerErrors }));
  });
  afterAll(() => ws?.close());

  it('says once, at first run, that no model is installed, with the recommended one and one button', async () => {
    const notice = page.getByTestId('first-run-model-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('none is installed yet. We recommend base.en (142 MB)');
    await page.screenshot({ path: path.join(screenshots, 'first-run-model-notice.png') });
    // The recommended file on this server is not the published one: the checksum stops it, in plain words.
    await notice.getByRole('button', { name: 'Download base.en' }).click();
    await page.waitForURL(/#\/settings$/);
    const failed = row('base.en').getByRole('alert');
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.textContent()).toBe(
      'The file downloaded for base.en is not the published model (its checksum does not match), so it was deleted. Try again later, or import a copy you trust.',
    );
    expect(fs.existsSync(path.join(modelsDir(ws.home), 'ggml-base.en.bin'))).toBe(false);
    expect(fs.existsSync(path.join(modelsDir(ws.home), 'ggml-base.en.bin.part'))).toBe(false);
    await row('base.en').getByRole('button', { name: 'Cancel' }).click();
    await row('base.en').getByRole('button', { name: 'Download' }).waitFor();
    expect(await page.getByTestId('first-run-model-notice').count()).toBe(0);
  });

  it('downloads with bytes, rate and time left, resumes after the connection drops, and installs the verified file', async () => {
    await row('tiny.en-q5_1').getByRole('button', { name: 'Download' }).click();
    const progress = row('tiny.en-q5_1').getByTestId('download-progress');
    await expect.poll(async () => (await progress.textContent().catch(() => '')) ?? '', { timeout: 30_000 }).toMatch(/^\d+ KB of 573 KB · \d+ [KM]B\/s · \d+ (s|min) left$/);
    await page.screenshot({ path: path.join(screenshots, 'model-download-progress.png') });
    await row('tiny.en-q5_1').getByText('Installed').waitFor({ timeout: 60_000 });

    // The second request asked for the rest of the file only, and the installed file is the served one.
    const requests = server.requests.filter((r) => r.path === '/mirror/ggml-tiny.en-q5_1.bin');
    expect(requests.map((r) => r.status)).toEqual([200, 206]);
    expect(Number(/^bytes=(\d+)-$/.exec(String(requests[1]!.headers.range))![1])).toBeGreaterThanOrEqual(200 * 1024);
    expect(fs.readFileSync(path.join(modelsDir(ws.home), 'ggml-tiny.en-q5_1.bin')).equals(model)).toBe(true);
    // The CLI's model manager sees what the app installed.
    const installed = (await createModelManager({ modelsDir: modelsDir(ws.home) }).list()).filter((e) => e.status === 'installed').map((e) => e.name);
    expect(installed).toEqual(['tiny.en-q5_1']);
    expect(await page.getByTestId('model-in-use').textContent()).toBe('Transcribing with tiny.en-q5_1 (the best one installed).');
  });

  it('pauses, keeps what arrived, and resumes from there', async () => {
    await row('base.en-q5_1').getByRole('button', { name: 'Download' }).click();
    await expect.poll(async () => Number(/^(\d+) KB/.exec((await row('base.en-q5_1').getByTestId('download-progress').textContent().catch(() => '')) ?? '')?.[1] ?? 0), { timeout: 30_000 }).toBeGreaterThan(50);
    await row('base.en-q5_1').getByRole('button', { name: 'Pause' }).click();
    await row('base.en-q5_1').getByTestId('download-progress').and(page.locator('[data-state="paused"]')).waitFor();
    const part = path.join(modelsDir(ws.home), 'ggml-base.en-q5_1.bin.part');
    const kept = fs.statSync(part).size;
    expect(kept).toBeGreaterThan(50 * 1024);
    await row('base.en-q5_1').getByRole('button', { name: 'Resume' }).click();
    // Polled on the row's whole text, so a failure shows what the row said instead (it once stayed un-installed under load).
    await expect.poll(() => row('base.en-q5_1').textContent(), { timeout: 60_000 }).toContain('Installed');
    const resumed = server.requests.filter((r) => r.path === '/mirror/ggml-base.en-q5_1.bin').at(-1)!;
    expect(resumed.status).toBe(206);
    expect(Number(/^bytes=(\d+)-$/.exec(String(resumed.headers.range))![1])).toBeGreaterThanOrEqual(kept);
  });

  it('says a missing file and a full disk in plain words', async () => {
    await page.getByLabel('English-only models', { exact: false }).uncheck();
    await row('tiny-q5_1').getByRole('button', { name: 'Download' }).click();
    const missing = row('tiny-q5_1').getByRole('alert');
    await missing.waitFor({ timeout: 30_000 });
    expect(await missing.textContent()).toBe('The download server does not have tiny-q5_1 (it answered "not found"). Choose another model, or import the file.');

    // A real ENOSPC from the kernel: the partial file is /dev/full.
    fs.symlinkSync('/dev/full', path.join(modelsDir(ws.home), 'ggml-small.en-q5_1.bin.part'));
    await row('small.en-q5_1').getByRole('button', { name: 'Download' }).click();
    const full = row('small.en-q5_1').getByRole('alert');
    await full.waitFor({ timeout: 30_000 });
    expect(await full.textContent()).toBe('The disk is full, so small.en-q5_1 could not be saved. Free some space and press Resume: what arrived is kept.');
    await page.screenshot({ path: path.join(screenshots, 'model-download-errors.png') });
    for (const text of [await missing.textContent(), await full.textContent()]) expect(text).not.toMatch(/127\.0\.0\.1|ENOSPC|models:|HTTP/);
  });

  it('makes an installed model the default and removes one', async () => {
    await row('base.en-q5_1').getByRole('button', { name: 'Make default' }).click();
    await row('base.en-q5_1').getByText('Installed · default').waitFor();
    expect(await page.getByTestId('model-in-use').textContent()).toBe('Transcribing with base.en-q5_1 (your default).');
    await row('base.en-q5_1').getByRole('button', { name: 'Remove' }).click();
    await row('base.en-q5_1').getByRole('button', { name: 'Download' }).waitFor();
    expect(fs.existsSync(path.join(modelsDir(ws.home), 'ggml-base.en-q5_1.bin'))).toBe(false);
    expect(await page.getByTestId('model-in-use').textContent()).toBe('Transcribing with tiny.en-q5_1 (the best one installed).');
    await page.screenshot({ path: path.join(screenshots, 'model-settings.png') });
  });

  it('imports a model file chosen in the OS dialog and uses it', async () => {
    await page.getByRole('button', { name: 'Import a model file…' }).click();
    await row('for-tests-ggml-tiny.en').getByText('Installed · default').waitFor();
    expect(await page.getByTestId('model-in-use').textContent()).toBe('Transcribing with for-tests-ggml-tiny.en (your default).');
    expect(fs.readFileSync(path.join(modelsDir(ws.home), 'for-tests-ggml-tiny.en.bin')).equals(model)).toBe(true);
  });

  it('ran without page errors or unexpected handler failures', () => {
    expect(pageErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});
