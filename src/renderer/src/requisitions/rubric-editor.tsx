import { useState } from 'react';
import {
  addCriterion,
  changeKind,
  KINDS,
  moveCriterion,
  removeCriterion,
  updateCriterion,
  type EditableRubric,
} from './editable-rubric.js';
import { CriterionCard } from './criterion-card.js';
import { InterviewPlanEditor } from './interview-plan-editor.js';
import { ShapeBanner } from './shape-banner.js';
import type { RubricCheck } from './use-rubric-check.js';

/**
 * Criteria grouped by kind (must-haves, trade-offs, deal-breakers), the 3/2/1 guidance and the
 * interview plan. The compact view shows one line per criterion; opening one shows its card.
 */
export function RubricEditor({ rubric, check, onChange, readOnly }: { rubric: EditableRubric; check: RubricCheck | undefined; onChange: (next: EditableRubric) => void; readOnly: boolean }) {
  const [compact, setCompact] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);

  function card(c: EditableRubric['criteria'][number], i: number, groupSize: number) {
    return (
      <CriterionCard
        criterion={c}
        position={i + 1}
        isFirst={i === 0}
        isLast={i === groupSize - 1}
        warnings={check?.warnings.get(c.id) ?? []}
        evidence={rubric.evidence.filter((e) => e.criterionId === c.id)}
        stages={rubric.stages}
        onChange={(patch) => onChange(updateCriterion(rubric, c.id, patch))}
        onKind={(kind) => onChange(changeKind(rubric, c.id, kind))}
        onMove={(direction) => onChange(moveCriterion(rubric, c.id, direction))}
        onRemove={() => onChange(removeCriterion(rubric, c.id))}
      />
    );
  }

  function add(kind: (typeof KINDS)[number]['kind']) {
    const [next, id] = addCriterion(rubric, kind);
    onChange(next);
    setOpened(id);
    // Focus the new card's title once it is on screen.
    requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`[data-criterion-id="${id}"] input`)?.focus());
  }

  return (
    <fieldset className="rubric-editor" disabled={readOnly}>
      <legend className="visually-hidden">Rubric</legend>
      <ShapeBanner criteria={rubric.criteria} shape={check?.shape} />
      <div className="rubric-editor__views" role="group" aria-label="Rubric view">
        <button type="button" className="button" aria-pressed={compact} onClick={() => {
            setCompact(true);
            setOpened(null);
          }}
        >
          Compact view
        </button>
        <button type="button" className="button" aria-pressed={!compact} onClick={() => setCompact(false)}>
          All cards
        </button>
      </div>
      {KINDS.map((k) => {
        const group = rubric.criteria.filter((c) => c.kind === k.kind);
        const evidenceOf = (id: string) => rubric.evidence.filter((e) => e.criterionId === id);
        if (compact) {
          return (
            <section key={k.kind} className="kind-group kind-group--compact" aria-labelledby={`group-${k.kind}`} data-testid={`group-${k.kind}`}>
              <h2 id={`group-${k.kind}`} className="visually-hidden">
                {k.plural}
              </h2>
              <ul className="criterion-lines" aria-label={k.plural}>
                {group.map((c, i) => (
                  <li key={c.id} className={`criterion-line criterion-line--${c.kind}`} data-criterion-id={c.id} data-testid="criterion-line">
                    <button type="button" className="criterion-line__open" aria-expanded={opened === c.id} onClick={() => setOpened(opened === c.id ? null : c.id)}>
                      <span className={`kind-dot kind-dot--${c.kind}`} aria-hidden="true" />
                      <span className="criterion-line__kind">{k.label}</span>
                      <span className="criterion-line__title">{c.title.trim() || 'Untitled'}</span>
                      <span className="criterion-line__evidence muted">
                        {evidenceOf(c.id).length} {evidenceOf(c.id).length === 1 ? 'quote' : 'quotes'}
                      </span>
                      {(check?.warnings.get(c.id) ?? []).length > 0 && <span className="criterion-line__warning">vague</span>}
                    </button>
                    {opened === c.id && card(c, i, group.length)}
                  </li>
                ))}
              </ul>
            </section>
          );
        }
        return (
          <section key={k.kind} className="kind-group" aria-labelledby={`group-${k.kind}`} data-testid={`group-${k.kind}`}>
            <div className="rq-section-head">
              <h2 id={`group-${k.kind}`}>
                <span className={`kind-dot kind-dot--${k.kind}`} aria-hidden="true" /> {k.plural} <span className="muted">({group.length})</span>
              </h2>
              <button type="button" className="button" onClick={() => add(k.kind)}>
                Add {k.label.toLowerCase()}
              </button>
            </div>
            <p className="field__hint">{k.hint}</p>
            {group.map((c, i) => (
              <div key={c.id} data-criterion-id={c.id}>
                {card(c, i, group.length)}
              </div>
            ))}
          </section>
        );
      })}
      <InterviewPlanEditor rubric={rubric} onChange={onChange} />
    </fieldset>
  );
}
