import { useState } from 'react';
import type { OutputOf } from '../../../shared/ipc/contract.js';
import { navigate } from '../app-shell/route.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpcAction } from '../ui/use-ipc.js';
import { MoveSessionForm } from './move-session-form.js';

type Contents = OutputOf<'sessions:contents'>;

/** Rename, move (candidate, stage) and delete one session; deleting first says exactly what goes. */
export function SessionActions({ sessionId, title, onChanged }: { sessionId: string; title: string; onChanged: () => void }) {
  const { busy, error, run } = useIpcAction();
  const [renaming, setRenaming] = useState<string>();
  const [confirming, setConfirming] = useState<Contents>();
  const [moving, setMoving] = useState(false);

  async function rename() {
    if (renaming === undefined) return;
    if (await run(() => window.debrief.sessionsFile({ id: sessionId, title: renaming }))) {
      setRenaming(undefined);
      onChanged();
    }
  }
  async function askDelete() {
    const contents = await run(() => window.debrief.sessionsContents({ id: sessionId }));
    if (contents) setConfirming(contents);
  }
  async function remove() {
    if (await run(() => window.debrief.sessionsDelete({ id: sessionId }))) navigate({ view: 'interviews' });
  }

  return (
    <div className="session-actions" data-testid="session-actions">
      {renaming === undefined ? (
        <button type="button" className="button" onClick={() => setRenaming(title)}>
          Rename
        </button>
      ) : (
        <span className="field__row">
          <input aria-label="New title" value={renaming} maxLength={300} onChange={(e) => setRenaming(e.target.value)} />
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void rename()}>
            Save title
          </button>
          <button type="button" className="button" onClick={() => setRenaming(undefined)}>
            Cancel
          </button>
        </span>
      )}
      <button type="button" className="button" aria-expanded={moving} onClick={() => setMoving((m) => !m)}>
        Move…
      </button>
      <button type="button" className="button" disabled={busy} onClick={() => void askDelete()}>
        Delete…
      </button>
      {moving && (
        <MoveSessionForm
          sessionId={sessionId}
          onCancel={() => setMoving(false)}
          onMoved={() => {
            setMoving(false);
            onChanged();
          }}
        />
      )}
      {confirming && (
        <div role="alertdialog" aria-label="Delete this session?" className="panel" data-testid="delete-confirmation">
          <p>
            Delete “{confirming.title}”? This removes {confirming.segmentCount} transcript segments, {confirming.momentCount} moments
            {confirming.audioFiles.length > 0 ? ` and the audio file${confirming.audioFiles.length > 1 ? 's' : ''} ${confirming.audioFiles.join(', ')}` : ''} from this computer. It cannot be undone.
          </p>
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void remove()}>
            Delete for good
          </button>
          <button type="button" className="button" onClick={() => setConfirming(undefined)}>
            Keep it
          </button>
        </div>
      )}
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
