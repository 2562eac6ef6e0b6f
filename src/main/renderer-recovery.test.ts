import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { reloadWhenRendererGone, type RecoverableContents } from './renderer-recovery.js';

/** An EventEmitter standing in for webContents: Electron cannot run here, the decision logic can. */
class Contents extends EventEmitter implements RecoverableContents {
  reloads = 0;
  destroyed = false;
  isDestroyed = () => this.destroyed;
  reload = () => void this.reloads++;
  gone(reason: string) {
    this.emit('render-process-gone', {}, { reason, exitCode: 139 });
  }
}

describe('reloading the window when its renderer is gone', () => {
  it('reloads after a crash and says whether a recording was running', () => {
    const contents = new Contents();
    const log: string[] = [];
    let recording = true;
    reloadWhenRendererGone(contents, { isRecording: () => recording, log: (m) => log.push(m), now: () => 0 });
    contents.gone('crashed');
    expect(contents.reloads).toBe(1);
    expect(log[0]).toContain('during a recording (it keeps recording); reloading it');
    recording = false;
    contents.gone('oom');
    expect(contents.reloads).toBe(2);
    expect(log[1]).not.toContain('during a recording');
  });

  it('does not reload a clean exit or a destroyed window', () => {
    const contents = new Contents();
    reloadWhenRendererGone(contents, { isRecording: () => false, log: () => undefined });
    contents.gone('clean-exit');
    contents.destroyed = true;
    contents.gone('crashed');
    expect(contents.reloads).toBe(0);
  });

  it('gives up on a renderer that keeps dying, and tries again after a quiet spell', () => {
    const contents = new Contents();
    const log: string[] = [];
    let t = 0;
    reloadWhenRendererGone(contents, { isRecording: () => false, log: (m) => log.push(m), maxReloads: 2, windowMs: 1000, now: () => t });
    contents.gone('crashed');
    contents.gone('crashed');
    contents.gone('crashed');
    expect(contents.reloads).toBe(2);
    expect(log.at(-1)).toContain('not reloaded');
    t = 5000;
    contents.gone('crashed');
    expect(contents.reloads).toBe(3);
  });
});
