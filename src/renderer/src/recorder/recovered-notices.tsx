import { useState } from 'react';
import './recorder.css';
import { hrefFor } from '../app-shell/route.js';
import { useIpc } from '../ui/use-ipc.js';

/** After a crash: which recordings were recovered at this launch, each linking to its session. */
export function RecoveredNotices() {
  const [notices] = useIpc(() => window.debrief.captureRecoveredNotices(), 'recovered');
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || notices.state !== 'ok' || notices.value.length === 0) return null;
  return (
    <div className="recovered-notices" role="status" data-testid="recovered-notices">
      <strong>Recovered after an unexpected shutdown</strong>
      <ul>
        {notices.value.map((n) => (
          <li key={n.sessionId}>
            {n.message}{' '}
            <a href={hrefFor({ view: 'session', sessionId: n.sessionId })}>Open the session</a>
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </div>
  );
}
