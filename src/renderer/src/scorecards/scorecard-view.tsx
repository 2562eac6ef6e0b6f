import { useRef, useState } from 'react';
import './scorecards.css';
import type { SubmittedScorecardView } from '../../../shared/ipc/scorecard-channels.js';
import { hrefFor } from '../app-shell/route.js';
import { useTrackUrls } from '../transcript/use-track-urls.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatDate } from '../ui/format.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';
import { ScorecardForm } from './scorecard-form.js';
import { downloadExport } from './scorecard-labels.js';
import { ScorecardSheet } from './scorecard-sheet.js';

/** From reviewed evidence to a submitted scorecard: who is scoring, the draft, then the submitted sheet and its history. */
export function ScorecardView({ sessionId }: { sessionId: string }) {
  const [context] = useIpc(() => window.debrief.taggingContext({ sessionId }), sessionId);
  const [session] = useIpc(() => window.debrief.sessionsGet({ id: sessionId }), sessionId);
  const [interviewer, setInterviewer] = useState<string | null>(null);
  const [name, setName] = useState('');
  const audio = useRef<HTMLAudioElement>(null);
  const urls = useTrackUrls(session.state === 'ok' ? session.value.tracks : []);
  const audioUrl = [...urls.values()][0];

  if (context.state === 'loading') return <p>Loading…</p>;
  if (context.state === 'error') return <ErrorMessage error={context.error} />;
  const who = interviewer ?? context.value.interviewer;

  const play = (atSec: number) => {
    if (!audio.current) return;
    audio.current.currentTime = atSec;
    void audio.current.play().catch(() => undefined);
  };

  return (
    <>
      <header className="view__header view__header--stacked">
        <h1>Scorecard{session.state === 'ok' ? `: ${session.value.title}` : ''}</h1>
        <p>
          <a href={hrefFor({ view: 'session', sessionId })}>Back to the transcript and its evidence</a>
        </p>
      </header>
      {audioUrl && <audio ref={audio} src={audioUrl} controls className="scorecard-audio" aria-label="Interview audio" />}
      {!who ? (
        <form
          className="scorecard-who"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) setInterviewer(name.trim());
          }}
        >
          <label>
            Your name (the interviewer scoring)
            <input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          </label>
          <button type="submit">Open scorecard</button>
        </form>
      ) : (
        <ScorecardFor key={who} sessionId={sessionId} interviewer={who} onPlay={play} />
      )}
    </>
  );
}

function ScorecardFor({ sessionId, interviewer, onPlay }: { sessionId: string; interviewer: string; onPlay(atSec: number): void }) {
  const [draft, reloadDraft] = useIpc(() => window.debrief.scorecardsDraft({ sessionId, interviewer }), `${sessionId}:${interviewer}`);
  const [card, setCard] = useState<SubmittedScorecardView | null>(null);
  const [amending, setAmending] = useState(false);
  const [sheetKey, setSheetKey] = useState(0);

  if (draft.state === 'loading') return <p>Loading the draft…</p>;
  if (draft.state === 'error') return <ErrorMessage error={draft.error} title="The scorecard could not be opened" />;
  const submittedId = card?.id ?? draft.value.submittedId;

  if (!submittedId || (amending && card)) {
    return (
      <>
        <p className="scorecard-intro">
          {interviewer}, against {draft.value.rubricTitle} v{draft.value.rubricVersion}. Criteria nobody gathered evidence on start as “No evidence”.
        </p>
        <ScorecardForm
          draft={draft.value}
          amending={amending ? card : null}
          onPlay={onPlay}
          onDone={(done) => {
            setCard(done);
            setAmending(false);
            setSheetKey((k) => k + 1);
            reloadDraft();
          }}
        />
      </>
    );
  }
  return <SubmittedScorecard key={`${submittedId}:${sheetKey}`} id={submittedId} onLoaded={setCard} onAmend={() => setAmending(true)} />;
}

function SubmittedScorecard({ id, onLoaded, onAmend }: { id: string; onLoaded(card: SubmittedScorecardView): void; onAmend(): void }) {
  const [card] = useIpc(async () => {
    const r = await window.debrief.scorecardsGet({ id });
    if (r.ok) onLoaded(r.value);
    return r;
  }, id);
  const exporter = useIpcAction();
  if (card.state === 'loading') return <p>Loading…</p>;
  if (card.state === 'error') return <ErrorMessage error={card.error} />;
  const v = card.value.versions[0]!;
  const exportAs = async (format: 'greenhouse' | 'lever' | 'ashby' | 'md' | 'pdf') => {
    const file = await exporter.run(() => window.debrief.exportScorecard({ id, format }));
    if (file) downloadExport(file);
  };
  return (
    <section aria-label="Submitted scorecard">
      <p className="scorecard-locked" role="status">
        Submitted {formatDate(v.submittedAt)} (version {v.version}) and locked. An amendment is a new version, with its reason.
      </p>
      <div className="scorecard-actions">
        <button type="button" onClick={onAmend}>
          Amend
        </button>
        {(['greenhouse', 'lever', 'ashby', 'md', 'pdf'] as const).map((f) => (
          <button key={f} type="button" onClick={() => void exportAs(f)} disabled={exporter.busy}>
            Export {f === 'md' ? 'Markdown' : f === 'pdf' ? 'PDF' : `${f[0]!.toUpperCase()}${f.slice(1)} JSON`}
          </button>
        ))}
        {card.value.candidate && <a href={hrefFor({ view: 'debrief', candidateId: card.value.candidate.id })}>Debrief for {card.value.candidate.name}</a>}
      </div>
      {exporter.error && <ErrorMessage error={exporter.error} title="The export failed" />}
      <ScorecardSheet load={() => window.debrief.scorecardsSheet({ id })} cacheKey={`${id}:${v.version}`} />
      <section aria-label="History">
        <h2>History</h2>
        <ol reversed className="scorecard-history">
          {card.value.versions.map((h) => (
            <li key={h.version}>
              Version {h.version}, {formatDate(h.submittedAt)} by {h.submittedBy}: {h.amendmentReason ? `amended — ${h.amendmentReason}` : 'submitted'}
            </li>
          ))}
        </ol>
      </section>
    </section>
  );
}
