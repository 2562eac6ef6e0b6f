import type { SessionSummary } from '../../../shared/ipc/contract.js';
import './sessions.css';
import { hrefFor } from '../app-shell/route.js';
import { formatDate, formatDuration } from '../ui/format.js';

export function SessionList({ sessions }: { sessions: SessionSummary[] }) {
  if (sessions.length === 0) {
    return (
      <div className="empty-state">
        <p>No interviews yet.</p>
        <p className="muted">Import a meeting transcript (.vtt, .srt or .json) to start building your searchable archive.</p>
      </div>
    );
  }
  return (
    <table className="session-table" data-testid="session-list">
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Kind</th>
          <th scope="col">Date</th>
          <th scope="col">Duration</th>
          <th scope="col">Speakers</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((session) => (
          <tr key={session.id}>
            <th scope="row">
              <a href={hrefFor({ view: 'session', sessionId: session.id })}>{session.title}</a>
            </th>
            <td>
              <span className={`badge badge--${session.kind}`}>{session.kind === 'intake' ? 'Intake' : 'Interview'}</span>
            </td>
            <td>{formatDate(session.startedAt ?? session.createdAt)}</td>
            <td>{formatDuration(session.durationSec)}</td>
            <td>{session.speakers.length > 0 ? session.speakers.join(', ') : <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
