import { countByKind, KINDS, type EditableCriterion } from './editable-rubric.js';
import type { RubricCheck } from './use-rubric-check.js';

/** The intake convention (3 must-haves, 2 trade-offs, 1 deal-breaker): where this rubric stands, and what to ask when it differs. */
export function ShapeBanner({ criteria, shape }: { criteria: readonly EditableCriterion[]; shape: RubricCheck['shape'] | undefined }) {
  const counts = countByKind(criteria);
  const matches = KINDS.every((k) => counts[k.kind] === k.expected);
  return (
    <section className={`shape-banner ${matches ? 'shape-banner--ok' : ''}`} aria-label="Rubric shape" data-testid="shape-guidance" role="status">
      <p className="shape-banner__counts">
        {KINDS.map((k) => (
          <span key={k.kind} className={`shape-count ${counts[k.kind] === k.expected ? 'shape-count--ok' : ''}`}>
            {k.plural}: <strong>{counts[k.kind]}</strong> of {k.expected}
          </span>
        ))}
      </p>
      {matches ? (
        <p className="shape-banner__message">Matches the intake convention: 3 must-haves, 2 trade-offs, 1 deal-breaker.</p>
      ) : (
        <ul className="shape-banner__advice">
          {(shape ?? []).map((g) => (
            <li key={g.kind}>{g.message}</li>
          ))}
        </ul>
      )}
      {!matches && <p className="field__hint">The convention makes the hiring manager rank; other shapes are allowed.</p>}
    </section>
  );
}
