import { useId, useState } from 'react';
import type { OutputOf, SessionSummary } from '../../../shared/ipc/contract.js';
import './sessions.css';
import { hrefFor } from '../app-shell/route.js';
import { formatDate } from '../ui/format.js';
import { TranscribeRowButton } from './transcribe-row-button.js';

type InterviewRow = OutputOf<'interviews:list'>[number];
type Status = InterviewRow['status'];

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
export function SessionList({ rows, sessions, onChanged }: { rows: InterviewRow[]; sessions: SessionSummary[]; onChanged?: () => void }) {
  const [requisition, setRequisition] = useState('');
  const [status, setStatus] = useState('');
  const ids = { requisition: useId(), status: useId() };
  if (rows.length === 0) {
    return (
      <div className="empty-state">
        <p>No interviews yet.</p>
        <p className="muted">Record one, or import a recording or a meeting transcript (.vtt, .srt or .json).</p>
      </div>
    );
  }
  const speakers = new Map(sessions.map((s) => [s.id, s.speakers]));
  const requisitions = [...new Map(rows.flatMap((r) => (r.requisition ? [[r.requisition.id, r.requisition.title] as const] : []))).entries()];
  const shown = rows.filter((r) => (!requisition || r.requisition?.id === requisition) && (!status || r.status === status));
  return (
    <>
      <div className="session-filters">
        <label htmlFor={ids.requisition}>Requisition</label>
        <select id={ids.requisition} value={requisition} onChange={(e) => setRequisition(e.target.value)}>
          <option value="">All</option>
          {requisitions.map(([id, title]) => (
            <option key={id} value={id}>
              {title}
            </option>
          ))}
        </select>
        <label htmlFor={ids.status}>Status</label>
        <select id={ids.status} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">All</option>
          {Object.entries(STATUS_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
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
          {shown.map((row) => (
            <tr key={row.id} data-status={row.status}>
              <th scope="row">
                <a href={hrefFor({ view: 'session', sessionId: row.id })}>{row.title}</a>
                {row.kind === 'intake' && <span className="badge badge--intake"> Intake</span>}
              </th>
              <td>{row.candidate?.name ?? <span className="muted">—</span>}</td>
              <td>{row.requisition?.title ?? <span className="muted">—</span>}</td>
              <td>{row.stage ?? <span className="muted">—</span>}</td>
              <td>{row.interviewer ?? (speakers.get(row.id)?.join(', ') || <span className="muted">—</span>)}</td>
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
    </>
  );
}
