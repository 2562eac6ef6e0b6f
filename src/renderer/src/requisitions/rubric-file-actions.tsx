import { useId, useRef, useState } from 'react';
import type { IpcError } from '../../../shared/ipc/contract.js';
import { ErrorMessage } from '../ui/error-message.js';
import { unexpectedError } from '../ui/use-ipc.js';
import type { RubricVersionView } from './editable-rubric.js';

type Format = 'json' | 'yaml';

function formatOf(fileName: string): Format | undefined {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.ya?ml$/i.test(fileName)) return 'yaml';
  return undefined;
}

/**
 * Rubrics as files: download a version as JSON or YAML, or bring one in (a file or pasted text)
 * as the requisition's next version. A malformed file is refused with its line and field.
 */
export function RubricFileActions({ requisitionId, version, blockedBy, onImported }: { requisitionId: string; version: RubricVersionView | null; blockedBy: string | null; onImported: (imported: RubricVersionView) => void }) {
  const [exportFormat, setExportFormat] = useState<Format>('yaml');
  const [pasteFormat, setPasteFormat] = useState<Format>('yaml');
  const [pasted, setPasted] = useState('');
  const [pasting, setPasting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; error: IpcError }>();
  const [notice, setNotice] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = { exportFormat: useId(), paste: useId(), pasteFormat: useId() };

  async function run(title: string, work: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      await work();
    } catch (err) {
      setError({ title, error: unexpectedError(err) });
    } finally {
      setBusy(false);
    }
  }

  const download = () =>
    run('Could not export the rubric.', async () => {
      if (!version) return;
      const r = await window.debrief.rubricsExport({ versionId: version.id, format: exportFormat });
      if (!r.ok) return setError({ title: 'Could not export the rubric.', error: r.error });
      const url = URL.createObjectURL(new Blob([r.value.text], { type: exportFormat === 'json' ? 'application/json' : 'application/yaml' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = r.value.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setNotice(`Saved as ${r.value.fileName}.`);
    });

  const importText = (text: string, format: Format, fileName?: string) =>
    run('Could not import the rubric.', async () => {
      const r = await window.debrief.rubricsImport({ requisitionId, format, text, ...(fileName ? { fileName } : {}) });
      if (!r.ok) return setError({ title: 'Could not import the rubric.', error: r.error });
      setPasted('');
      setPasting(false);
      setNotice(`Imported as version ${r.value.version}.`);
      onImported(r.value);
    });

  async function importFile(file: File | undefined) {
    if (!file) return;
    const format = formatOf(file.name);
    if (!format) {
      setError({ title: 'Could not import the rubric.', error: { code: 'rubric-format-unknown', message: `${file.name}: a rubric file must end in .json, .yaml or .yml.` } });
      return;
    }
    await importText(await file.text(), format, file.name);
  }

  return (
    <section className="panel file-actions" aria-labelledby="file-actions-title">
      <h2 id="file-actions-title">Rubric file</h2>
      <div className="file-actions__row">
        <label htmlFor={ids.exportFormat}>Format</label>
        <select id={ids.exportFormat} value={exportFormat} onChange={(e) => setExportFormat(e.target.value as Format)}>
          <option value="yaml">YAML</option>
          <option value="json">JSON</option>
        </select>
        <button type="button" className="button" disabled={busy || !version} onClick={download}>
          {version ? `Export version ${version.version}` : 'Export'}
        </button>
        <span className="file-actions__gap" />
        <button type="button" className="button" disabled={busy || blockedBy !== null} onClick={() => fileInput.current?.click()}>
          Import file…
        </button>
        <input ref={fileInput} hidden tabIndex={-1} type="file" accept=".json,.yaml,.yml" aria-label="Rubric file to import" onChange={(e) => {
          void importFile(e.target.files?.[0]);
          e.target.value = '';
        }} />
        <button type="button" className="button" aria-expanded={pasting} disabled={blockedBy !== null} onClick={() => setPasting((v) => !v)}>
          Paste…
        </button>
      </div>
      {blockedBy && <p className="field__hint">{blockedBy}</p>}
      {pasting && (
        <div className="file-actions__paste">
          <div className="field">
            <label htmlFor={ids.paste}>Rubric text</label>
            <textarea id={ids.paste} rows={8} spellCheck={false} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          </div>
          <div className="form-actions">
            <label htmlFor={ids.pasteFormat} className="visually-hidden">
              Pasted format
            </label>
            <select id={ids.pasteFormat} value={pasteFormat} onChange={(e) => setPasteFormat(e.target.value as Format)}>
              <option value="yaml">YAML</option>
              <option value="json">JSON</option>
            </select>
            <button type="button" className="button button--primary" disabled={busy || pasted.trim() === ''} onClick={() => importText(pasted, pasteFormat)}>
              Import as a new version
            </button>
          </div>
        </div>
      )}
      {error && <ErrorMessage title={error.title} error={error.error} />}
      {notice && (
        <p role="status" className="muted">
          {notice}
        </p>
      )}
      <p className="field__hint">An imported rubric becomes the next version, unsigned: sign-off is never taken from a file.</p>
    </section>
  );
}
