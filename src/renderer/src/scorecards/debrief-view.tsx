import { useState } from 'react';
import './scorecards.css';
import type { CandidateDebriefView } from '../../../shared/ipc/scorecard-channels.js';
import { hrefFor } from '../app-shell/route.js';
import { CandidatePrivacyPanel } from '../privacy/candidate-privacy-panel.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatDate, formatTimestamp } from '../ui/format.js';
import { serves } from '../ui/transport.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';
import { downloadExport } from './scorecard-labels.js';

const READERS = ['Interviewer', 'Recruiter', 'Hiring manager'] as const;
const FLAG_LABELS: Record<CandidateDebriefView['flags'][number]['kind'], string> = {
  conflict: 'Conflict',
  'missing-signal': 'Missing signal',
  'over-indexing': 'Over-indexing',
  'off-rubric': 'Off-rubric reason',
  unsupported: 'Unsupported rating',
  feel: 'Feel',
};

/** One candidate's debrief: the panel side by side (the same sheet the PDF prints), the flags, and the decision. */
export function DebriefView({ candidateId }: { candidateId: string }) {
  const [debrief, reload] = useIpc(() => window.debrief.debriefGet({ candidateId }), candidateId);
  const [reader, setReader] = useState<(typeof READERS)[number]>('Hiring manager');
  const exporter = useIpcAction();
  const [erased, setErased] = useState<string>();
  // After an erasure nothing about the candidate is left to show: only the receipt.
  if (erased) return <ErasedNotice receipt={erased} />;
  if (debrief.state === 'loading') return <p>Loading…</p>;
  if (debrief.state === 'error') return <ErrorMessage error={debrief.error} title="The debrief could not be opened" />;
  const d = debrief.value;
  const scorecardOf = (id: string | null | undefined) => d.scorecards.find((s) => s.id === id);
  const exportAs = async (format: 'md' | 'pdf') => {
    const file = await exporter.run(() => window.debrief.exportDebrief({ candidateId, format }));
    if (file) downloadExport(file);
  };
  return (
    <>
      <header className="view__header view__header--stacked">
        <h1>Debrief: {d.candidate.name}</h1>
        {serves('brief:candidate') && <a href={hrefFor({ view: 'brief', candidateId })}>Candidate brief and prep</a>}
        <label>
          Reading as{' '}
          <select value={reader} onChange={(e) => setReader(e.target.value as (typeof READERS)[number])}>
            {READERS.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <p className="scorecard-kind">Every reader sees the same record.</p>
      </header>
      {d.scorecards.length === 0 && <p>No submitted scorecards for this candidate yet.</p>}
      <section aria-label="Flags">
        <h2>Flags ({d.flags.length})</h2>
        <ul className="debrief-flags">
          {d.flags.map((f, i) => {
            const card = scorecardOf(f.scorecardId);
            return (
              <li key={i} className={`debrief-flag--${f.kind}`} data-testid="debrief-flag" data-kind={f.kind}>
                {FLAG_LABELS[f.kind]}: {f.message}
                {card && (
                  <>
                    {' '}
                    <a href={hrefFor({ view: 'scorecard', sessionId: card.sessionId })}>{card.interviewer}'s scorecard</a>
                  </>
                )}
                {f.kind === 'conflict' &&
                  f.criterionId &&
                  d.scorecards.map((s) => {
                    const r = s.versions[0]!.ratings.find((x) => x.criterion.id === f.criterionId);
                    return r?.evidence.map((e, k) => (
                      <blockquote key={`${s.id}:${k}`}>
                        {s.interviewer}, {formatTimestamp(e.start)}: “{e.quote}” <a href={hrefFor({ view: 'session', sessionId: e.sessionId })}>open</a>
                      </blockquote>
                    ));
                  })}
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-label="Panel">
        <h2>Panel, criterion by criterion</h2>
        <div className="sheet-host" data-testid="sheet" dangerouslySetInnerHTML={{ __html: d.html }} />
      </section>
      {serves('export:debrief') && (
        <div className="scorecard-actions">
          <button type="button" onClick={() => void exportAs('md')} disabled={exporter.busy}>
            Export Markdown
          </button>
          <button type="button" onClick={() => void exportAs('pdf')} disabled={exporter.busy}>
            Export PDF
          </button>
        </div>
      )}
      {exporter.error && <ErrorMessage error={exporter.error} title="The export failed" />}
      <DecisionForm debrief={d} reader={reader} onDecided={reload} />
      {serves('privacy:eraseCandidate') && <CandidatePrivacyPanel candidateId={candidateId} onErased={setErased} />}
    </>
  );
}

function ErasedNotice({ receipt }: { receipt: string }) {
  return (
    <section className="panel" aria-label="Candidate erased">
      <h1>Candidate erased</h1>
      <p role="status">{receipt}</p>
      <p className="muted">Their recordings, transcripts, moments and scorecards are gone from this computer; the receipt stays in the audit trail.</p>
      <a href={hrefFor({ view: 'interviews' })}>Back to interviews</a>
    </section>
  );
}

function DecisionForm({ debrief, reader, onDecided }: { debrief: CandidateDebriefView; reader: string; onDecided(): void }) {
  const [decision, setDecision] = useState<'advance' | 'reject' | 'hold' | 'offer'>('advance');
  const [decidedBy, setDecidedBy] = useState('');
  const [reasons, setReasons] = useState([{ text: '', link: '' }]);
  const action = useIpcAction();
  const evidence = debrief.scorecards.flatMap((s) =>
    s.versions[0]!.ratings.flatMap((r) => r.evidence.filter((e) => e.momentId).map((e) => ({ id: e.momentId!, label: `${r.criterion.title}, ${formatTimestamp(e.start)}: “${(e.quote ?? '').slice(0, 60)}”` }))),
  );
  const latest = debrief.decisions[0];
  const submit = async () => {
    const done = await action.run(() =>
      window.debrief.debriefDecide({
        candidateId: debrief.candidate.id,
        decision,
        decidedBy: decidedBy || reader,
        reasons: reasons
          .filter((r) => r.text.trim())
          .map((r) => ({ text: r.text, momentId: r.link.startsWith('m:') ? r.link.slice(2) : null, criterionId: r.link.startsWith('c:') ? r.link.slice(2) : null })),
      }),
    );
    if (done) onDecided();
  };
  return (
    <section aria-label="Decision">
      <h2>Decision</h2>
      {latest && (
        <p role="status" data-testid="latest-decision">
          {latest.decision} by {latest.decidedBy}, {formatDate(latest.decidedAt)}: {Math.round(latest.evidenceShare * 100)} % of reasons linked to captured evidence
          {latest.evidenceShare < 0.3 ? ' — more than 70 % memory: the evidence layer is the fix.' : '.'}
        </p>
      )}
      {!latest && !serves('debrief:decide') && <p className="muted">No decision recorded yet.</p>}
      {serves('debrief:decide') && <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div role="radiogroup" aria-label="Decision" className="scorecard-scale">
          {(['advance', 'reject', 'hold', 'offer'] as const).map((d) => (
            <label key={d}>
              <input type="radio" name="decision" checked={decision === d} onChange={() => setDecision(d)} />
              {d[0]!.toUpperCase() + d.slice(1)}
            </label>
          ))}
        </div>
        <label>
          Decided by <input value={decidedBy} onChange={(e) => setDecidedBy(e.target.value)} placeholder={reader} />
        </label>
        {reasons.map((r, i) => (
          <div key={i} className="debrief-reason">
            <label>
              Reason {i + 1} <input value={r.text} onChange={(e) => setReasons((all) => all.map((x, k) => (k === i ? { ...x, text: e.target.value } : x)))} />
            </label>
            <label>
              Linked to{' '}
              <select value={r.link} onChange={(e) => setReasons((all) => all.map((x, k) => (k === i ? { ...x, link: e.target.value } : x)))}>
                <option value="">Nothing (memory)</option>
                {debrief.criteria.map((c) => (
                  <option key={c.id} value={`c:${c.id}`}>
                    Criterion: {c.title}
                  </option>
                ))}
                {evidence.map((e) => (
                  <option key={e.id} value={`m:${e.id}`}>
                    Evidence: {e.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
        ))}
        <button type="button" onClick={() => setReasons((all) => [...all, { text: '', link: '' }])}>
          Add a reason
        </button>
        {action.error && <ErrorMessage error={action.error} title="The decision was not recorded" />}
        <button type="submit" className="button--primary" disabled={action.busy}>
          Record decision
        </button>
      </form>}
    </section>
  );
}
