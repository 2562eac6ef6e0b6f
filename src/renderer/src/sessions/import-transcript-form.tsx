import { useState } from 'react';
import { fileArgs } from '../ui/choose-file.js';
import { ImportFileForm } from './import-file-form.js';

/** A transcript from another tool; the user says whether it is an interview or a requisition's intake call. */
export function ImportTranscriptForm({ onImported, onCancel }: { onImported: (sessionId: string) => void; onCancel: () => void }) {
  const [kind, setKind] = useState<'interview' | 'intake'>('interview');
  return (
    <ImportFileForm
      what="transcript"
      purpose="transcript"
      hint="WebVTT, SubRip, or Zoom/Teams/Meet JSON."
      importFile={(file, title) => window.debrief.sessionsImportTranscript({ ...fileArgs(file), kind, ...(title ? { title } : {}) })}
      onImported={onImported}
      onCancel={onCancel}
    >
      <fieldset className="field">
        <legend>This call is</legend>
        <label className="field--inline">
          <input type="radio" name="kind" checked={kind === 'interview'} onChange={() => setKind('interview')} /> an interview with a candidate
        </label>
        <label className="field--inline">
          <input type="radio" name="kind" checked={kind === 'intake'} onChange={() => setKind('intake')} /> an intake call with the hiring manager (drafts a rubric)
        </label>
      </fieldset>
    </ImportFileForm>
  );
}
