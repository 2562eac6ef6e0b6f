/** A one-line progress bar on stderr, drawn only on a terminal so piped output stays clean. */
export interface ProgressBar {
  update(fraction: number, detail?: string): void;
  done(message?: string): void;
}

export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const enabled = Boolean(stream.isTTY) || process.env.DEBRIEF_PROGRESS === '1';
  const width = 28;
  let lastDrawn = -1;
  let lastAt = 0;
  const started = Date.now();
  return {
    update(fraction, detail = '') {
      if (!enabled) return;
      const f = Math.max(0, Math.min(1, fraction));
      const percent = Math.floor(f * 100);
      const now = Date.now();
      if (percent === lastDrawn && now - lastAt < 500) return;
      lastDrawn = percent;
      lastAt = now;
      const filled = Math.round(f * width);
      const elapsed = ((now - started) / 1000).toFixed(1);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${elapsed}s ${detail}`.padEnd(80));
    },
    done(message) {
      if (!enabled) return;
      stream.write(`\r${' '.repeat(80)}\r`);
      if (message) stream.write(`${message}\n`);
    },
  };
}
