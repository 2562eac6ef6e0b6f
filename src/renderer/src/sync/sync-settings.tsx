import { useEffect, useId, useState, type FormEvent } from 'react';
import type { OutputOf } from '../../../shared/ipc/contract.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';
import { SyncConflicts } from './sync-conflicts.js';

type Status = OutputOf<'sync:status'>;

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

/** Settings → Team sync: where to sync (off, a shared folder, a team server), how it went, and conflicts to settle. */
export function SyncSettings() {
  const [loaded] = useIpc(() => window.debrief.syncStatus(), 'sync-status');
  const [status, setStatus] = useState<Status>();
  const [mode, setMode] = useState<'off' | 'folder' | 'server'>('off');
  const [folder, setFolder] = useState('');
  const [origin, setOrigin] = useState('');
  const [invite, setInvite] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [conflictsKey, setConflictsKey] = useState(0);
  const action = useIpcAction();
  const id = useId();

  useEffect(() => {
    if (loaded.state !== 'ok') return;
    setStatus(loaded.value);
    setMode(loaded.value.mode);
    if (loaded.value.mode === 'folder') setFolder(loaded.value.target ?? '');
    if (loaded.value.mode === 'server') setOrigin(loaded.value.target ?? '');
  }, [loaded.state]);

  async function apply(call: () => ReturnType<typeof window.debrief.syncStatus>) {
    const next = await action.run(call);
    if (next) {
      setStatus(next);
      setConflictsKey((k) => k + 1);
    }
  }

  function save(event: FormEvent) {
    event.preventDefault();
    if (mode === 'off') void apply(() => window.debrief.syncTurnOff());
    else if (mode === 'folder') void apply(() => window.debrief.syncUseFolder({ folder }));
    else void apply(() => window.debrief.syncJoinServer({ origin, invite, deviceName }));
  }

  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Team sync</h2>
      <p className="muted">Only structure leaves this laptop: requisitions, rubrics and sign-offs, candidates, submitted scorecards with the quotes you attached, and decisions. Never audio or transcripts.</p>
      {loaded.state === 'error' && <ErrorMessage error={loaded.error} />}
      {status && (
        <dl className="facts" data-testid="sync-status">
          <dt>Syncing with</dt>
          <dd data-testid="sync-target">{status.mode === 'off' ? 'Nobody (sync is off)' : status.mode === 'folder' ? `Shared folder ${status.target ?? ''}` : `Team server ${status.target ?? ''} as ${status.signedInAs ?? ''}`}</dd>
          <dt>Last synced</dt>
          <dd data-testid="sync-last">{when(status.lastSyncedAt)}</dd>
          <dt>Changes waiting</dt>
          <dd data-testid="sync-waiting">{status.waiting}</dd>
          {status.refused.count > 0 && (
            <>
              <dt>Not accepted</dt>
              <dd data-testid="sync-refused">
                {status.refused.count} change(s) were refused and stay only on this laptop. Latest: {status.refused.latest}
              </dd>
            </>
          )}
          {status.error && (
            <>
              <dt>Last attempt</dt>
              <dd role="alert" data-testid="sync-error">
                {status.error}
              </dd>
            </>
          )}
        </dl>
      )}
      {status?.accessNote && (
        <p className="muted" data-testid="sync-access-note">
          {status.accessNote}
        </p>
      )}
      <form onSubmit={save}>
        <fieldset>
          <legend>Sync through</legend>
          {(['off', 'folder', 'server'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="sync-mode" value={m} checked={mode === m} onChange={() => setMode(m)} /> {m === 'off' ? 'Off' : m === 'folder' ? 'A shared folder (no server)' : 'A team server'}
            </label>
          ))}
        </fieldset>
        {mode === 'folder' && (
          <label>
            Shared folder <input value={folder} onChange={(e) => setFolder(e.target.value)} aria-label="Shared folder path" placeholder="/Volumes/Hiring/debrief" />
          </label>
        )}
        {mode === 'server' && (
          <>
            <label>
              Server address <input value={origin} onChange={(e) => setOrigin(e.target.value)} aria-label="Team server address" placeholder="https://debrief.example.com" />
            </label>
            <label>
              Invite <input value={invite} onChange={(e) => setInvite(e.target.value)} aria-label="Invite" />
            </label>
            <label>
              This laptop’s name <input value={deviceName} onChange={(e) => setDeviceName(e.target.value)} aria-label="Laptop name" />
            </label>
          </>
        )}
        {action.error && <ErrorMessage title="Could not change team sync." error={action.error} />}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={action.busy}>
            Save sync settings
          </button>
          <button type="button" className="button" disabled={action.busy || status?.mode === 'off'} onClick={() => void apply(() => window.debrief.syncNow())}>
            Sync now
          </button>
        </div>
      </form>
      <SyncConflicts key={conflictsKey} onResolved={setStatus} />
    </section>
  );
}
