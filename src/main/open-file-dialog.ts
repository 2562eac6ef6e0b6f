import type { BrowserWindow, Dialog } from 'electron';
import type { ParsedInputOf } from '../shared/ipc/contract.js';

type Purpose = ParsedInputOf<'files:choose'>['purpose'];

const FILTERS: Record<Purpose, { title: string; filters: { name: string; extensions: string[] }[] }> = {
  transcript: { title: 'Choose a transcript', filters: [{ name: 'Transcripts (WebVTT, SubRip, JSON, Google Meet text)', extensions: ['vtt', 'srt', 'json', 'txt'] }] },
  recording: { title: 'Choose a recording', filters: [{ name: 'Audio', extensions: ['wav', 'mp3', 'm4a', 'ogg', 'opus', 'flac', 'webm'] }] },
  rubric: { title: 'Choose a rubric file', filters: [{ name: 'Rubrics (JSON, YAML)', extensions: ['json', 'yaml', 'yml'] }] },
  model: { title: 'Choose a Whisper model', filters: [{ name: 'ggml models', extensions: ['bin'] }] },
};

/** The OS "Open" dialog, owned by the main window; the chosen path stays in the main process. */
export function openFileDialog(dialog: Dialog, window: () => BrowserWindow | null) {
  return async (purpose: Purpose): Promise<string | null> => {
    const { title, filters } = FILTERS[purpose];
    const options = { title, filters, properties: ['openFile' as const] };
    const owner = window();
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
}
