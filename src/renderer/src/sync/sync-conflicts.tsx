import { Fragment } from 'react';
import type { OutputOf } from '../../../shared/ipc/contract.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';

type Conflict = OutputOf<'sync:conflicts'>[number];

const shown = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? `${Array.isArray(v) ? v.length : Object.keys(v).length} item(s)` : String(v));

/** The fields where the two versions differ, side by side; ids and edit times stay out of the way. */
function differences(c: Conflict): { field: string; values: [string, string] }[] {
  const [a, b] = [c.sides[0].payload, c.sides[1].payload];
  if (a === null || b === null) return [{ field: 'row', values: [a === null ? 'Deleted' : 'Kept', b === null ? 'Deleted' : 'Kept'] }];
  const skip = new Set(['id', 'created_at', 'updated_at']);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => !skip.has(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => ({ field: k.replace(/_/g, ' '), values: [shown(a[k]), shown(b[k])] }));
}

/**
 * The conflict chooser: two laptops changed the same draft rubric or candidate from the same
 * version. Both versions are shown; the person keeps one, which every laptop then takes.
 */
export function SyncConflicts({ onResolved }: { onResolved: (status: OutputOf<'sync:status'>) => void }) {
  const [conflicts, reload] = useIpc(() => window.debrief.syncConflicts(), 'sync-conflicts');
  const action = useIpcAction();
  if (conflicts.state === 'loading') return null;
  if (conflicts.state === 'error') return <ErrorMessage error={conflicts.error} />;
  if (conflicts.value.length === 0) return null;

  async function keep(c: Conflict, changeId: string) {
    const status = await action.run(() => window.debrief.syncResolve({ conflictId: c.id, keepChangeId: changeId }));
    if (status) {
      onResolved(status);
      reload();
    }
  }

  return (
    <div data-testid="sync-conflicts">
      <h3>Changed on two laptops at once</h3>
      <p className="muted">Nothing was overwritten. Choose the version to keep; the other laptops take your choice when they next sync.</p>
      {action.error && <ErrorMessage title="Could not keep that version." error={action.error} />}
      {conflicts.value.map((c) => (
        <article key={c.id} className="panel" aria-label={`Conflict: ${c.label}`}>
          <h4>{c.label}</h4>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '1rem' }}>
            {c.sides.map((side, i) => (
              <section key={side.changeId} aria-label={side.mine ? 'Version from this laptop' : `Version from laptop ${side.device}`}>
                <p className="muted">
                  {side.mine ? 'From this laptop' : `From another laptop (${side.device})`}, {new Date(side.madeAt).toLocaleString()}
                  {side.shown ? ' (shown for now)' : ''}
                </p>
                <dl className="facts">
                  {differences(c).map((d) => (
                    <Fragment key={d.field}>
                      <dt>{d.field}</dt>
                      <dd>{d.values[i]}</dd>
                    </Fragment>
                  ))}
                </dl>
                <button type="button" className="button" disabled={action.busy} onClick={() => void keep(c, side.changeId)}>
                  Keep this version
                </button>
              </section>
            ))}
          </div>
        </article>
      ))}
    </div>
  );
}
