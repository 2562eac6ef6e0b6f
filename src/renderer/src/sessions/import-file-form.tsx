import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { IpcResult } from '../../../shared/ipc/contract.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpcAction } from '../ui/use-ipc.js';

/**
 * A sandboxed page can't read a chosen file's path from <input type=file>; Electron's
 * preload can (pathForFile). So: pick or drop a file to fill the path, or type it.
 */
export interface ImportFileFormProps {
  /** What is imported, for labels: "transcript", "recording". */
  what: string;
  accept: string;
  placeholder: string;
  hint: string;
  /** `summary`, when the import left something out, is shown before moving on. */
  importFile: (path: string, title: string | undefined) => Promise<IpcResult<{ sessionId: string; summary?: string }>>;
  onImported: (sessionId: string) => void;
  onCancel: () => void;
  /** Extra options, shown above the buttons. */
  children?: ReactNode;
}

export function ImportFileForm({ what, accept, placeholder, hint, importFile, onImported, onCancel, children }: ImportFileFormProps) {
  const [path, setPath] = useState('');
  const [title, setTitle] = useState('');
  const { busy, error, setError, run } = useIpcAction();
  const ids = { path: useId(), title: useId(), hint: useId() };
  const fileInput = useRef<HTMLInputElement>(null);
  const [partial, setPartial] = useState<{ sessionId: string; summary: string } | null>(null);

  function takePickedFile(file: File | undefined) {
    if (!file) return;
    const picked = window.debrief.pathForFile(file);
    if (picked) {
      setPath(picked);
      setError(undefined);
    } else {
      setError({ code: 'no-file-path', message: `Debrief can't see where ${file.name} is on disk here: type its full path instead.` });
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const imported = await run(() => importFile(path, title.trim() || undefined));
    if (!imported) return;
    if (imported.summary?.includes('skipped')) setPartial({ sessionId: imported.sessionId, summary: imported.summary });
    else onImported(imported.sessionId);
  }

  if (partial) {
    return (
      <div className="panel import-form" role="status">
        <p>{partial.summary}.</p>
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
        takePickedFile(e.dataTransfer.files[0]);
      }}
    >
      <div className="field">
        <label htmlFor={ids.path}>{what[0]!.toUpperCase() + what.slice(1)} file path</label>
        <div className="field__row">
          <input
            id={ids.path}
            name="path"
            type="text"
            required
            spellCheck={false}
            placeholder={placeholder}
            aria-describedby={ids.hint}
            value={path}
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="button" className="button" onClick={() => fileInput.current?.click()}>
            Choose file…
          </button>
          <input
            ref={fileInput}
            hidden
            tabIndex={-1}
            type="file"
            accept={accept}
            onChange={(e) => takePickedFile(e.target.files?.[0])}
          />
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
        <button type="submit" className="button button--primary" disabled={busy || path.trim() === ''}>
          {busy ? 'Importing…' : 'Import'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
