import { toJson, toSrt, toText, toVtt } from '../core/transcript/format-transcript.js';
import type { Transcript } from '../core/transcript/transcript.js';

export type TranscriptFormat = 'json' | 'vtt' | 'srt' | 'txt';

export function pickFormat(opts: { json?: boolean; vtt?: boolean; srt?: boolean; txt?: boolean }, fallback: TranscriptFormat): TranscriptFormat {
  const chosen = (['json', 'vtt', 'srt', 'txt'] as const).filter((f) => opts[f]);
  if (chosen.length > 1) throw new Error(`choose one output format, not ${chosen.map((f) => `--${f}`).join(' and ')}`);
  return chosen[0] ?? fallback;
}

export function renderTranscript(t: Transcript, format: TranscriptFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(toJson(t))}\n`;
    case 'vtt':
      return toVtt(t);
    case 'srt':
      return toSrt(t);
    case 'txt':
      return toText(t);
  }
}
