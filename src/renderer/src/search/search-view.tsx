import { useEffect, useId, useState, type FormEvent } from 'react';
import './search.css';
import type { InputOf, IpcResult, OutputOf } from '../../../shared/ipc/contract.js';
import type { CorpusGroup, CorpusHit, SearchFacets } from '../../../shared/ipc/search-channels.js';
import { hrefFor, navigate, searchFilterKeys, type Route, type SearchFilterParams } from '../app-shell/route.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatDate, formatTimestamp } from '../ui/format.js';
import { useIpc, type Loadable } from '../ui/use-ipc.js';

type CorpusResult = OutputOf<'search:corpus'>;
const noQuery: Promise<IpcResult<CorpusResult>> = Promise.resolve({ ok: true, value: { groups: [], hitCount: 0, truncated: false, notice: null } });

const hitLabels: Record<CorpusHit['kind'], string> = {
  transcript: 'Transcript',
  'session-title': 'Title',
  'candidate-name': 'Candidate',
  moment: 'Evidence',
  'scorecard-note': 'Scorecard note',
};

/** The query and filters live in the URL (`#/search?q=…&stage=…`), so going back to results keeps them. */
export function SearchView({ query, filters = {} }: { query: string; filters?: SearchFilterParams }) {
  const [draft, setDraft] = useState(query);
  const [draftFilters, setDraftFilters] = useState<SearchFilterParams>(filters);
  const inputId = useId();
  const filterKey = JSON.stringify(filters);
  useEffect(() => setDraft(query), [query]);
  // The key stands for the object, which is new on every render.
  useEffect(() => setDraftFilters(filters), [filterKey]);
  const [facets] = useIpc(() => window.debrief.searchFacets(), 'facets');
  const [result] = useIpc(
    () => (query.trim() ? window.debrief.searchCorpus({ query, filters: filters as InputOf<'search:corpus'>['filters'] }) : noQuery),
    `${query}\n${filterKey}`,
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    navigate({ view: 'search', query: draft, filters: draftFilters });
  }
  const set = (key: (typeof searchFilterKeys)[number]) => (value: string) => setDraftFilters((f) => ({ ...f, [key]: value || undefined }));
  const anyFilter = searchFilterKeys.some((k) => draftFilters[k]);

  return (
    <section className="view" aria-labelledby="search-title">
      <header className="view__header view__header--stacked">
        <h1 id="search-title">Search</h1>
        <p className="view__lede">
          Every transcript, title, candidate, piece of evidence and scorecard note, newest first. Use quotes for a phrase,{' '}
          <code>-word</code> to leave a word out, <code>OR</code> for either, <code>word*</code> for a prefix.
        </p>
      </header>
      <form className="search-form" role="search" onSubmit={submit}>
        <div className="search-form__row">
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
        </div>
        <fieldset className="search-filters">
          <legend className="visually-hidden">Filters</legend>
          {facets.state === 'ok' && <FacetFilters facets={facets.value} value={draftFilters} set={set} />}
          <Select label="Kind" value={draftFilters.kind} onChange={set('kind')} options={[['interview', 'Interviews'], ['intake', 'Intake calls']]} />
          <Select label="Speaker" value={draftFilters.speaker} onChange={set('speaker')} options={[['interviewer', 'Interviewer'], ['candidate', 'Candidate']]} />
          <label className="search-filter">
            From
            <input type="date" value={draftFilters.from ?? ''} onChange={(e) => set('from')(e.target.value)} />
          </label>
          <label className="search-filter">
            To
            <input type="date" value={draftFilters.to ?? ''} onChange={(e) => set('to')(e.target.value)} />
          </label>
          {anyFilter && (
            <button type="button" className="button button--quiet" onClick={() => setDraftFilters({})}>
              Clear filters
            </button>
          )}
        </fieldset>
      </form>
      {query.trim() === '' && anyFilter && <p className="empty-state">Type a word to look for: the filters narrow a search, they are not one by themselves.</p>}
      {query.trim() !== '' && <SearchResults result={result} />}
    </section>
  );
}

