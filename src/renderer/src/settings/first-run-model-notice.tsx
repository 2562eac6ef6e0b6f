import { useState } from 'react';
import { ErrorMessage } from '../ui/error-message.js';
import { formatBytes } from '../ui/format.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';

const DISMISSED_KEY = 'debrief.firstRunModelNotice.dismissed';

/** Said once, where no model is installed: what is missing, the recommended model, and one button to get it. */
export function FirstRunModelNotice({ view }: { view: string }) {
  // Asked again on each change of view: a model installed in Settings ends the notice without a reload.
  const [models] = useIpc(() => window.debrief.modelsList(), `first-run-models-${view}`);
  const [hidden, setHidden] = useState(() => localStorage.getItem(DISMISSED_KEY) === '1');
  const { busy, error, run } = useIpcAction();
  // Settings lists the models itself, with the same button.
  if (hidden || view === 'settings' || models.state !== 'ok' || models.value.inUse !== null || models.value.downloads.length > 0) return null;
  const { name, bytes } = models.value.recommended;

  function dismiss() {
    localStorage.setItem(DISMISSED_KEY, '1');
    setHidden(true);
  }
  async function download() {
    if ((await run(() => window.debrief.modelsDownload({ name }))) === undefined) return;
    dismiss();
    window.location.hash = '#/settings';
  }

  return (
    <div className="panel first-run-notice" role="region" aria-label="No transcription model" data-testid="first-run-model-notice">
      <p style={{ margin: 0 }}>
        Debrief needs a speech model to turn recordings into transcripts, and none is installed yet. We recommend <strong>{name}</strong> ({formatBytes(bytes)}): fast and
        accurate for English, and it runs on this computer.
      </p>
      <div style={{ display: 'flex', gap: 8 }}>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void download()}>
          Download {name}
        </button>
        <button type="button" className="button" onClick={dismiss}>
          Not now
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
