import { momentLabel, type Moment, type RubricCriterion } from '../tagging/tagging-types.js';
import { formatTimestamp } from '../ui/format.js';
import { formatSpan } from './moment-format.js';

/** Kind of marker on the timeline: the interviewer's own marks above, the mapper's below. */
export function momentKind(m: Moment): 'flag' | 'tag' | 'proposed' | 'evidence' | 'rejected' {
  if (m.origin === 'manual') return m.flagged || m.criterionId === null ? 'flag' : 'tag';
  return m.status === 'accepted' ? 'evidence' : m.status;
}

const KIND_WORDS = { flag: 'flag', tag: 'tag', proposed: 'to review', evidence: 'evidence', rejected: 'rejected' } as const;

/**
 * The whole interview as one strip: tags and flags on the upper lane, mapped moments (spans) on the
 * lower one. Each marker is a button that brings its moment into view.
 */
export function MomentTimeline({
  moments,
  criteria,
  durationSec,
  selectedId,
  onSelect,
}: {
  moments: readonly Moment[];
  criteria: readonly RubricCriterion[];
  durationSec: number;
  selectedId: string | null;
  onSelect: (moment: Moment) => void;
}) {
  const length = Math.max(durationSec, ...moments.map((m) => m.end), 1);
  const at = (sec: number) => `${Math.min(100, (sec / length) * 100)}%`;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * length);
  const shown = moments.filter((m) => momentKind(m) !== 'rejected');
  return (
    <figure className="timeline" aria-label="Timeline of tags and mapped moments">
      <div className="timeline__lanes">
        <div className="timeline__lane timeline__lane--manual" aria-hidden="true">
          <span className="timeline__lane-label">Tags</span>
        </div>
        <div className="timeline__lane timeline__lane--auto" aria-hidden="true">
          <span className="timeline__lane-label">Mapped</span>
        </div>
        {shown.map((m) => {
          const kind = momentKind(m);
          const label = `${momentLabel(m, criteria)}, ${KIND_WORDS[kind]} at ${formatSpan(m.start, m.end)}`;
          const auto = m.origin === 'auto';
          return (
            <button
              key={m.id}
              type="button"
              className={`timeline__marker timeline__marker--${kind}${m.id === selectedId ? ' timeline__marker--selected' : ''}`}
              style={auto ? { left: at(m.start), width: `max(6px, calc(${at(m.end - m.start)}))` } : { left: at(m.start) }}
              onClick={() => onSelect(m)}
              aria-label={label}
              title={label}
              data-testid="timeline-marker"
              data-kind={kind}
            />
          );
        })}
      </div>
      <div className="timeline__axis" aria-hidden="true">
        {ticks.map((t, i) => (
          <span key={i} style={{ left: at(t) }}>
            {formatTimestamp(t)}
          </span>
        ))}
      </div>
    </figure>
  );
}
