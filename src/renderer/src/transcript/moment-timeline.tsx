import { KIND_LABELS, momentLabel, type Moment, type RubricCriterion } from '../tagging/tagging-types.js';
import { formatTimestamp } from '../ui/format.js';
import { formatSpan } from './moment-format.js';

/** Kind of marker on the timeline: the interviewer's own marks above, the mapper's below. */
export function momentKind(m: Moment): 'flag' | 'tag' | 'proposed' | 'evidence' | 'rejected' {
  if (m.origin === 'manual') return m.flagged || m.criterionId === null ? 'flag' : 'tag';
  return m.status === 'accepted' ? 'evidence' : m.status;
}

const KIND_WORDS = { flag: 'flag', tag: 'tag', proposed: 'to review', evidence: 'evidence', rejected: 'rejected' } as const;

/** Markers closer than this share of the strip would overlap (a tag is about 10 px on a 900 px strip). */
const MIN_SEPARATION = 0.015;
const MAX_ROWS = 3;

/**
 * Rows so that markers in one row are at least `gap` seconds apart (spans: do not overlap); the
 * last row takes whatever is left, so a burst of tags stays readable without the strip growing forever.
 */
export function stackRows(items: readonly { start: number; end: number }[], gap: number): number[] {
  const rowEnds: number[] = [];
  return items.map((item) => {
    let row = rowEnds.findIndex((end) => item.start >= end + gap);
    if (row === -1) row = rowEnds.length < MAX_ROWS ? rowEnds.length : MAX_ROWS - 1;
    rowEnds[row] = Math.max(rowEnds[row] ?? -Infinity, item.end);
    return row;
  });
}

/**
 * The whole interview as one strip: tags and flags on the upper lane, mapped moments (spans) on the
 * lower one, coloured by the kind of their criterion (deal-breakers stand out); rejected ones stay,
 * dimmed. Each marker is a button that brings its moment into view.
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
  const byTime = [...moments].sort((a, b) => a.start - b.start);
  const manual = byTime.filter((m) => m.origin === 'manual');
  const auto = byTime.filter((m) => m.origin === 'auto');
  const gap = MIN_SEPARATION * length;
  const rows = new Map<string, number>();
  stackRows(manual.map((m) => ({ start: m.start, end: m.start })), gap).forEach((r, i) => rows.set(manual[i]!.id, r));
  stackRows(auto.map((m) => ({ start: m.start, end: Math.max(m.end, m.start + gap / 2) })), 0).forEach((r, i) => rows.set(auto[i]!.id, r));
  const manualRows = Math.max(1, ...manual.map((m) => rows.get(m.id)! + 1));
  const autoRows = Math.max(1, ...auto.map((m) => rows.get(m.id)! + 1));
  const kindOf = (m: Moment) => criteria.find((c) => c.id === m.criterionId)?.kind ?? 'none';
  return (
    <figure className="timeline" aria-label="Timeline of tags and mapped moments">
      <div className="timeline__lanes" style={{ height: `${(manualRows + autoRows) * 22 + 8}px` }}>
        <div className="timeline__lane timeline__lane--manual" style={{ height: `${manualRows * 22 + 4}px` }} aria-hidden="true">
          <span className="timeline__lane-label">Tags</span>
        </div>
        <div className="timeline__lane timeline__lane--auto" style={{ height: `${autoRows * 22 + 4}px` }} aria-hidden="true">
          <span className="timeline__lane-label">Mapped</span>
        </div>
        {byTime.map((m) => {
          const kind = momentKind(m);
          const label = `${momentLabel(m, criteria)}, ${KIND_WORDS[kind]} at ${formatSpan(m.start, m.end)}`;
          const isAuto = m.origin === 'auto';
          const row = rows.get(m.id)!;
          const position = isAuto ? { left: at(m.start), width: `max(6px, calc(${at(m.end - m.start)}))`, bottom: `${5 + row * 22}px` } : { left: at(m.start), top: `${4 + row * 22}px` };
          return (
            <button
              key={m.id}
              type="button"
              className={`timeline__marker timeline__marker--${kind} timeline__marker--criterion-${kindOf(m)}${m.id === selectedId ? ' timeline__marker--selected' : ''}`}
              style={position}
              onClick={() => onSelect(m)}
              aria-label={label}
              title={label}
              data-testid="timeline-marker"
              data-kind={kind}
              data-criterion-kind={kindOf(m)}
              data-row={row}
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
      <figcaption>
        <ul className="timeline__legend" aria-label="Legend">
          {(['must-have', 'trade-off', 'deal-breaker'] as const).map((k) => (
            <li key={k}>
              <span className={`timeline__swatch timeline__marker--criterion-${k}`} aria-hidden="true" />
              {KIND_LABELS[k]}
            </li>
          ))}
          <li>
            <span className="timeline__swatch timeline__swatch--tag" aria-hidden="true" />
            Tag (upper lane)
          </li>
          <li>
            <span className="timeline__swatch timeline__marker--flag" aria-hidden="true" />
            Flag
          </li>
          <li>
            <span className="timeline__swatch timeline__swatch--proposed" aria-hidden="true" />
            To review (outline)
          </li>
          <li>
            <span className="timeline__swatch timeline__swatch--evidence" aria-hidden="true" />
            Evidence (filled)
          </li>
          <li>
            <span className="timeline__swatch timeline__swatch--rejected" aria-hidden="true" />
            Rejected (dimmed)
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
