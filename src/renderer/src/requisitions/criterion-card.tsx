import { useId, useRef } from 'react';
import { hrefFor } from '../app-shell/route.js';
import { formatTimestamp } from '../ui/format.js';
import { KINDS, type CriterionKind, type EditableCriterion, type EditableStage, type IntakeEvidence } from './editable-rubric.js';
import type { VagueWarning } from './use-rubric-check.js';

export interface CriterionCardProps {
  criterion: EditableCriterion;
  /** 1-based position within its kind, for labels. */
  position: number;
  isFirst: boolean;
  isLast: boolean;
  warnings: readonly VagueWarning[];
  evidence: readonly IntakeEvidence[];
  stages: readonly EditableStage[];
  onChange: (patch: Partial<Omit<EditableCriterion, 'id'>>) => void;
  onKind: (kind: CriterionKind) => void;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
}

export function CriterionCard({ criterion: c, position, isFirst, isLast, warnings, evidence, stages, onChange, onKind, onMove, onRemove }: CriterionCardProps) {
  const ids = { title: useId(), kind: useId(), description: useId(), good: useId(), bad: useId(), signals: useId() };
  const good = useRef<HTMLTextAreaElement>(null);
  const label = KINDS.find((k) => k.kind === c.kind)!.label;
  const probedBy = stages.flatMap((s) => s.questions.filter((q) => q.criterionIds.includes(c.id)).map((q) => ({ stage: s.name, text: q.text, id: q.id })));

  return (
    <article className={`criterion-card criterion-card--${c.kind}`} aria-label={`${label} ${position}: ${c.title.trim() || 'untitled'}`} data-testid="criterion">
      <div className="criterion-card__head">
        <div className="field criterion-card__title">
          <label htmlFor={ids.title}>Title</label>
          <input id={ids.title} type="text" value={c.title} placeholder="e.g. Owned production services" maxLength={300} onChange={(e) => onChange({ title: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.kind}>Kind</label>
          <select id={ids.kind} value={c.kind} onChange={(e) => onKind(e.target.value as CriterionKind)}>
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div className="criterion-card__tools">
          <button type="button" className="button rq-icon-button" aria-label={`Move "${c.title || 'untitled'}" up`} title="Move up" disabled={isFirst} onClick={() => onMove(-1)}>
            ↑
          </button>
          <button type="button" className="button rq-icon-button" aria-label={`Move "${c.title || 'untitled'}" down`} title="Move down" disabled={isLast} onClick={() => onMove(1)}>
            ↓
          </button>
          <button type="button" className="button rq-icon-button rq-danger" aria-label={`Remove "${c.title || 'untitled'}"`} title="Remove" onClick={onRemove}>
            ✕
          </button>
        </div>
      </div>

      {warnings.map((w) => (
        <div key={`${w.field}:${w.phrase}`} className="vague-warning" role="note" data-testid="vague-warning">
          <p>
            <strong>Vague: “{w.phrase}”.</strong> {w.message}
          </p>
          <p>
            <strong>What would show it?</strong> {w.prompt}{' '}
            <button type="button" className="rq-link-button" onClick={() => good.current?.focus()}>
              Say what good looks like
            </button>
          </p>
        </div>
      ))}

      <div className="field">
        <label htmlFor={ids.description}>Description</label>
        <textarea id={ids.description} rows={2} value={c.description} maxLength={4000} onChange={(e) => onChange({ description: e.target.value })} />
      </div>
      <div className="criterion-card__pair">
        <div className="field">
          <label htmlFor={ids.good}>Good looks like</label>
          <textarea
            ref={good}
            id={ids.good}
            rows={3}
            value={c.goodLooksLike}
            maxLength={4000}
            placeholder="What an interviewer would see or hear"
            onChange={(e) => onChange({ goodLooksLike: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.bad}>Bad looks like</label>
          <textarea id={ids.bad} rows={3} value={c.badLooksLike} maxLength={4000} onChange={(e) => onChange({ badLooksLike: e.target.value })} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.signals}>Signals</label>
        <input id={ids.signals} type="text" value={c.signals} placeholder="on-call, paged, postmortem" onChange={(e) => onChange({ signals: e.target.value })} />
        <p className="field__hint">Phrases to listen for, separated by commas.</p>
      </div>

      {probedBy.length > 0 && (
        <p className="criterion-card__questions">
          Probed by:{' '}
          {probedBy.map((q, i) => (
            <span key={q.id}>
              {i > 0 && '; '}“{q.text || 'untitled question'}” <span className="muted">({q.stage || 'unnamed stage'})</span>
            </span>
          ))}
        </p>
      )}

      {evidence.length > 0 && (
        <div className="criterion-card__evidence">
          <p className="criterion-card__evidence-title">From the intake call</p>
          <ul>
            {evidence.map((e, i) => (
              <li key={i}>
                <IntakeQuote evidence={e} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </article>
  );
}

/** A quote with its speaker and a timestamp link into the intake call's transcript (plain text once that call was deleted). */
export function IntakeQuote({ evidence: e }: { evidence: IntakeEvidence }) {
  return (
    <blockquote className="intake-quote">
      “{e.quote}”{' '}
      <footer>
        {e.speaker && <span>{e.speaker}, </span>}
        {e.sessionId ? (
          <a href={hrefFor({ view: 'session', sessionId: e.sessionId, ...(e.segmentId ? { segmentId: e.segmentId } : {}) })} data-testid="quote-time">
            {formatTimestamp(e.start)}
          </a>
        ) : (
          <span data-testid="quote-time" title="The intake call was deleted; its quote is kept.">
            {formatTimestamp(e.start)} (intake call deleted)
          </span>
        )}
      </footer>
    </blockquote>
  );
}
