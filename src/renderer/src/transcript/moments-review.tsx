import { useState, type ReactNode } from 'react';
import type { SessionDetail } from '../../../shared/ipc/contract.js';
import { RubricPicker } from '../tagging/rubric-picker.js';
import type { Moment } from '../tagging/tagging-types.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc } from '../ui/use-ipc.js';
import { MomentCard, momentElementId, type MomentActions } from './moment-card.js';
import { segmentIndexAt } from './moment-format.js';
import { MomentTimeline, momentKind } from './moment-timeline.js';
import type { SessionMoments } from './use-session-moments.js';

/**
 * After the call: the interview's tags, flags and mapped moments on a timeline, offline mapping of
 * the transcript to the rubric's criteria, and review: accept (evidence), reject, retarget, move.
 */
export function MomentsReview({
  session,
  state,
  onShowTime,
  onSpeakersChanged,
}: {
  session: SessionDetail;
  state: SessionMoments;
  onShowTime: (sec: number) => void;
  /** The one-speaker transcript was split before mapping: the transcript shown must be fetched again. */
  onSpeakersChanged: () => Promise<void>;
}) {
  const { context, moments, loadError, actionError, busy, reload, run } = state;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  /** What the last mapping run said beyond the count (split speakers, language model); null before any run. */
  const [mappedNote, setMappedNote] = useState<string | null>(null);
  const [llm] = useIpc(() => window.debrief.settingsGetLlm(), 'llm-settings');

  if (loadError) return <ErrorMessage title="Could not load this interview's moments." error={loadError} />;
  if (!context || !moments) return <p className="muted">Loading moments…</p>;
  const rubric = context.rubric;
  const criteria = rubric?.criteria ?? [];
  const durationSec = session.durationSec ?? session.segments.at(-1)?.end ?? 0;

  const select = (m: Moment) => {
    setSelectedId(m.id);
    document.getElementById(momentElementId(m.id))?.scrollIntoView({ block: 'nearest' });
  };
  const actions: MomentActions = {
    review: (m, status) => void run(() => window.debrief.momentsReview({ id: m.id, status })),
    retarget: async (m, criterionId) => {
      const updated = await run(() => window.debrief.momentsUpdate({ id: m.id, criterionId }));
      if (updated) setSelectedId(updated.id);
    },
    move: (m, start) => void run(() => window.debrief.momentsUpdate({ id: m.id, start })),
    renote: (m, note) => void run(() => window.debrief.momentsUpdate({ id: m.id, note })),
    remove: (m) => void run(() => window.debrief.momentsDelete({ id: m.id })),
    show: (m) => {
      setSelectedId(m.id);
      onShowTime(m.start);
    },
  };
  const contextAt = (m: Moment) => {
    const segment = session.segments[segmentIndexAt(session.segments, m.start)];
    return segment ? `${segment.speaker ? `${segment.speaker}: ` : ''}${segment.text}` : null;
  };
  const card = (m: Moment) => <MomentCard key={m.id} moment={m} criteria={criteria} context={contextAt(m)} selected={m.id === selectedId} busy={busy} actions={actions} />;

  const byKind = (kinds: ReturnType<typeof momentKind>[]) => moments.filter((m) => kinds.includes(momentKind(m)));
  const proposed = byKind(['proposed']);
  const evidence = byKind(['evidence']);
  const manual = byKind(['tag', 'flag']);
  const rejected = byKind(['rejected']);

  return (
    <section className="moments-review panel" aria-labelledby="moments-title">
      <div className="moments-review__head">
        <h2 id="moments-title">Moments</h2>
        {rubric && (
          <span className="muted">
            against {rubric.title} v{rubric.version}
            {rubric.signedOff ? `, signed off by ${rubric.signedOff.by}` : ''}
          </span>
        )}
      </div>
      {!rubric && (
        <>
          <p className="muted">Choose the signed rubric this interview was held against to review its moments and map the transcript to its criteria.</p>
          <RubricPicker sessionId={session.id} onAttached={() => void reload()} />
        </>
      )}

      {moments.length > 0 && <MomentTimeline moments={moments} criteria={criteria} durationSec={durationSec} selectedId={selectedId} onSelect={select} />}

      {rubric && (
        <MapControls
          key={context.speakers.join('\u0000')}
          speakers={context.speakers}
          suggested={context.suggestedInterviewers}
          hasTranscript={session.segments.length > 0}
          busy={busy}
          llmModel={llm.state === 'ok' && llm.value ? llm.value.model : null}
          onMap={async (interviewerSpeakers, useLlm) => {
            setMappedNote(null);
            const result = await run(() => window.debrief.mappingRun({ sessionId: session.id, interviewerSpeakers, useLlm }));
            if (result) {
              const split = result.split ? ` Speakers split into ${result.split.interviewer} and ${result.split.candidate}: correct any line in the transcript.` : '';
              const checked = result.source === 'llm' ? ' Checked by the language model.' : result.fallback ? ` Offline mapping only: ${result.fallback.message}.` : '';
              setMappedNote(split + checked);
              if (result.split) await onSpeakersChanged();
            }
          }}
        />
      )}
      <p className="moments-review__status" role="status" data-testid="mapping-status">
        {statusLine(proposed.length, mappedNote)}
      </p>
      {rubric && <MissingEvidence criteria={criteria} moments={moments} />}
      {actionError && <ErrorMessage error={actionError} />}

      {proposed.length > 0 && (
        <MomentGroup title="To review" hint="Accept a quote to make it evidence for its criterion; reject it if it isn't." count={proposed.length}>
          {proposed.map(card)}
        </MomentGroup>
      )}
      {evidence.length > 0 && (
        <MomentGroup title="Evidence" count={evidence.length}>
          {evidence.map(card)}
        </MomentGroup>
      )}
      {manual.length > 0 && (
        <MomentGroup title="Your tags and flags" count={manual.length}>
          {manual.map(card)}
        </MomentGroup>
      )}
      {rejected.length > 0 && (
        <details className="moments-review__rejected">
          <summary>Rejected ({rejected.length})</summary>
          <ol className="moment-list">{rejected.map(card)}</ol>
        </details>
      )}
      {moments.length === 0 && rubric && <p className="muted">No tags yet. Map the transcript to find evidence for each criterion.</p>}
    </section>
  );
}

