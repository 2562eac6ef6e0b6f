import { useId } from 'react';
import type { IpcError } from '../../../shared/ipc/contract.js';
import './sessions.css';
import { hrefFor } from '../app-shell/route.js';
import type { InterviewCounts, InterviewFilter, InterviewPageRow } from '../interviews/use-interview-pages.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatDate } from '../ui/format.js';
import { TranscribeRowButton } from './transcribe-row-button.js';

type Status = InterviewPageRow['status'];

const STATUS_LABEL: Record<Status, string> = {
  recording: 'Recording',
  recovered: 'Recovered',
  failed: 'Failed',
  transcribing: 'Transcribing',
  'no-transcript': 'No transcript',
  ready: 'Ready to review',
  reviewed: 'Reviewed',
};

/** The Interviews list: who, for which requisition and stage, by whom, when, where it stands, against which rubric. */
export function SessionList({
  rows,
  counts,
  filter,
  onFilter,
  more,
  onChanged,
}: {
  rows: InterviewPageRow[];
  counts: InterviewCounts;
  filter: InterviewFilter;
  onFilter: (filter: InterviewFilter) => void;
  /** Present while the store holds rows past these. */
  more?: { busy: boolean; error?: IpcError; show: () => void };
  onChanged?: () => void;
}) {
  const ids = { requisition: useId(), status: useId() };
  const filtered = filter.requisitionId !== undefined || filter.status !== undefined;
  if (rows.length === 0 && !filtered) {
    return (
      <div className="empty-state">
        <p>No interviews yet.</p>
        <p className="muted">Record one, or import a recording or a meeting transcript (.vtt, .srt or .json).</p>
      </div>
    );
  }
  return (
    <>
      <div className="session-filters">
        <label htmlFor={ids.requisition}>Requisition</label>
        <select id={ids.requisition} value={filter.requisitionId ?? ''} onChange={(e) => onFilter({ ...filter, requisitionId: e.target.value || undefined })}>
          <option value="">All</option>
          {counts.requisitions.map((r) => (
            <option key={r.id} value={r.id}>
              {`${r.title} (${r.count})`}
            </option>
          ))}
        </select>
        <label htmlFor={ids.status}>Status</label>
        <select id={ids.status} value={filter.status ?? ''} onChange={(e) => onFilter({ ...filter, status: (e.target.value || undefined) as Status | undefined })}>
          <option value="">{`All (${counts.total})`}</option>
          {Object.entries(STATUS_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {`${label} (${counts.statuses[value as Status]})`}
            </option>
          ))}
        </select>
        <span className="muted" data-testid="session-list-shown">
          {`Showing ${rows.length} of ${filter.status === undefined ? counts.total : counts.statuses[filter.status]}`}
        </span>
      </div>
      {rows.length === 0 && <p className="muted">No interviews match these filters.</p>}
      <table className="session-table" data-testid="session-list">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Candidate</th>
            <th scope="col">Requisition</th>
            <th scope="col">Stage</th>
            <th scope="col">Interviewer(s)</th>
            <th scope="col">Date</th>
            <th scope="col">Status</th>
            <th scope="col">Rubric</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-status={row.status}>
              <th scope="row">
                <a href={hrefFor({ view: 'session', sessionId: row.id })}>{row.title}</a>
                {row.kind === 'intake' && <span className="badge badge--intake"> Intake</span>}
              </th>
              <td>{row.candidate?.name ?? <span className="muted">—</span>}</td>
              <td>{row.requisition?.title ?? <span className="muted">—</span>}</td>
              <td>{row.stage ?? <span className="muted">—</span>}</td>
              <td>{row.interviewer ?? (row.speakers.join(', ') || <span className="muted">—</span>)}</td>
              <td>{formatDate(row.date)}</td>
              <td>
                {STATUS_LABEL[row.status]}
                {/* Only sessions with audio can be transcribed; an imported transcript has none. */}
                {row.status === 'no-transcript' && row.hasAudio && (
                  <>
                    {' '}
                    <TranscribeRowButton sessionId={row.id} onDone={() => onChanged?.()} />
                  </>
                )}
              </td>
              <td>{row.rubric ? `v${row.rubric.version}${row.rubric.signed ? ' · signed' : ' · draft'}` : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more && (
        <p className="session-list__more">
          <button type="button" className="button" disabled={more.busy} onClick={more.show}>
            {more.busy ? 'Loading…' : 'Show more'}
          </button>
        </p>
      )}
      {more?.error && <ErrorMessage title="Could not load more interviews." error={more.error} />}
    </>
  );
}
