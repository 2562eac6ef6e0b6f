import './calibration.css';
import type { CalibrationView as Report } from '../../../shared/ipc/calibration-channels.js';
import { hrefFor } from '../app-shell/route.js';
import { downloadExport } from '../scorecards/scorecard-labels.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatDate, formatTimestamp } from '../ui/format.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';
import { CalibrationChart } from './calibration-chart.js';
import { LostCandidateForm } from './lost-candidate-form.js';
import { WeeklyReadPanel } from './weekly-read-panel.js';

const LEAN_LABELS: Record<Report['interviewers'][number]['lean'], string> = { lenient: 'Lenient', severe: 'Severe', 'in-line': 'In line', 'too-few': 'Too few to tell' };
const days = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} days`;

/** Calibration across one requisition: drift, criteria, interviewers, the weekly read, charts, time in stage and losses. */
export function CalibrationView({ requisitionId }: { requisitionId: string }) {
  const [report, reload] = useIpc(() => window.debrief.calibrationGet({ requisitionId }), requisitionId);
  const [candidates, reloadCandidates] = useIpc(() => window.debrief.candidatesList({ requisitionId }), requisitionId);
  const exporter = useIpcAction();
  if (report.state === 'loading') return <p>Loading…</p>;
  if (report.state === 'error') return <ErrorMessage error={report.error} title="The calibration could not be computed" />;
  const r = report.value;
  const empty = r.emptyStates;
  const exportPdf = async () => {
    const file = await exporter.run(() => window.debrief.calibrationExport({ requisitionId, format: 'pdf' }));
    if (file) downloadExport(file);
  };
  return (
    <>
      <a className="back-link" href={hrefFor({ view: 'requisition', requisitionId })}>
        ← {r.requisition.title}
      </a>
      <header className="view__header view__header--stacked">
        <h1>Calibration: {r.requisition.title}</h1>
        <p className="view__lede">
          {r.rubric ? `Against the signed rubric v${r.rubric.version}` : 'No signed rubric'} · {r.counts.candidates} candidates · {r.counts.scorecards} scorecards ·{' '}
          {r.counts.interviewers} interviewers · {r.counts.decisions} decisions
        </p>
        <div className="calibration-actions">
          <button type="button" onClick={() => void exportPdf()} disabled={exporter.busy}>
            Export PDF
          </button>
          <a href={hrefFor({ view: 'alignment' })}>Alignment audit</a>
        </div>
        {exporter.error && <ErrorMessage error={exporter.error} title="The export failed" />}
      </header>
      {empty.rubric && <p className="calibration-empty">{empty.rubric}</p>}
      {empty.candidates && <p className="calibration-empty">{empty.candidates}</p>}
      {r.notInterviewed.length > 0 && (
        <p className="calibration-empty" data-testid="not-interviewed">
          Not interviewed yet, so not in these figures: {r.notInterviewed.map((c) => c.name).join(', ')}.
        </p>
      )}

      <WeeklyReadPanel read={r.weeklyRead} />

      <section aria-labelledby="drift-title" className="calibration-card">
        <h2 id="drift-title">Drift</h2>
        {empty.decisions ? (
          <p className="calibration-empty">{empty.decisions}</p>
        ) : r.drift.length + r.rejectedDespiteMustHaves.length === 0 ? (
          <p className="calibration-empty">Every decision reason matches a criterion of the rubric.</p>
        ) : (
          <ul className="calibration-findings">
            {r.drift.map((d) => (
              <li key={d.label} data-testid="drift">
                {d.message}
                <ul>
                  {d.reasons.map((x, i) => (
                    <li key={i} className="calibration-muted">
                      <a href={hrefFor({ view: 'debrief', candidateId: x.candidateId })}>{x.candidateName}</a>, {x.decision} on {formatDate(x.decidedAt)}: “{x.text}”
                    </li>
                  ))}
                </ul>
              </li>
            ))}
            {r.rejectedDespiteMustHaves.map((d) => (
              <li key={d.decisionId} data-testid="must-have-rejection">
                {d.message} <a href={hrefFor({ view: 'debrief', candidateId: d.candidateId })}>Open the debrief</a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="criteria-title" className="calibration-card">
        <h2 id="criteria-title">Criteria</h2>
        {empty.scorecards ? (
          <p className="calibration-empty">{empty.scorecards}</p>
        ) : r.nonDiscriminating.length + r.withoutEvidence.length === 0 ? (
          <p className="calibration-empty">Every criterion tells candidates apart and has evidence behind it.</p>
        ) : (
          <ul className="calibration-findings">
            {r.nonDiscriminating.map((c) => (
              <li key={`n:${c.criterionId}`} data-testid="non-discriminating">
                {c.message}
              </li>
            ))}
            {r.withoutEvidence.map((c) => (
              <li key={`e:${c.criterionId}`} data-testid="without-evidence">
                {c.message}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="interviewers-title" className="calibration-card">
        <h2 id="interviewers-title">Interviewers</h2>
        {empty.scorecards && <p className="calibration-empty">{empty.scorecards}</p>}
        {empty.panel && <p className="calibration-empty">{empty.panel}</p>}
        <ul className="calibration-findings">
          {r.interviewers.map((i) => (
            <li key={i.interviewer} data-testid="interviewer" data-lean={i.lean}>
              <span className={`lean lean--${i.lean}`}>{LEAN_LABELS[i.lean]}</span> {i.message}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="charts-title" className="calibration-card">
        <h2 id="charts-title">Charts</h2>
        {r.charts.length === 0 ? <p className="calibration-empty">{empty.scorecards ?? empty.decisions ?? 'Nothing to chart yet.'}</p> : r.charts.map((c) => <CalibrationChart key={c.id} chart={c} />)}
      </section>

      <section aria-labelledby="stages-title" className="calibration-card">
        <h2 id="stages-title">Time in stage</h2>
        {r.timeInStage.medians.length === 0 ? (
          <p className="calibration-empty">No stages recorded yet: time in stage starts when candidates are given a stage.</p>
        ) : (
          <>
            <table className="calibration-table" aria-label="Median time per stage">
              <thead>
                <tr>
                  <th>Stage</th>
                  <th>Median</th>
                  <th>Candidates</th>
                  <th>Still there</th>
                </tr>
              </thead>
              <tbody>
                {r.timeInStage.medians.map((m) => (
                  <tr key={m.stage}>
                    <th scope="row">{m.stage}</th>
                    <td>{days(m.medianDays)}</td>
                    <td>{m.candidates}</td>
                    <td>{m.ongoing}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="calibration-table" aria-label="Time in stage per candidate">
              <thead>
                <tr>
                  <th>Candidate</th>
                  <th>Now</th>
                  <th>Stages</th>
                </tr>
              </thead>
              <tbody>
                {r.timeInStage.candidates.map((c) => (
                  <tr key={c.candidateId}>
                    <th scope="row">{c.candidateName}</th>
                    <td>{c.currentStage ?? '—'}</td>
                    <td>{c.spans.map((s) => `${s.stage} ${days(s.days)}${s.to === null ? ' so far' : ''}`).join(' → ') || 'No stage yet'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section aria-labelledby="lost-title" className="calibration-card">
        <h2 id="lost-title">Lost in the last 30 days</h2>
        {r.lostLast30Days.length === 0 ? (
          <p className="calibration-empty">{empty.losses}</p>
        ) : (
          <ul className="calibration-findings">
            {r.lostLast30Days.map((l) => (
              <li key={l.id} data-testid="lost">
                <strong>{l.candidateName}</strong> {l.outcome} on {formatDate(l.recordedAt)}: {l.reason}
                {l.moments.map((m, i) => (
                  <blockquote key={i}>
                    <a href={hrefFor({ view: 'session', sessionId: m.sessionId })}>{formatTimestamp(m.start)}</a> “{m.quote}”
                  </blockquote>
                ))}
              </li>
            ))}
          </ul>
        )}
        {candidates.state === 'ok' && (
          <LostCandidateForm
            requisitionId={requisitionId}
            candidates={candidates.value}
            onRecorded={() => {
              reload();
              reloadCandidates();
            }}
          />
        )}
      </section>
    </>
  );
}
