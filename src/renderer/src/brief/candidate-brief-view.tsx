import './brief.css';
import type { CandidateBriefView as Brief } from '../../../shared/ipc/brief-channels.js';
import { hrefFor } from '../app-shell/route.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatTimestamp } from '../ui/format.js';
import { downloadExport } from '../scorecards/scorecard-labels.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';
import { PrepPanel } from './prep-panel.js';

type Kind = keyof Brief['sections'];

// The order a recruiter closes in: why they would come, what holds them back, their limits, who else, what they asked.
const SECTIONS: { kind: Kind; title: string; empty: string }[] = [
  { kind: 'motivation', title: 'Motivations', empty: 'No stated motivation yet.' },
  { kind: 'concern', title: 'Concerns and hesitations', empty: 'No concern voiced yet.' },
  { kind: 'constraint', title: 'Constraints', empty: 'No location, timing or compensation limit mentioned.' },
  { kind: 'competing', title: 'Competing processes', empty: 'No other process mentioned.' },
  { kind: 'question', title: 'Questions they asked', empty: 'No questions asked yet.' },
];

/** The candidate's own words across their sessions, by what wins or loses them; then prep for a stage. */
export function CandidateBriefView({ candidateId }: { candidateId: string }) {
  const [brief] = useIpc(() => window.debrief.briefCandidate({ candidateId }), candidateId);
  const exporter = useIpcAction();
  if (brief.state === 'loading') return <p>Loading…</p>;
  if (brief.state === 'error') return <ErrorMessage error={brief.error} title="The candidate brief could not be opened" />;
  const b = brief.value;
  return (
    <>
      <header className="view__header view__header--stacked">
        <h1>Candidate brief: {b.candidate.name}</h1>
        <a href={hrefFor({ view: 'debrief', candidateId })}>Debrief</a>
        <p className="scorecard-kind">
          {b.sessionsRead === 0
            ? `No interview with ${b.candidate.name} can be read yet: the brief is built from their own words once an interview with a transcript is filed under them.`
            : `From ${b.candidateSentences} of ${b.candidate.name}'s sentences in ${b.sessionsRead} interview${b.sessionsRead === 1 ? '' : 's'}.`}
        </p>
        {b.sessionsWithoutSpeakers.length > 0 && (
          <p role="note">
            Left out, because their transcript does not say who is speaking:{' '}
            {b.sessionsWithoutSpeakers.map((s, i) => (
              <span key={s.sessionId}>
                {i > 0 && ', '}
                <a href={hrefFor({ view: 'session', sessionId: s.sessionId })}>{s.title}</a>
              </span>
            ))}
            .
          </p>
        )}
      </header>
      {b.sessionsRead > 0 && (
        <div className="scorecard-actions">
          <button
            type="button"
            disabled={exporter.busy}
            onClick={() =>
              void exporter.run(() => window.debrief.exportCandidateBrief({ candidateId })).then((file) => {
                if (file) downloadExport(file);
              })
            }
          >
            Export brief (Markdown)
          </button>
          {exporter.error && <ErrorMessage error={exporter.error} title="The export failed" />}
        </div>
      )}
      {b.sessionsRead > 0 && (
        <div className="brief-sections">
          {SECTIONS.map(({ kind, title, empty }) => {
            const quotes = b.sections[kind];
            return (
              <section key={kind} className="brief-section" aria-label={title} data-kind={kind}>
                <h2>
                  {title} ({quotes.length})
                </h2>
                {quotes.length === 0 ? (
                  <p className="brief-empty">{empty}</p>
                ) : (
                  <ul className="brief-quotes">
                    {quotes.map((q) => (
                      <li key={`${q.segmentId}:${q.start}`} data-testid="brief-quote">
                        <blockquote>“{q.quote}”</blockquote> —{' '}
                        <a href={hrefFor({ view: 'session', sessionId: q.sessionId, segmentId: q.segmentId })}>
                          {q.sessionTitle}, {formatTimestamp(q.start)}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
      <PrepPanel candidateId={candidateId} />
    </>
  );
}
