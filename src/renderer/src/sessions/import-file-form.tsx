import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { IpcResult } from '../../../shared/ipc/contract.js';
import { chooseFile, droppedFile, type ChosenFile, type FilePurpose } from '../ui/choose-file.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpcAction } from '../ui/use-ipc.js';

/**
 * Import one file: "Choose file…" opens the OS dialog in the main process (the page never names a
 * path), or the file is dropped on the form.
 */
export interface ImportFileFormProps {
  /** What is imported, for labels: "transcript", "recording". */
  what: string;
  purpose: FilePurpose;
  hint: string;
  /** `summary`, when the import left something out, and any `notes` (a recording that ended early) are shown before moving on. */
  importFile: (file: ChosenFile, title: string | undefined) => Promise<IpcResult<{ sessionId: string; summary?: string; notes?: string[] }>>;
  onImported: (sessionId: string) => void;
  onCancel: () => void;
  /** Extra options, shown above the buttons. */
  children?: ReactNode;
}

export function ImportFileForm({ what, purpose, hint, importFile, onImported, onCancel, children }: ImportFileFormProps) {
  const [file, setFile] = useState<ChosenFile>();
  const [title, setTitle] = useState('');
  const { busy, error, setError, run } = useIpcAction();
  const ids = { file: useId(), title: useId(), hint: useId() };
  const [partial, setPartial] = useState<{ sessionId: string; lines: string[] } | null>(null);

  async function choose() {
    const chosen = await run(() => chooseFile(purpose));
    if (chosen) setFile(chosen);
  }

  function drop(dropped: File | undefined) {
    const chosen = droppedFile(dropped);
    if (chosen) {
      setFile(chosen);
      setError(undefined);
    } else if (dropped) {
      setError({ code: 'no-file-path', message: `Debrief can't open ${dropped.name} from here: use "Choose file…" instead.` });
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    const imported = await run(() => importFile(file, title.trim() || undefined));
    if (!imported) return;
    const lines = [...(imported.summary?.includes('skipped') ? [`${imported.summary}.`] : []), ...(imported.notes ?? [])];
    if (lines.length > 0) setPartial({ sessionId: imported.sessionId, lines });
    else onImported(imported.sessionId);
  }

  if (partial) {
    return (
      <div className="panel import-form" role="status">
        {partial.lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
        <div className="form-actions">
          <button type="button" className="button button--primary" onClick={() => onImported(partial.sessionId)}>
            Open the session
          </button>
        </div>
      </div>
    );
  }

  return (
    <form
      className="panel import-form"
      aria-label={`Import ${what}`}
      onSubmit={submit}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        drop(e.dataTransfer.files[0]);
      }}
    >
      <div className="field">
        <span id={ids.file}>{what[0]!.toUpperCase() + what.slice(1)} file</span>
        <div className="field__row">
          <output aria-labelledby={ids.file} data-testid="chosen-file">
            {file?.name ?? 'None chosen'}
          </output>
          <button type="button" className="button" disabled={busy} onClick={() => void choose()}>
            Choose file…
          </button>
        </div>
        <p id={ids.hint} className="field__hint">
          {hint} You can also drop the file here.
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.title}>Title (optional)</label>
        <input id={ids.title} name="title" type="text" placeholder="Defaults to the file name" value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      {children}
      {error && <ErrorMessage title={`Could not import the ${what}.`} error={error} />}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy || !file}>
          {busy ? 'Importing…' : 'Import'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
