import { useState } from 'react';
import './requisitions.css';
import { hrefFor, navigate } from '../app-shell/route.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatDate } from '../ui/format.js';
import { useIpc } from '../ui/use-ipc.js';
import { NewRequisitionForm } from './new-requisition-form.js';
import { STATUS_LABELS } from './requisition-status.js';
import { SignOffBadge } from '../ui/sign-off-badge.js';
import { serves } from '../ui/transport.js';

/** Open roles, each with the rubric agreed at its intake call. */
export function RequisitionsView() {
  const [requisitions] = useIpc(() => window.debrief.requisitionsList(), 'requisitions');
  const [creating, setCreating] = useState(false);

  return (
    <section className="view" aria-labelledby="requisitions-title">
      <header className="view__header">
        <div>
          <h1 id="requisitions-title">Requisitions</h1>
          <p className="view__lede">Open roles, each with the rubric agreed with its hiring manager at the intake call.</p>
        </div>
        <span className="view__actions">
          {serves('requisitions:create') && <button type="button" className="button button--primary" aria-expanded={creating} onClick={() => setCreating((v) => !v)}>
            New requisition
          </button>}
        </span>
      </header>

      {creating && <NewRequisitionForm onCancel={() => setCreating(false)} onCreated={(id) => navigate({ view: 'requisition', requisitionId: id })} />}

      {requisitions.state === 'loading' && <p className="muted">Loading…</p>}
      {requisitions.state === 'error' && <ErrorMessage title="Could not load the requisitions." error={requisitions.error} />}
      {requisitions.state === 'ok' && requisitions.value.length === 0 && !creating && (
        <div className="empty-state">
          <p>No requisitions yet.</p>
          <p className="muted">
            {serves('requisitions:create')
              ? "Create one, then build its rubric by hand, from a file, or from the intake call's transcript."
              : 'None of the team server’s requisitions has you on it yet: the recruiter adds you from their laptop.'}
          </p>
        </div>
      )}
      {requisitions.state === 'ok' && requisitions.value.length > 0 && (
        <table className="session-table" data-testid="requisition-list">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Hiring manager</th>
              <th scope="col">Status</th>
              <th scope="col">Rubric</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {requisitions.value.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <a href={hrefFor({ view: 'requisition', requisitionId: r.id })}>{r.title}</a>
                  {r.role && <span className="muted"> · {r.role}</span>}
                </th>
                <td>{r.hiringManager ?? <span className="muted">—</span>}</td>
                <td>{STATUS_LABELS[r.status]}</td>
                <td>
                  {r.latestVersion ? (
                    <>
                      <span>v{r.latestVersion.version} </span>
                      <SignOffBadge signedOff={r.latestVersion.signedOffBy && r.latestVersion.signedOffAt ? { by: r.latestVersion.signedOffBy, at: r.latestVersion.signedOffAt } : null} />
                    </>
                  ) : (
                    <span className="muted">No rubric yet</span>
                  )}
                </td>
                <td>{formatDate(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
