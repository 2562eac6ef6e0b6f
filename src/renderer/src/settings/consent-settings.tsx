import { useEffect, useId, useState, type FormEvent } from 'react';
import type { IpcError } from '../../../shared/ipc/contract.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc } from '../ui/use-ipc.js';

/** The notice read to everyone before a recording starts; each session stores the text that was acknowledged. */
export function ConsentSettings() {
  const [consent] = useIpc(() => window.debrief.settingsGetConsent(), 'consent');
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<IpcError>();
  const id = useId();
  useEffect(() => {
    if (consent.state === 'ok') setText(consent.value.text);
  }, [consent.state]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const r = await window.debrief.settingsSetConsent({ text });
    if (r.ok) {
      setError(undefined);
      setSaved(true);
    } else setError(r.error);
  }

  return (
    <form className="panel" onSubmit={save} aria-labelledby={id}>
      <h2 id={id}>Recording consent notice</h2>
      {consent.state === 'error' && <ErrorMessage error={consent.error} />}
      <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} maxLength={4000} aria-label="Consent notice text" style={{ width: '100%' }} />
      {error && <ErrorMessage title="Could not save the notice." error={error} />}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={consent.state !== 'ok'}>
          Save notice
        </button>
        {saved && <span role="status">Saved.</span>}
      </div>
    </form>
  );
}