function FacetFilters({ facets, value, set }: { facets: SearchFacets; value: SearchFilterParams; set: (key: (typeof searchFilterKeys)[number]) => (v: string) => void }) {
  // Candidates of the chosen requisition only, so the two lists can't contradict each other.
  const candidates = facets.candidates.filter((c) => !value.requisitionId || c.requisitionId === value.requisitionId || c.id === value.candidateId);
  return (
    <>
      <Select label="Requisition" value={value.requisitionId} onChange={set('requisitionId')} options={facets.requisitions.map((r) => [r.id, r.title])} />
      <Select label="Candidate" value={value.candidateId} onChange={set('candidateId')} options={candidates.map((c) => [c.id, c.name])} />
      <Select label="Stage" value={value.stage} onChange={set('stage')} options={facets.stages.map((s) => [s, s])} />
      <Select label="Criterion" value={value.criterion} onChange={set('criterion')} options={facets.criteria.map((c) => [c, c])} />
    </>
  );
}

function Select({ label, value, onChange, options }: { label: string; value: string | undefined; onChange: (value: string) => void; options: [string, string][] }) {
  return (
    <label className="search-filter">
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function SearchResults({ result }: { result: Loadable<CorpusResult> }) {
  if (result.state === 'loading') return <p className="muted">Searching…</p>;
  if (result.state === 'error') return <ErrorMessage error={result.error} />;
  const { groups, hitCount, truncated, notice } = result.value;
  if (hitCount === 0) {
    return (
      <p className="empty-state" role="status">
        {notice ?? (
          <>
            Nothing found. Try fewer or shorter words, or a prefix like <code>hir*</code>.
          </>
        )}
      </p>
    );
  }
  const sessions = groups.length === 1 ? '1 interview' : `${groups.length} interviews`;
  return (
    <>
      <p className="muted" role="status">
        {hitCount === 1 ? '1 match' : `${hitCount} matches`} in {sessions}
        {truncated ? ' (the newest; narrow the search for the rest)' : ''}
      </p>
      <ol className="search-groups" data-testid="search-results">
        {groups.map((group) => (
          <SessionHits key={group.sessionId} group={group} />
        ))}
      </ol>
    </>
  );
}

function SessionHits({ group }: { group: CorpusGroup }) {
  const filed = [group.candidate?.name, group.requisition?.title, group.stage].filter(Boolean).join(' · ');
  return (
    <li className="search-group" data-session-id={group.sessionId}>
      <h2 className="search-group__title">
        <a href={hrefFor({ view: 'session', sessionId: group.sessionId })}>{group.title}</a>
      </h2>
      <p className="search-group__meta">
        {formatDate(group.date)}
        {filed && ` · ${filed}`}
      </p>
      <ol className="search-results">
        {group.hits.map((hit, i) => (
          <li key={`${hit.kind}-${hit.segmentId ?? i}`}>
            <a className="search-hit" href={hrefFor(hitRoute(group.sessionId, hit))}>
              <span className="search-hit__meta">
                <span className="search-hit__kind">{hitLabels[hit.kind]}</span>
                {hit.speaker && (
                  <>
                    <span aria-hidden="true"> · </span>
                    <span className="search-hit__speaker">{hit.speaker}</span>
                  </>
                )}
                {hit.start !== null && (
                  <>
                    <span aria-hidden="true"> · </span>
                    <span className="search-hit__time">{formatTimestamp(hit.start)}</span>
                  </>
                )}
                {hit.spansNext && <span className="search-hit__span"> · runs into the next line</span>}
              </span>
              <span className="search-hit__snippet">
                {hit.snippet.map((part, j) => (part.match ? <mark key={j}>{part.text}</mark> : <span key={j}>{part.text}</span>))}
              </span>
            </a>
          </li>
        ))}
      </ol>
    </li>
  );
}

/** A line opens at that line; evidence and notes with a time open at that moment; the rest open the session. */
function hitRoute(sessionId: string, hit: CorpusHit): Route {
  if (hit.segmentId) return { view: 'session', sessionId, segmentId: hit.segmentId };
  if (hit.start !== null) return { view: 'session', sessionId, at: hit.start };
  return { view: 'session', sessionId };
}