/** Kept current as moments are accepted and rejected, not only after a mapping run. */
function statusLine(waiting: number, mappedNote: string | null): string {
  if (mappedNote === null && waiting === 0) return '';
  const count = waiting === 0 ? (mappedNote === null ? '' : 'Nothing left to review.') : `${waiting} moment${waiting === 1 ? '' : 's'} to review.`;
  return count + (mappedNote ?? '');
}

/** Evidence is an accepted moment for a criterion: a tag, an accepted proposal, or words made evidence by hand. */
export function evidenceCounts(moments: readonly Moment[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of moments) if (m.criterionId !== null && m.status === 'accepted' && !m.flagged) counts.set(m.criterionId, (counts.get(m.criterionId) ?? 0) + 1);
  return counts;
}

function MissingEvidence({ criteria, moments }: { criteria: readonly { id: string; title: string }[]; moments: readonly Moment[] }) {
  const counts = evidenceCounts(moments);
  const missing = criteria.filter((c) => !counts.has(c.id));
  if (criteria.length === 0) return null;
  return (
    <p className="moments-review__missing" data-testid="missing-evidence">
      {missing.length === 0 ? 'Every criterion has evidence.' : `No evidence yet for: ${missing.map((c) => c.title).join(', ')}`}
    </p>
  );
}

function MomentGroup({ title, hint, count, children }: { title: string; hint?: string; count: number; children: ReactNode }) {
  return (
    <section className="moment-group" aria-label={`${title} (${count})`}>
      <h3>
        {title} <span className="muted">({count})</span>
      </h3>
      {hint && <p className="muted moment-group__hint">{hint}</p>}
      <ol className="moment-list">{children}</ol>
    </section>
  );
}

/** Who asked the questions (their lines are not evidence), then map. */
function MapControls({
  speakers,
  suggested,
  hasTranscript,
  busy,
  llmModel,
  onMap,
}: {
  speakers: string[];
  suggested: string[];
  hasTranscript: boolean;
  busy: boolean;
  /** The language model set up in Settings, if any. */
  llmModel: string | null;
  onMap: (interviewerSpeakers: string[], useLlm: boolean) => void;
}) {
  const [chosen, setChosen] = useState<string[]>(suggested);
  const [useLlm, setUseLlm] = useState(false);
  if (!hasTranscript) return <p className="muted">There is no transcript to map yet.</p>;
  if (speakers.length < 2) {
    return (
      <div className="map-controls">
        <button type="button" className="button button--primary" disabled={busy} onClick={() => onMap([], false)}>
          {busy ? 'Working…' : 'Map moments'}
        </button>
        <span className="muted map-controls__hint">
          This transcript has {speakers.length === 0 ? 'no speaker labels' : 'one speaker'}: mapping first splits the interviewer&apos;s questions from the candidate&apos;s answers. Runs on this computer.
        </span>
      </div>
    );
  }
  const toggle = (speaker: string, on: boolean) => setChosen((list) => (on ? [...list, speaker] : list.filter((s) => s !== speaker)));
  const candidates = speakers.filter((s) => !chosen.includes(s));
  return (
    <div className="map-controls">
      <fieldset className="map-controls__speakers">
        <legend>Who asked the questions?</legend>
        {speakers.map((s) => (
          <label key={s}>
            <input type="checkbox" checked={chosen.includes(s)} onChange={(e) => toggle(s, e.target.checked)} />
            <span>{s}</span>
          </label>
        ))}
      </fieldset>
      {llmModel && (
        <label className="map-controls__llm">
          <input type="checkbox" checked={useLlm} onChange={(e) => setUseLlm(e.target.checked)} />
          <span>Check the proposals with {llmModel} (sends their quotes to the endpoint in Settings)</span>
        </label>
      )}
      <button type="button" className="button button--primary" disabled={busy || chosen.length === 0 || candidates.length === 0} onClick={() => onMap(chosen, useLlm && llmModel !== null)}>
        {busy ? 'Working…' : 'Map moments'}
      </button>
      <span className="muted map-controls__hint">
        {chosen.length === 0
          ? 'Tick the interviewer.'
          : candidates.length === 0
            ? 'Leave the candidate unticked.'
            : `Quotes come from ${candidates.join(', ')}. ${useLlm && llmModel ? `Mapped on this computer, then checked by ${llmModel}.` : 'Runs on this computer.'}`}
      </span>
    </div>
  );
}
