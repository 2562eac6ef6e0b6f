import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { IpcError } from '../../../shared/ipc/contract.js';
import type { StoreStatus } from '../../../shared/ipc/store-channels.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';

/**
 * Shows the app once the store is open. Where the data key is wrapped with a passphrase (no OS key
 * store, or one that refused) it asks for it first; a wrong one is said so, and nothing changes.
 */
export function StoreLock({ children }: { children: ReactNode }) {
  const [status, reload] = useIpc(() => window.debrief.storeStatus(), 'store-status');
  if (status.state === 'loading') return <p className="view">Opening your data…</p>;
  if (status.state === 'error') return <LockScreen title="Debrief could not open your data" error={status.error} />;
  if (status.value.state === 'open') return <>{children}</>;
  return <UnlockForm status={status.value} onUnlocked={reload} />;
}

function LockScreen({ title, error, children }: { title: string; error?: IpcError; children?: ReactNode }) {
  const id = useId();
  return (
    <main className="app-main" id="main-content">
      <section className="panel" aria-labelledby={id}>
        <h1 id={id}>{title}</h1>
        {error && <ErrorMessage error={error} />}
        {children}
      </section>
    </main>
  );
}

function UnlockForm({ status, onUnlocked }: { status: Extract<StoreStatus, { state: 'locked' }>; onUnlocked(): void }) {
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const unlock = useIpcAction();
  const choosing = status.mode === 'choose';

  if (status.mode === 'refused') return <LockScreen title="Debrief cannot unlock your data" error={{ code: 'key-store-refused', message: status.message }} />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMismatch(choosing && passphrase !== repeat);
    if (choosing && passphrase !== repeat) return;
    const done = await unlock.run(() => window.debrief.storeUnlock({ passphrase }));
    if (done === null) {
      onUnlocked();
      return;
    }
    // Wrong: clear it and let the user type again straight away.
    setPassphrase('');
    setRepeat('');
    input.current?.focus();
  }

  return (
    <LockScreen title={choosing ? 'Choose a passphrase for your data' : 'Unlock your data'}>
      <p>{status.message}</p>
      <form onSubmit={(e) => void submit(e)}>
        <label className="field">
          Passphrase
          <input ref={input} type="password" autoFocus autoComplete={choosing ? 'new-password' : 'current-password'} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        </label>
        {choosing && (
          <label className="field">
            Repeat the passphrase
            <input type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
          </label>
        )}
        {mismatch && <ErrorMessage error={{ code: 'passphrase-mismatch', message: 'The two passphrases differ; type the same one twice.' }} />}
        {unlock.error && <ErrorMessage error={unlock.error} title={choosing ? 'The passphrase was not set.' : 'Not unlocked.'} />}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={unlock.busy || passphrase === ''}>
            {choosing ? 'Set passphrase and open' : 'Unlock'}
          </button>
        </div>
      </form>
    </LockScreen>
  );
}
