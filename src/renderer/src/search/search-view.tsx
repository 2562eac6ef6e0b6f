import { useEffect, useId, useState, type FormEvent } from 'react';
import './search.css';
import type { IpcResult, SearchHit } from '../../../shared/ipc/contract.js';
import { hrefFor, navigate } from '../app-shell/route.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatTimestamp } from '../ui/format.js';
import { useIpc, type Loadable } from '../ui/use-ipc.js';

const noQuery: Promise<IpcResult<SearchHit[]>> = Promise.resolve({ ok: true, value: [] });

/** The query lives in the URL (`#/search?q=…`), so going back to results keeps them. */
export function SearchView({ query }: { query: string }) {
  const [draft, setDraft] = useState(query);
  const inputId = useId();
  useEffect(() => setDraft(query), [query]);
  const [hits] = useIpc(() => (query.trim() ? window.debrief.searchQuery({ query }) : noQuery), query);

  function submit(event: FormEvent) {
    event.preventDefault();
    navigate({ view: 'search', query: draft });
  }

  return (
    <section className="view" aria-labelledby="search-title">
      <header className="view__header view__header--stacked">
        <h1 id="search-title">Search</h1>
        <p className="view__lede">
          Every transcript, word for word. Use quotes for a phrase, <code>-word</code> to leave a word out, <code>OR</code> for
          either, <code>word*</code> for a prefix.
        </p>
      </header>
      <form className="search-form" role="search" onSubmit={submit}>
        <label htmlFor={inputId} className="visually-hidden">
          Search transcripts
        </label>
        <input
          id={inputId}
          type="search"
          name="q"
          autoFocus
          placeholder='e.g. "system design" OR kubernetes'
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="button button--primary">
          Search
        </button>
      </form>
      {query.trim() !== '' && <SearchResults hits={hits} />}
    </section>
  );
}

function SearchResults({ hits }: { hits: Loadable<SearchHit[]> }) {
  if (hits.state === 'loading') return <p className="muted">Searching…</p>;
  if (hits.state === 'error') return <ErrorMessage error={hits.error} />;
  if (hits.value.length === 0) return <p className="empty-state">Nothing found. Try fewer or shorter words, or a prefix like <code>hir*</code>.</p>;
  return (
    <>
      <p className="muted" role="status">
        {hits.value.length === 1 ? '1 match' : `${hits.value.length} matches`}
      </p>
      <ol className="search-results" data-testid="search-results">
        {hits.value.map((hit) => (
          <li key={hit.segmentId}>
            <a className="search-hit" href={hrefFor({ view: 'session', sessionId: hit.sessionId, segmentId: hit.segmentId })}>
              <span className="search-hit__title">{hit.sessionTitle}</span>
              <span className="search-hit__meta">
                <span className="search-hit__speaker">{hit.speaker ?? 'Unknown speaker'}</span>
                <span aria-hidden="true"> · </span>
                <span className="search-hit__time">{formatTimestamp(hit.start)}</span>
              </span>
              <span className="search-hit__snippet">
                {hit.snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
              </span>
            </a>
          </li>
        ))}
      </ol>
    </>
  );
}
