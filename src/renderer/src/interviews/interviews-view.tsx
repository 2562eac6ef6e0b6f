import { useState } from 'react';
import { hrefFor, navigate } from '../app-shell/route.js';
import { ImportRecordingForm } from '../recorder/import-recording-form.js';
import { ImportTranscriptForm } from '../sessions/import-transcript-form.js';
import { SessionList } from '../sessions/session-list.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useInterviewPages, type InterviewFilter } from './use-interview-pages.js';

export function InterviewsView() {
  // Filtered and paged by the store: at 10,000 interviews the page loads 100 and counts the rest.
  const [filter, setFilter] = useState<InterviewFilter>({});
  const { listing, more, showMore, reload } = useInterviewPages(filter);
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

      {listing.state === 'loading' && <p className="muted">Loading…</p>}
      {listing.state === 'error' && <ErrorMessage title="Could not load the interviews." error={listing.error} />}
      {listing.state === 'ok' && (
        <SessionList
          rows={listing.value.rows}
          counts={listing.value.counts}
          filter={filter}
          onFilter={setFilter}
          more={listing.value.next ? { ...more, show: () => void showMore() } : undefined}
          onChanged={reload}
        />
      )}
    </section>
  );
}
