import { useState } from 'react';
import { hrefFor, navigate } from '../app-shell/route.js';
import { ImportRecordingForm } from '../recorder/import-recording-form.js';
import { ImportTranscriptForm } from '../sessions/import-transcript-form.js';
import { SessionList } from '../sessions/session-list.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc } from '../ui/use-ipc.js';

export function InterviewsView() {
  const [sessions, reloadSessions] = useIpc(() => window.debrief.sessionsList(), 'sessions');
  const [rows, reloadRows] = useIpc(() => window.debrief.interviewsList(), 'interviews');
  const reload = () => {
    reloadSessions();
    reloadRows();
  };
  const [importing, setImporting] = useState(false);
  const [importingAudio, setImportingAudio] = useState(false);

  return (
    <section className="view" aria-labelledby="interviews-title">
      <header className="view__header">
        <div>
          <h1 id="interviews-title">Interviews</h1>
          <p className="view__lede">Recorded and imported conversations, newest first.</p>
        </div>
        <span className="view__actions">
          <a className="button button--primary" href={hrefFor({ view: 'record' })}>
            New recording
          </a>
          <button type="button" className="button" aria-expanded={importingAudio} onClick={() => setImportingAudio((v) => !v)}>
            Import recording…
          </button>
          <button type="button" className="button" aria-expanded={importing} onClick={() => setImporting((v) => !v)}>
            Import transcript…
          </button>
        </span>
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

      {importingAudio && (
        <ImportRecordingForm
          onCancel={() => setImportingAudio(false)}
          onImported={(sessionId) => {
            setImportingAudio(false);
            reload();
            navigate({ view: 'session', sessionId });
          }}
        />
      )}

      {(rows.state === 'loading' || sessions.state === 'loading') && <p className="muted">Loading…</p>}
      {rows.state === 'error' && <ErrorMessage title="Could not load the interviews." error={rows.error} />}
      {rows.state === 'ok' && sessions.state === 'ok' && <SessionList rows={rows.value} sessions={sessions.value} onChanged={reload} />}
    </section>
  );
}
