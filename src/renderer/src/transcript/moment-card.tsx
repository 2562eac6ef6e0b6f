import { useState, type KeyboardEvent } from 'react';
import { KIND_LABELS, momentLabel, type Moment, type RubricCriterion } from '../tagging/tagging-types.js';
import { formatTimestamp } from '../ui/format.js';
import { formatConfidence, formatSpan, parseClock, reasonText } from './moment-format.js';
import { momentKind } from './moment-timeline.js';

export interface MomentActions {
  review: (moment: Moment, status: 'accepted' | 'rejected' | 'proposed') => void;
  retarget: (moment: Moment, criterionId: string | null) => void;
  move: (moment: Moment, start: number) => void;
  renote: (moment: Moment, note: string) => void;
  remove: (moment: Moment) => void;
  show: (moment: Moment) => void;
}

const NUDGE_SEC = 5;

/** One tag, flag or mapped moment, with what the reviewer can do to it. */
export function MomentCard({
  moment,
  criteria,
  context,
  selected,
  busy,
  actions,
}: {
  moment: Moment;
  criteria: readonly RubricCriterion[];
  /** What was being said at a tag's time (tags have no quote of their own). */
  context: string | null;
  selected: boolean;
  busy: boolean;
  actions: MomentActions;
}) {
  const kind = momentKind(moment);
  const label = momentLabel(moment, criteria);
  const criterion = criteria.find((c) => c.id === moment.criterionId);
  const manual = moment.origin === 'manual';
  const span = formatSpan(moment.start, moment.end);

  return (
    <li
      id={momentElementId(moment.id)}
      className={`moment-card moment-card--${kind}${selected ? ' moment-card--selected' : ''}`}
      data-testid="moment"
      data-kind={kind}
      aria-label={`${label} at ${span}`}
    >
      <div className="moment-card__head">
        <span className={`criterion-tag criterion-tag--${criterion?.kind ?? 'none'}`} title={criterion ? KIND_LABELS[criterion.kind] : undefined}>
          {criterion?.hotkey && <kbd>{criterion.hotkey}</kbd>}
          {label}
        </span>
        <button type="button" className="moment-card__time" onClick={() => actions.show(moment)} aria-label={`Show ${span} in the transcript`}>
          {span}
        </button>
        {kind === 'evidence' && <span className="evidence-badge">Evidence</span>}
        {kind === 'tag' && <span className="moment-card__origin">Your tag{moment.author ? ` · ${moment.author}` : ''}</span>}
        {kind === 'flag' && <span className="moment-card__origin">Flag to revisit</span>}
        {moment.polarity && (
          <span className={`polarity polarity--${moment.polarity}`} title="Which way this moment points for the candidate on this criterion">
            {moment.polarity === 'supports' ? 'For the candidate' : 'Against the candidate'}
          </span>
        )}
        {moment.confidence !== null && (
          <span className="confidence" title="How likely a careful reviewer would accept it">
            <span className="confidence__bar" style={{ width: formatConfidence(moment.confidence) }} />
            <span className="confidence__text">{formatConfidence(moment.confidence)} confident</span>
          </span>
        )}
      </div>

      {moment.quote && <blockquote className="moment-card__quote">“{moment.quote}”</blockquote>}
      {!moment.quote && context && <p className="moment-card__context">Said then: {context}</p>}
      {!manual && moment.reason && <p className="moment-card__why">Why: {reasonText(moment.reason)}</p>}
      {manual ? <NoteField moment={moment} busy={busy} onSave={(note) => actions.renote(moment, note)} /> : moment.note && <p className="moment-card__note">Note: {moment.note}</p>}

      <div className="moment-card__actions">
        {kind === 'proposed' && (
          <>
            <button type="button" className="button button--accept" disabled={busy} onClick={() => actions.review(moment, 'accepted')}>
              Accept
            </button>
            <button type="button" className="button button--reject" disabled={busy} onClick={() => actions.review(moment, 'rejected')}>
              Reject
            </button>
          </>
        )}
        {kind === 'evidence' && (
          <button type="button" className="button" disabled={busy} onClick={() => actions.review(moment, 'proposed')}>
            Undo accept
          </button>
        )}
        {kind === 'rejected' && (
          <button type="button" className="button" disabled={busy} onClick={() => actions.review(moment, 'proposed')}>
            Restore for review
          </button>
        )}
        {kind !== 'rejected' && (
          <label className="moment-card__criterion">
            <span>{manual ? 'Criterion' : 'Evidence for'}</span>
            <select
              value={moment.criterionId ?? ''}
              disabled={busy}
              onChange={(e) => actions.retarget(moment, e.target.value === '' ? null : e.target.value)}
              title={manual ? undefined : 'Choosing another criterion accepts this quote as evidence for it'}
            >
              {manual && <option value="">Flag: revisit (no criterion)</option>}
              {criteria.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.hotkey ? `${c.hotkey}. ` : ''}
                  {c.title}
                </option>
              ))}
            </select>
          </label>
        )}
        {manual && <TimeField moment={moment} busy={busy} onMove={(start) => actions.move(moment, start)} />}
        {manual && (
          <button type="button" className="button button--quiet" disabled={busy} onClick={() => actions.remove(moment)}>
            Delete {kind === 'flag' ? 'flag' : 'tag'}
          </button>
        )}
      </div>
    </li>
  );
}

function TimeField({ moment, busy, onMove }: { moment: Moment; busy: boolean; onMove: (start: number) => void }) {
  const [text, setText] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const commit = () => {
    if (text === null) return;
    const sec = parseClock(text);
    if (sec === null) return setInvalid(true);
    setInvalid(false);
    setText(null);
    if (Math.abs(sec - moment.start) >= 0.05) onMove(sec);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit();
    if (e.key === 'Escape') {
      setText(null);
      setInvalid(false);
    }
  };
  return (
    <span className="moment-card__move" role="group" aria-label="Move this tag">
      <button type="button" className="button button--small" disabled={busy || moment.start <= 0} onClick={() => onMove(Math.max(0, moment.start - NUDGE_SEC))} aria-label={`Move ${NUDGE_SEC} s earlier`}>
        −{NUDGE_SEC} s
      </button>
      <input
        type="text"
        className="moment-card__time-input"
        value={text ?? formatTimestamp(moment.start)}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={onKey}
        aria-label="Time of this tag (mm:ss)"
        aria-invalid={invalid}
        disabled={busy}
      />
      <button type="button" className="button button--small" disabled={busy} onClick={() => onMove(moment.start + NUDGE_SEC)} aria-label={`Move ${NUDGE_SEC} s later`}>
        +{NUDGE_SEC} s
      </button>
      {invalid && <span className="moment-card__invalid">Type a time like 1:23</span>}
    </span>
  );
}

function NoteField({ moment, busy, onSave }: { moment: Moment; busy: boolean; onSave: (note: string) => void }) {
  const [text, setText] = useState<string | null>(null);
  const commit = () => {
    if (text !== null && text.trim() !== (moment.note ?? '')) onSave(text);
    setText(null);
  };
  return (
    <input
      type="text"
      className="moment-card__note-input"
      value={text ?? moment.note ?? ''}
      placeholder="Add a note…"
      maxLength={500}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      aria-label="Note"
      disabled={busy}
    />
  );
}

export function momentElementId(momentId: string): string {
  return `moment-${momentId}`;
}
