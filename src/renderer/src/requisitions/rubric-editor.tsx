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
import { useRubricCheck } from './use-rubric-check.js';

/** Criteria grouped by kind (must-haves, trade-offs, deal-breakers), the 3/2/1 guidance and the interview plan. */
export function RubricEditor({ rubric, onChange, readOnly }: { rubric: EditableRubric; onChange: (next: EditableRubric) => void; readOnly: boolean }) {
  const check = useRubricCheck(rubric.criteria);

  function add(kind: (typeof KINDS)[number]['kind']) {
    const [next, id] = addCriterion(rubric, kind);
    onChange(next);
    // Focus the new card's title once it is on screen.
    requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`[data-criterion-id="${id}"] input`)?.focus());
  }

  return (
    <fieldset className="rubric-editor" disabled={readOnly}>
      <legend className="visually-hidden">Rubric</legend>
      <ShapeBanner criteria={rubric.criteria} shape={check?.shape} />
      {KINDS.map((k) => {
        const group = rubric.criteria.filter((c) => c.kind === k.kind);
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
                <CriterionCard
                  criterion={c}
                  position={i + 1}
                  isFirst={i === 0}
                  isLast={i === group.length - 1}
                  warnings={check?.warnings.get(c.id) ?? []}
                  evidence={rubric.evidence.filter((e) => e.criterionId === c.id)}
                  stages={rubric.stages}
                  onChange={(patch) => onChange(updateCriterion(rubric, c.id, patch))}
                  onKind={(kind) => onChange(changeKind(rubric, c.id, kind))}
                  onMove={(direction) => onChange(moveCriterion(rubric, c.id, direction))}
                  onRemove={() => onChange(removeCriterion(rubric, c.id))}
                />
              </div>
            ))}
          </section>
        );
      })}
      <InterviewPlanEditor rubric={rubric} onChange={onChange} />
    </fieldset>
  );
}
