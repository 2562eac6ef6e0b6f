import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';

/**
 * Files a session under another candidate (and that candidate's requisition), or under nobody.
 * The session's transcript, moments and audio stay as they are; only where it is listed changes.
 */
export function MoveSessionForm({ sessionId, onMoved, onCancel }: { sessionId: string; onMoved: () => void; onCancel: () => void }) {
  const [candidates] = useIpc(() => window.debrief.candidatesList(), 'candidates-for-move');
  const [requisitions] = useIpc(() => window.debrief.requisitionsList(), 'requisitions-for-move');
  const [candidateId, setCandidateId] = useState('');
  const [stage, setStage] = useState('');
  const { busy, error, run } = useIpcAction();
  const ids = { candidate: useId(), stage: useId() };

  const requisitionTitle = (id: string | null) => (requisitions.state === 'ok' && id ? requisitions.value.find((r) => r.id === id)?.title : undefined);

  async function move(event: FormEvent) {
    event.preventDefault();
    const candidate = candidates.state === 'ok' ? candidates.value.find((c) => c.id === candidateId) : undefined;
    const moved = await run(() =>
      window.debrief.sessionsFile({
        id: sessionId,
        candidateId: candidate?.id ?? null,
        // Moving to nobody also takes it off the requisition; a candidate brings theirs.
        requisitionId: candidate ? candidate.requisitionId : null,
        ...(stage.trim() ? { stage } : {}),
      }),
    );
    if (moved) onMoved();
  }

  return (
    <form className="panel move-session" aria-label="Move this session" onSubmit={(e) => void move(e)}>
      {candidates.state === 'error' && <ErrorMessage title="Could not load the candidates." error={candidates.error} />}
      <div className="field">
        <label htmlFor={ids.candidate}>Candidate</label>
        <select id={ids.candidate} value={candidateId} onChange={(e) => setCandidateId(e.target.value)}>
          <option value="">No candidate</option>
          {candidates.state === 'ok' &&
            candidates.value.map((c) => {
              const requisition = requisitionTitle(c.requisitionId);
              return (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {requisition ? ` — ${requisition}` : ''}
                </option>
              );
            })}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.stage}>Stage</label>
        <input id={ids.stage} value={stage} onChange={(e) => setStage(e.target.value)} placeholder="Unchanged" maxLength={200} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy || candidates.state !== 'ok'}>
          {busy ? 'Moving…' : 'Move session'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error && <ErrorMessage title="Could not move the session." error={error} />}
    </form>
  );
}
