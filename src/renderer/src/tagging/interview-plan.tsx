import type { SessionRubric } from './tagging-types.js';

/** The rubric's interview plan: questions per stage, each with the criteria it probes (and their keys). */
export function InterviewPlan({ rubric }: { rubric: SessionRubric }) {
  const stages = rubric.stages.filter((s) => s.questions.length > 0);
  if (stages.length === 0) return <p className="muted interview-plan__none">This rubric has no interview plan.</p>;
  return (
    <details className="interview-plan" open>
      <summary>Interview plan</summary>
      {stages.map((stage) => (
        <section key={stage.name} aria-label={`Stage: ${stage.name}`}>
          <h3>{stage.name}</h3>
          <ol>
            {stage.questions.map((q) => (
              <li key={q.id} data-testid="plan-question">
                <span>{q.text}</span>
                <span className="interview-plan__probes">
                  {q.criterionIds.map((id) => {
                    const criterion = rubric.criteria.find((c) => c.id === id);
                    if (!criterion) return null;
                    return (
                      <span key={id} className={`criterion-tag criterion-tag--${criterion.kind}`}>
                        {criterion.hotkey && <kbd>{criterion.hotkey}</kbd>}
                        {criterion.title}
                      </span>
                    );
                  })}
                </span>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </details>
  );
}
