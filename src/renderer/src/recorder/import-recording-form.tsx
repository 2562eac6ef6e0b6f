import { useState } from 'react';
import { ImportFileForm } from '../sessions/import-file-form.js';

/** An existing recording becomes a session like a live one; a two-channel file can be split into You and Them. */
export function ImportRecordingForm({ onImported, onCancel }: { onImported: (sessionId: string) => void; onCancel: () => void }) {
  const [splitStereo, setSplitStereo] = useState(false);
  return (
    <ImportFileForm
      what="recording"
      accept="audio/*,video/webm,.m4a,.mp3,.wav,.flac,.ogg,.opus,.webm"
      placeholder="/Users/me/Recordings/call.m4a"
      hint="WAV, MP3, M4A, FLAC, Ogg or WebM; it is transcribed on this computer."
      importFile={(path, title) => window.debrief.captureImportAudio({ path, splitStereo, ...(title ? { title } : {}) })}
      onImported={onImported}
      onCancel={onCancel}
    >
      <label className="field field--inline">
        <input type="checkbox" checked={splitStereo} onChange={(e) => setSplitStereo(e.target.checked)} />
        <span>Stereo call recording: the left channel is me, the right channel is the other side</span>
      </label>
    </ImportFileForm>
  );
}
