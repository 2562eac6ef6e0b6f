import { useId } from 'react';
import {
  addQuestion,
  addStage,
  KINDS,
  removeQuestion,
  removeStage,
  toggleLink,
  updateQuestion,
  updateStage,
  type EditableQuestion,
  type EditableRubric,
  type EditableStage,
} from './editable-rubric.js';

/**
 * Questions per interview stage, each linked to the criteria it probes. The recorder shows these
 * during the call, so an interviewer sees which criterion a question is for.
 */
export function InterviewPlanEditor({ rubric, onChange }: { rubric: EditableRubric; onChange: (next: EditableRubric) => void }) {
  return (
    <section className="plan-editor" aria-labelledby="plan-title">
      <div className="rq-section-head">
        <h2 id="plan-title">Interview plan</h2>
        <button type="button" className="button" onClick={() => onChange(addStage(rubric, rubric.stages.length === 0 ? 'Phone screen' : ''))}>
          Add stage
        </button>
      </div>
      {rubric.stages.length === 0 && <p className="muted">No stages yet. Add a stage, then the questions asked in it and the criteria each one probes.</p>}
      {rubric.stages.map((stage, i) => (
        <StageEditor key={stage.key} index={i} stage={stage} rubric={rubric} onChange={onChange} />
      ))}
      {rubric.stages.length > 0 && <p className="field__hint">A stage is kept once it has a question.</p>}
    </section>
  );
}

function StageEditor({ stage, index, rubric, onChange }: { stage: EditableStage; index: number; rubric: EditableRubric; onChange: (next: EditableRubric) => void }) {
  const nameId = useId();
  return (
    <fieldset className="plan-stage" data-testid="plan-stage">
      <legend className="visually-hidden">Stage {index + 1}</legend>
      <div className="plan-stage__head">
        <div className="field">
          <label htmlFor={nameId}>Stage {index + 1} name</label>
          <input id={nameId} type="text" value={stage.name} maxLength={200} placeholder="e.g. Technical screen" onChange={(e) => onChange(updateStage(rubric, stage.key, { name: e.target.value }))} />
        </div>
        <button type="button" className="button" onClick={() => onChange(addQuestion(rubric, stage.key))}>
          Add question
        </button>
        <button type="button" className="button rq-danger" aria-label={`Remove stage ${stage.name || index + 1}`} onClick={() => onChange(removeStage(rubric, stage.key))}>
          Remove stage
        </button>
      </div>
      <ol className="plan-questions">
        {stage.questions.map((q, qi) => (
          <QuestionEditor key={q.id} question={q} number={qi + 1} stage={stage} rubric={rubric} onChange={onChange} />
        ))}
      </ol>
    </fieldset>
  );
}

function QuestionEditor({ question: q, number, stage, rubric, onChange }: { question: EditableQuestion; number: number; stage: EditableStage; rubric: EditableRubric; onChange: (next: EditableRubric) => void }) {
  const textId = useId();
  const named = rubric.criteria.filter((c) => c.title.trim());
  return (
    <li className="plan-question" data-testid="plan-question">
      <div className="field">
        <label htmlFor={textId}>Question {number}</label>
        <div className="field__row">
          <input id={textId} type="text" value={q.text} maxLength={1000} placeholder="What will you ask?" onChange={(e) => onChange(updateQuestion(rubric, stage.key, q.id, { text: e.target.value }))} />
          <button type="button" className="button rq-icon-button rq-danger" aria-label={`Remove question ${number}`} onClick={() => onChange(removeQuestion(rubric, stage.key, q.id))}>
            ✕
          </button>
        </div>
      </div>
      <fieldset className="plan-links">
        <legend>Probes</legend>
        {named.length === 0 && <span className="muted">Name a criterion first.</span>}
        {named.map((c) => (
          <label key={c.id} className="plan-link">
            <input type="checkbox" checked={q.criterionIds.includes(c.id)} onChange={(e) => onChange(toggleLink(rubric, stage.key, q.id, c.id, e.target.checked))} />
            <span className={`kind-dot kind-dot--${c.kind}`} aria-hidden="true" />
            {c.title}
            <span className="visually-hidden"> ({KINDS.find((k) => k.kind === c.kind)!.label})</span>
          </label>
        ))}
      </fieldset>
    </li>
  );
}
