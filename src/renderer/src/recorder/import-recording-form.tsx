import { useState } from 'react';
import { ImportFileForm } from '../sessions/import-file-form.js';
import { fileArgs } from '../ui/choose-file.js';

/** An existing recording becomes a session like a live one; a two-channel file can be split into You and Them. */
export function ImportRecordingForm({ onImported, onCancel }: { onImported: (sessionId: string) => void; onCancel: () => void }) {
  const [splitStereo, setSplitStereo] = useState(false);
  const [keepLink, setKeepLink] = useState(false);
  return (
    <ImportFileForm
      what="recording"
      purpose="recording"
      hint="WAV, MP3, M4A, FLAC, Ogg or WebM; it is transcribed on this computer."
      importFile={(file, title) => window.debrief.captureImportAudio({ ...fileArgs(file), splitStereo, keepLink, ...(title ? { title } : {}) })}
      onImported={onImported}
      onCancel={onCancel}
    >
      <label className="field field--inline">
        <input type="checkbox" checked={splitStereo} onChange={(e) => setSplitStereo(e.target.checked)} />
        <span>Stereo call recording: the left channel is me, the right channel is the other side</span>
      </label>
      <label className="field field--inline">
        <input type="checkbox" checked={keepLink} onChange={(e) => setKeepLink(e.target.checked)} />
        <span>Keep the audio where it is instead of copying it into Debrief's data folder (playback stops if the file moves)</span>
      </label>
    </ImportFileForm>
  );
}
