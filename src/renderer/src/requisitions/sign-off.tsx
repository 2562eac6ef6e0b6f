import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../ui/error-message.js';
import { serves, signer } from '../ui/transport.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';
import type { RubricVersionView } from './editable-rubric.js';

/**
 * The hiring manager's sign-off: it freezes the version, so interviews are scored against exactly
 * this text. Not offered while edits are unsaved or the rubric is empty.
 */
export function SignOffForm({
  version,
  defaultName,
  blockedBy,
  gaps,
  onSigned,
}: {
  version: RubricVersionView;
  defaultName: string;
  blockedBy: string | null;
  /** What is still missing (signOffGaps), shown before signing. */
  gaps: readonly string[];
  onSigned: (signed: RubricVersionView) => void;
}) {
  // Signed in to the team server (the web view), or a laptop joined to one: the sign-off is made as
  // that identity, which the server checks, not a typed name.
  const [sync] = useIpc(() => (serves('sync:status') ? window.debrief.syncStatus() : Promise.resolve({ ok: true, value: null } as const)), 'sign-off-sync');
  const joinedAs = sync.state === 'ok' && sync.value?.mode === 'server' ? sync.value.signedInAs : null;
  const as = signer() ?? joinedAs;
  const [name, setName] = useState(defaultName);
  const { busy, error, run } = useIpcAction();
  const nameId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const signed = await run(() => window.debrief.rubricsSignOff({ versionId: version.id, by: as ?? name }));
    if (signed) onSigned(signed);
  }

  return (
    <form className="panel sign-off-form" aria-label="Hiring manager sign-off" onSubmit={submit}>
      <h2>Hiring manager sign-off</h2>
      <p className="muted">Signing off freezes version {version.version}: interviews are scored against it, and later edits become a new version.</p>
      {as ? (
        <p data-testid="signing-as">
          Signing off as {as}, {joinedAs === as ? "this laptop's identity on the team server" : 'the person signed in to the team server'}.
        </p>
      ) : (
        <div className="field">
          <label htmlFor={nameId}>Signed off by</label>
          <input id={nameId} type="text" value={name} maxLength={200} placeholder="Hiring manager's name" onChange={(e) => setName(e.target.value)} />
        </div>
      )}
      {gaps.length > 0 && (
        <div className="sign-off-form__gaps">
          <p>Before you sign, still missing:</p>
          <ul aria-label="Still missing before sign-off">
            {gaps.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        </div>
      )}
      {blockedBy && <p className="field__hint">{blockedBy}</p>}
      {error && <ErrorMessage title="Could not sign off." error={error} />}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy || blockedBy !== null || name.trim() === ''}>
          Sign off version {version.version}
        </button>
      </div>
    </form>
  );
}
