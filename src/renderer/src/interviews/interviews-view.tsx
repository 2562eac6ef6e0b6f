import { useState } from 'react';
import { navigate } from '../app-shell/route.js';
import { ImportTranscriptForm } from '../sessions/import-transcript-form.js';
import { SessionList } from '../sessions/session-list.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc } from '../ui/use-ipc.js';

export function InterviewsView() {
  const [sessions, reload] = useIpc(() => window.debrief.sessionsList(), 'sessions');
  const [importing, setImporting] = useState(false);

  return (
    <section className="view" aria-labelledby="interviews-title">
      <header className="view__header">
        <div>
          <h1 id="interviews-title">Interviews</h1>
          <p className="view__lede">Recorded and imported conversations, newest first.</p>
        </div>
        <button type="button" className="button button--primary" aria-expanded={importing} onClick={() => setImporting((v) => !v)}>
          Import transcript…
        </button>
      </header>

      {importing && (
        <ImportTranscriptForm
          onCancel={() => setImporting(false)}
          onImported={(sessionId) => {
            setImporting(false);
            reload();
            navigate({ view: 'session', sessionId });
          }}
        />
      )}

      {sessions.state === 'loading' && <p className="muted">Loading…</p>}
      {sessions.state === 'error' && <ErrorMessage title="Could not load the interviews." error={sessions.error} />}
      {sessions.state === 'ok' && <SessionList sessions={sessions.value} />}
    </section>
  );
}
