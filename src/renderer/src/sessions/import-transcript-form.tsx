import { ImportFileForm } from './import-file-form.js';

export function ImportTranscriptForm({ onImported, onCancel }: { onImported: (sessionId: string) => void; onCancel: () => void }) {
  return (
    <ImportFileForm
      what="transcript"
      accept=".vtt,.srt,.json"
      placeholder="/Users/me/Downloads/interview.vtt"
      hint="WebVTT, SubRip, or Zoom/Teams/Meet JSON."
      importFile={(path, title) => window.debrief.sessionsImportTranscript({ path, ...(title ? { title } : {}) })}
      onImported={onImported}
      onCancel={onCancel}
    />
  );
}
