import { UserFacingError } from '../../errors.js';
import type { ModelManager } from './model-manager.js';

/**
 * The app's downloads, one per model, running in the background while the window polls them: paused
 * keeps the partial file (resume continues it), cancelled removes it, and a dropped connection is
 * resumed on its own a few times before the download is reported as stopped.
 */

export type DownloadState = 'downloading' | 'paused' | 'failed';

export interface ModelDownload {
  name: string;
  state: DownloadState;
  receivedBytes: number;
  totalBytes: number | null;
  bytesPerSecond: number;
  /** Why it stopped, for `failed`. */
  error: { code: string; message: string } | null;
}

/** Reconnects after a dropped connection before giving up (each resumes from the bytes on disk). */
const AUTO_RESUMES = 3;

export class ModelDownloads {
  private readonly downloads = new Map<string, ModelDownload & { abort?: AbortController; stopping?: 'pause' | 'cancel' }>();

  constructor(
    private readonly models: ModelManager,
    private readonly opts: { baseUrl?: string; onInstalled?: (name: string) => void } = {},
  ) {}

  list(): ModelDownload[] {
    return [...this.downloads.values()].map(({ name, state, receivedBytes, totalBytes, bytesPerSecond, error }) => ({ name, state, receivedBytes, totalBytes, bytesPerSecond, error }));
  }

  /** Starts, or resumes a paused or failed download. Resolves once it has started; progress is in list(). */
  start(name: string): void {
    const current = this.downloads.get(name);
    if (current?.state === 'downloading') return;
    const download = { name, state: 'downloading' as const, receivedBytes: current?.receivedBytes ?? 0, totalBytes: current?.totalBytes ?? null, bytesPerSecond: 0, error: null, abort: new AbortController() };
    this.downloads.set(name, download);
    void this.run(name, download.abort);
  }

  pause(name: string): void {
    this.stop(name, 'pause');
  }

  /** Stops and removes the partial file; a download that is already paused or failed is forgotten too. */
  async cancel(name: string): Promise<void> {
    const download = this.downloads.get(name);
    if (download?.state === 'downloading') return this.stop(name, 'cancel');
    this.downloads.delete(name);
    // The partial file of a paused download; never an installed model.
    const entry = (await this.models.list()).find((e) => e.name === name);
    if (entry?.status === 'partial') await this.models.remove(name);
  }

  /** Resolves when nothing is downloading (tests, quitting). */
  private readonly running = new Set<Promise<void>>();
  async idle(): Promise<void> {
    await Promise.all([...this.running]);
  }

  private stop(name: string, how: 'pause' | 'cancel') {
    const download = this.downloads.get(name);
    if (!download || download.state !== 'downloading') return;
    download.stopping = how;
    download.abort?.abort();
  }

  private async run(name: string, abort: AbortController): Promise<void> {
    const done = this.attempts(name, abort);
    this.running.add(done);
    await done;
    this.running.delete(done);
  }

  private async attempts(name: string, abort: AbortController): Promise<void> {
    const download = this.downloads.get(name)!;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.models.download(name, {
          baseUrl: this.opts.baseUrl,
          signal: abort.signal,
          keepPartialOnAbort: download.stopping !== 'cancel',
          onProgress: (p) => Object.assign(download, { receivedBytes: p.receivedBytes, totalBytes: p.totalBytes, bytesPerSecond: p.bytesPerSecond }),
        });
        this.downloads.delete(name);
        this.opts.onInstalled?.(name);
        return;
      } catch (err) {
        if (download.stopping === 'pause') {
          Object.assign(download, { state: 'paused', bytesPerSecond: 0, stopping: undefined });
          return;
        }
        if (download.stopping === 'cancel') {
          // keepPartialOnAbort was read when the attempt began: remove what a pause would have kept.
          this.downloads.delete(name);
          await this.models.remove(name).catch(() => undefined);
          return;
        }
        const code = err instanceof UserFacingError ? err.code : 'model-download-failed';
        if (code === 'model-download-interrupted' && attempt < AUTO_RESUMES) continue;
        Object.assign(download, { state: 'failed', bytesPerSecond: 0, error: { code, message: downloadFailure(name, code, err) } });
        return;
      }
    }
  }
}

/** What went wrong, in the user's words, with what to do next. */
function downloadFailure(name: string, code: string, err: unknown): string {
  switch (code) {
    case 'model-download-interrupted':
      return `The connection kept dropping while downloading ${name}. What arrived is kept: press Resume to continue from there.`;
    case 'model-checksum-mismatch':
    case 'model-size-mismatch':
    case 'model-corrupt':
      return `The file downloaded for ${name} is not the published model (its checksum does not match), so it was deleted. Try again later, or import a copy you trust.`;
    case 'disk-full':
      return `The disk is full, so ${name} could not be saved. Free some space and press Resume: what arrived is kept.`;
    default: {
      const message = err instanceof Error ? err.message : '';
      if (/HTTP 404/.test(message)) return `The download server does not have ${name} (it answered "not found"). Choose another model, or import the file.`;
      if (/ENOSPC|disk is full|no space/i.test(message)) return `The disk is full, so ${name} could not be saved. Free some space and press Resume: what arrived is kept.`;
      if (/HTTP \d+/.test(message)) return `The download server refused to send ${name} right now. Try again later.`;
      return `${name} could not be downloaded: the server could not be reached. Check the connection and press Resume.`;
    }
  }
}
