import { hrefFor } from '../app-shell/route.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc } from '../ui/use-ipc.js';

/** The requisition's candidates, each opening their debrief: the way in where the interviews list isn't served (the web view). */
export function RequisitionCandidates({ requisitionId }: { requisitionId: string }) {
  const [candidates] = useIpc(() => window.debrief.candidatesList({ requisitionId }), `candidates-${requisitionId}`);
  return (
    <section className="panel" aria-label="Candidates">
      <h2>Candidates</h2>
      {candidates.state === 'loading' && <p className="muted">Loading…</p>}
      {candidates.state === 'error' && <ErrorMessage title="Could not load the candidates." error={candidates.error} />}
      {candidates.state === 'ok' && candidates.value.length === 0 && <p className="muted">No candidates on this requisition yet.</p>}
      {candidates.state === 'ok' && candidates.value.length > 0 && (
        <ul>
          {candidates.value.map((c) => (
            <li key={c.id}>
              <a href={hrefFor({ view: 'debrief', candidateId: c.id })}>{c.name}</a>
              {c.stage && <span className="muted"> · {c.stage}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
