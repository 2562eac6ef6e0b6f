import { useEffect, useId, useState, type FormEvent } from 'react';
import type { OutputOf } from '../../../shared/ipc/contract.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';

type LlmView = OutputOf<'settings:getLlm'>;

const KEY_STORAGE: Record<NonNullable<LlmView>['apiKeyStorage'], string> = {
  none: '',
  encrypted: ' (API key stored, encrypted by the system key store)',
  plain: ' (API key stored unencrypted: this system offers no key store)',
  unreadable: ' (the stored API key was encrypted on another computer or account: enter it again)',
};

/**
 * The optional language model that improves rubric drafts: any OpenAI-compatible endpoint the
 * user names (Ollama, llama.cpp, or a cloud key). Nothing is sent anywhere until one is set here.
 */
export function LlmSettings() {
  const [stored] = useIpc(() => window.debrief.settingsGetLlm(), 'llm-settings');
  const [view, setView] = useState<LlmView>(null);
  const [baseURL, setBaseURL] = useState('');
  const [model, setModel] = useState('');
  const [timeoutSec, setTimeoutSec] = useState('20');
  const [apiKey, setApiKey] = useState('');
  const { busy, error, run } = useIpcAction();
  const [saved, setSaved] = useState<string>();
  const ids = { title: useId(), url: useId(), model: useId(), key: useId(), timeout: useId(), hint: useId() };

  function show(next: LlmView) {
    setView(next);
    setBaseURL(next?.baseURL ?? '');
    setModel(next?.model ?? '');
    setTimeoutSec(String((next?.timeoutMs ?? 20_000) / 1000));
    setApiKey('');
  }
  useEffect(() => {
    if (stored.state === 'ok') show(stored.value);
  }, [stored.state]);

  async function send(config: Parameters<typeof window.debrief.settingsSetLlm>[0]['config'], message: string) {
    setSaved(undefined);
    const stored = await run(() => window.debrief.settingsSetLlm({ config }));
    if (stored === undefined) return;
    show(stored);
    setSaved(stored?.apiKeyCleared ? `${message} The API key was given for another address, so it was forgotten: enter the key for ${new URL(stored.baseURL).host}.` : message);
  }

  function save(event: FormEvent) {
    event.preventDefault();
    const seconds = Number(timeoutSec);
    void send(
      {
        baseURL,
        model,
        ...(Number.isFinite(seconds) && seconds > 0 ? { timeoutMs: Math.round(seconds * 1000) } : {}),
        // An empty key field keeps the stored key; "Remove key" clears it.
        ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
      },
      'Saved.',
    );
  }

  return (
    <form className="panel llm-settings" aria-labelledby={ids.title} onSubmit={save} style={{ marginTop: 20 }}>
      <h2 id={ids.title}>Language model for rubric drafts (optional)</h2>
      <p id={ids.hint} className="muted" style={{ marginTop: 0 }}>
        Drafting a rubric from an intake call works offline. To have a model improve the draft, name an OpenAI-compatible endpoint:
        a local server such as Ollama (<code>http://127.0.0.1:11434/v1</code>) or llama.cpp, or a cloud provider with an API key. The
        intake transcript is sent there only when you tick “Improve the draft”, an interview's proposed quotes only when you tick
        “Check the proposals”, and nothing goes anywhere else.
      </p>
      {stored.state === 'error' && <ErrorMessage error={stored.error} />}
      {view && (
        <p role="status" data-testid="llm-status">
          {view.local ? 'Using a model on this computer' : `Transcripts you choose to improve are sent to ${new URL(view.baseURL).host}`}: {view.model}
          {KEY_STORAGE[view.apiKeyStorage]}.
        </p>
      )}
      <div className="field">
        <label htmlFor={ids.url}>Base URL</label>
        <input id={ids.url} type="text" spellCheck={false} placeholder="http://127.0.0.1:11434/v1" value={baseURL} onChange={(e) => setBaseURL(e.target.value)} aria-describedby={ids.hint} />
      </div>
      <div className="field">
        <label htmlFor={ids.model}>Model</label>
        <input id={ids.model} type="text" spellCheck={false} placeholder="llama3.1:8b" value={model} onChange={(e) => setModel(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.key}>API key</label>
        <input
          id={ids.key}
          type="password"
          autoComplete="off"
          placeholder={view?.apiKeySet ? 'Stored: leave empty to keep it' : 'Only for cloud endpoints'}
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          style={{ width: '100%' }}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.timeout}>Give up after (seconds)</label>
        <input id={ids.timeout} type="number" min={1} max={600} value={timeoutSec} onChange={(e) => setTimeoutSec(e.target.value)} style={{ width: '8em' }} />
        <p className="field__hint">After this, the offline draft is used.</p>
      </div>
      {error && <ErrorMessage title="Could not save the language model settings." error={error} />}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy || baseURL.trim() === '' || model.trim() === ''}>
          Save model
        </button>
        {view?.apiKeySet && (
          <button type="button" className="button" disabled={busy} onClick={() => void send({ baseURL: view.baseURL, model: view.model, timeoutMs: view.timeoutMs, apiKey: null }, 'API key removed.')}>
            Remove key
          </button>
        )}
        {view && (
          <button type="button" className="button" disabled={busy} onClick={() => void send(null, 'Removed: nothing will be sent to a language model.')}>
            Stop using a model
          </button>
        )}
        {saved && <span role="status">{saved}</span>}
      </div>
    </form>
  );
}
