import type { TranscriptFormat } from '../core/export/export-formats.js';

// One transcript exporter for the app and the CLI.
export { renderTranscript } from '../core/export/export-formats.js';
export type { TranscriptFormat };

export function pickFormat(opts: { json?: boolean; vtt?: boolean; srt?: boolean; txt?: boolean }, fallback: TranscriptFormat): TranscriptFormat {
  const chosen = (['json', 'vtt', 'srt', 'txt'] as const).filter((f) => opts[f]);
  if (chosen.length > 1) throw new Error(`choose one output format, not ${chosen.map((f) => `--${f}`).join(' and ')}`);
  return chosen[0] ?? fallback;
}
