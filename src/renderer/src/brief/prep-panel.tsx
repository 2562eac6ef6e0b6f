import { useState } from 'react';
import { hrefFor } from '../app-shell/route.js';
import { downloadExport } from '../scorecards/scorecard-labels.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatTimestamp } from '../ui/format.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';

const ANY = '';

/**
 * Prep for a stage: what earlier candidates were asked there (by one interviewer, or anyone), grouped
 * by meaning and counted, with the one-page brief to send the candidate.
 */
export function PrepPanel({ candidateId }: { candidateId: string }) {
  const [stages] = useIpc(() => window.debrief.briefPrepStages(), 'stages');
  const [chosenStage, setStage] = useState<string | null>(null);
  const [interviewer, setInterviewer] = useState(ANY);
  const exporter = useIpcAction();
  const list = stages.state === 'ok' ? stages.value : [];
  const stage = chosenStage ?? list[0]?.stage ?? null;
  const filter = { stage: stage ?? '', interviewer: interviewer || null, candidateId };
  // Until a stage is known there is nothing to ask for.
  const [prep] = useIpc(
    () => (stage === null ? Promise.resolve({ ok: true as const, value: { sessionsRead: 0, sessionsWithoutSpeakers: [], questionsAsked: 0, groups: [] } }) : window.debrief.briefPrep(filter)),
    `${stage}\u0000${interviewer}`,
  );
  const exportAs = async (format: 'md' | 'pdf') => {
    const file = await exporter.run(() => window.debrief.exportPrepBrief({ ...filter, format }));
    if (file) downloadExport(file);
  };
  if (stages.state === 'error') return <ErrorMessage error={stages.error} title="The stages could not be listed" />;
  return (
    <section aria-label="Prep" className="brief-section">
      <h2>Prep for a stage</h2>
      {stages.state === 'loading' ? (
        <p>Loading…</p>
      ) : stage === null ? (
        <p className="brief-empty">No interview has been filed under a stage yet, so there is nothing to prepare from.</p>
      ) : (
        <>
          <div className="prep-filters">
            <label>
              Stage{' '}
              <select
                value={stage}
                onChange={(e) => {
                  setStage(e.target.value);
                  setInterviewer(ANY);
                }}
              >
                {list.map((s) => (
                  <option key={s.stage}>{s.stage}</option>
                ))}
              </select>
            </label>
            <label>
              Interviewer{' '}
              <select value={interviewer} onChange={(e) => setInterviewer(e.target.value)}>
                <option value={ANY}>Any interviewer</option>
                {(list.find((s) => s.stage === stage)?.interviewers ?? []).map((i) => (
                  <option key={i}>{i}</option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => void exportAs('md')} disabled={exporter.busy}>
              Export prep brief (Markdown)
            </button>
            <button type="button" onClick={() => void exportAs('pdf')} disabled={exporter.busy}>
              Export prep brief (PDF)
            </button>
          </div>
          {exporter.error && <ErrorMessage error={exporter.error} title="The export failed" />}
          {prep.state === 'loading' && <p>Loading…</p>}
          {prep.state === 'error' && <ErrorMessage error={prep.error} title="The prep could not be built" />}
          {prep.state === 'ok' &&
            (prep.value.groups.length === 0 ? (
              <p className="brief-empty">No earlier candidate's interview at this stage{interviewer ? ` with ${interviewer}` : ''} has questions to learn from yet.</p>
            ) : (
              <>
                <p>
                  {prep.value.questionsAsked} questions asked in {prep.value.sessionsRead} earlier interview{prep.value.sessionsRead === 1 ? '' : 's'}, grouped by meaning:
                </p>
                <ol className="prep-questions">
                  {prep.value.groups.map((g) => (
                    <li key={`${g.example.segmentId}:${g.example.start}`} data-testid="prep-question">
                      {g.example.text}{' '}
                      <span className="prep-count">
                        asked {g.count === 1 ? 'once' : `${g.count} times`} in {g.sessions} interview{g.sessions === 1 ? '' : 's'} —{' '}
                        <a href={hrefFor({ view: 'session', sessionId: g.example.sessionId, segmentId: g.example.segmentId })}>
                          {g.example.sessionTitle}, {formatTimestamp(g.example.start)}
                        </a>
                      </span>
                      {g.variants.length > 0 && (
                        <details>
                          <summary>Also asked as</summary>
                          <ul>
                            {g.variants.map((v) => (
                              <li key={v}>{v}</li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </li>
                  ))}
                </ol>
              </>
            ))}
        </>
      )}
    </section>
  );
}
