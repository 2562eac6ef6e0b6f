import './calibration.css';
import { useState } from 'react';
import type { AlignmentAuditView } from '../../../shared/ipc/calibration-channels.js';
import { hrefFor } from '../app-shell/route.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);

/** The alignment audit on one page: three numbers, the lever they point at, and the pulse to answer. */
export function AlignmentView() {
  const [role, setRole] = useState('');
  const [view, reload] = useIpc(() => window.debrief.alignmentGet({ role: role || null }), role);
  if (view.state === 'loading') return <p>Loading…</p>;
  if (view.state === 'error') return <ErrorMessage error={view.error} title="The audit could not be computed" />;
  const v = view.value;
  const a = v.audit;
  return (
    <>
      <header className="view__header view__header--stacked">
        <h1>Alignment audit</h1>
        <label>
          Role family{' '}
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">All requisitions</option>
            {v.roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
      </header>
      <p className="audit-lever calibration-card" data-testid="lever" data-lever={a.lever.kind}>
        {a.lever.message}
      </p>
      <div className="audit-figures">
        <div className="calibration-card audit-figure" data-testid="audit-shaped">
          <strong>{pct(a.requisitions ? a.shaped.share : null)}</strong> of {a.requisitions} {a.requisitions === 1 ? 'requisition has' : 'requisitions have'} a signed rubric of 3 must-haves, 2 trade-offs and 1 deal-breaker.
        </div>
        <div className="calibration-card audit-figure" data-testid="audit-evidence">
          <strong>{pct(a.evidence.share)}</strong> of debrief reasons ({a.evidence.linked} of {a.evidence.total}) are linked to captured evidence; the rest is memory.
        </div>
        <div className="calibration-card audit-figure" data-testid="audit-pulse">
          {a.pulse.rate === null ? (
            <>
              <strong>Not yet</strong> No requisition has the pulse answered by both recruiter and hiring manager: ask both, separately.
            </>
          ) : (
            <>
              <strong>{pct(a.pulse.rate)}</strong> of pulse answers differ between recruiter and hiring manager ({a.pulse.disagreements} of {a.pulse.compared}, on {a.pulse.answeredByBoth} {a.pulse.answeredByBoth === 1 ? 'requisition' : 'requisitions'} answered by both).
            </>
          )}
        </div>
      </div>
      {v.requisitions.length === 0 && <p className="calibration-empty">No requisitions here yet.</p>}
      {v.requisitions.map((r) => (
        <PulseRow key={r.id} requisition={r} questions={v.questions} onAnswered={reload} />
      ))}
    </>
  );
}

function PulseRow({ requisition: r, questions, onAnswered }: { requisition: AlignmentAuditView['requisitions'][number]; questions: AlignmentAuditView['questions']; onAnswered(): void }) {
  const [who, setWho] = useState<'recruiter' | 'hiring-manager'>('recruiter');
  const [respondent, setRespondent] = useState('');
  const [answers, setAnswers] = useState<{ counterpartUnderstood: boolean | null; interviewsTestedRubric: boolean | null }>({ counterpartUnderstood: null, interviewsTestedRubric: null });
  const action = useIpcAction();
  const shape = r.signedRubric ? `${r.signedRubric.mustHaves}/${r.signedRubric.tradeOffs}/${r.signedRubric.dealBreakers}` : 'not signed';
  const answered = (p: typeof r.pulse.recruiter) => (p ? `${p.respondent}: ${p.counterpartUnderstood ? 'yes' : 'no'}, ${p.interviewsTestedRubric ? 'yes' : 'no'}` : 'not yet');
  const submit = async () => {
    if (answers.counterpartUnderstood === null || answers.interviewsTestedRubric === null) return;
    const done = await action.run(() =>
      window.debrief.alignmentPulse({ requisitionId: r.id, role: who, respondent, counterpartUnderstood: answers.counterpartUnderstood!, interviewsTestedRubric: answers.interviewsTestedRubric! }),
    );
    if (done) onAnswered();
  };
  return (
    <section className="calibration-card" aria-label={`Pulse for ${r.title}`}>
      <h2>
        <a href={hrefFor({ view: 'calibration', requisitionId: r.id })}>{r.title}</a>
      </h2>
      <p className="calibration-muted">
        Rubric {shape} · reasons on evidence {r.reasons.linked} of {r.reasons.total} · recruiter {answered(r.pulse.recruiter)} · hiring manager {answered(r.pulse.hiringManager)}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="calibration-actions">
          <label>
            Answering as{' '}
            <select value={who} onChange={(e) => setWho(e.target.value as typeof who)}>
              <option value="recruiter">Recruiter</option>
              <option value="hiring-manager">Hiring manager</option>
            </select>
          </label>
          <label>
            Name <input value={respondent} onChange={(e) => setRespondent(e.target.value)} required />
          </label>
        </div>
        {(Object.keys(questions) as (keyof typeof questions)[]).map((q) => (
          <div key={q} role="radiogroup" aria-label={questions[q]} className="calibration-actions">
            <span>{questions[q]}</span>
            {[true, false].map((yes) => (
              <label key={String(yes)}>
                <input type="radio" name={`${r.id}:${q}`} checked={answers[q] === yes} onChange={() => setAnswers((x) => ({ ...x, [q]: yes }))} /> {yes ? 'Yes' : 'No'}
              </label>
            ))}
          </div>
        ))}
        {action.error && <ErrorMessage error={action.error} title="The answer was not saved" />}
        <button type="submit" disabled={action.busy || answers.counterpartUnderstood === null || answers.interviewsTestedRubric === null}>
          Save the answer
        </button>
      </form>
    </section>
  );
}
