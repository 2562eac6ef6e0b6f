import { useEffect, useState } from 'react';
import type { InputOf, OutputOf } from '../../../shared/ipc/contract.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatTimestamp } from '../ui/format.js';
import { useIpcAction } from '../ui/use-ipc.js';

type Candidate = OutputOf<'candidates:list'>[number];
type Moment = OutputOf<'moments:list'>[number];

/** Marks a candidate withdrawn or declined, with the reason and the moments of their interviews that explain it. */
export function LostCandidateForm({ requisitionId, candidates, onRecorded }: { requisitionId: string; candidates: readonly Candidate[]; onRecorded(): void }) {
  const open = candidates.filter((c) => c.stage !== 'Withdrawn' && c.stage !== 'Declined');
  const [candidateId, setCandidateId] = useState('');
  const [outcome, setOutcome] = useState<'withdrawn' | 'declined'>('withdrawn');
  const [reason, setReason] = useState('');
  const [recordedBy, setRecordedBy] = useState('');
  const [moments, setMoments] = useState<Moment[]>([]);
  const [linked, setLinked] = useState<string[]>([]);
  const action = useIpcAction();

  useEffect(() => {
    setMoments([]);
    setLinked([]);
    if (!candidateId) return;
    let current = true;
    void (async () => {
      const found: Moment[] = [];
      for (const row of await sessionsOf(candidateId, requisitionId)) {
        const list = await window.debrief.momentsList({ sessionId: row.id });
        if (list.ok) found.push(...list.value.filter((m) => m.status === 'accepted' && (m.quote || m.note)));
      }
      if (current) setMoments(found);
    })();
    return () => {
      current = false;
    };
  }, [candidateId, requisitionId]);

  const submit = async () => {
    const done = await action.run(() => window.debrief.candidatesMarkLost({ candidateId, outcome, reason, recordedBy: recordedBy || 'Recruiter', momentIds: linked }));
    if (done) {
      setReason('');
      setCandidateId('');
      onRecorded();
    }
  };

  if (open.length === 0) return null;
  return (
    <form
      className="calibration-card lost-form"
      aria-label="Mark a candidate lost"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>Mark a candidate lost</h3>
      <label>
        Candidate{' '}
        <select value={candidateId} onChange={(e) => setCandidateId(e.target.value)} required>
          <option value="">Choose…</option>
          {open.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <div role="radiogroup" aria-label="Outcome" className="calibration-actions">
        {(['withdrawn', 'declined'] as const).map((o) => (
          <label key={o}>
            <input type="radio" name="outcome" checked={outcome === o} onChange={() => setOutcome(o)} /> {o === 'withdrawn' ? 'Withdrew' : 'Declined our offer'}
          </label>
        ))}
      </div>
      <label>
        Why <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} placeholder="What specifically we got wrong, in their words if you have them" />
      </label>
      {moments.length > 0 && (
        <fieldset>
          <legend>Moments that explain it</legend>
          {moments.map((m) => (
            <label key={m.id} className="lost-form__moment">
              <input type="checkbox" checked={linked.includes(m.id)} onChange={(e) => setLinked((all) => (e.target.checked ? [...all, m.id] : all.filter((x) => x !== m.id)))} />{' '}
              {formatTimestamp(m.start)} “{(m.quote ?? m.note ?? '').slice(0, 90)}”
            </label>
          ))}
        </fieldset>
      )}
      <label>
        Recorded by <input value={recordedBy} onChange={(e) => setRecordedBy(e.target.value)} placeholder="Recruiter" />
      </label>
      {action.error && <ErrorMessage error={action.error} title="The loss was not recorded" />}
      <button type="submit" disabled={action.busy || !candidateId}>
        Record the loss
      </button>
    </form>
  );
}

/** The candidate's sessions in this requisition, a page at a time: only theirs, never the whole store's list. */
async function sessionsOf(candidateId: string, requisitionId: string): Promise<{ id: string }[]> {
  const rows: { id: string }[] = [];
  let after: NonNullable<InputOf<'interviews:page'>>['after'];
  for (;;) {
    const page = await window.debrief.interviewsPage({ candidateId, requisitionId, after });
    if (!page.ok) return rows;
    rows.push(...page.value.rows);
    if (!page.value.next) return rows;
    after = page.value.next;
  }
}
